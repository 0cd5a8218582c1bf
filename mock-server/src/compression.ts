import { constants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Compresses API responses (the property list at 5,000 properties is about 1 MB of JSON, 20 kB
 * with brotli). Register before the routes and before the static files, whose precompressed
 * `.br`/`.gz` already carry a Content-Encoding and are left alone. Responses under 1 KiB (most
 * envelopes, every 4xx) stay plain; there the headers would cost more than they save.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    // Quality 11 is for build time (scripts/compress-build.mjs); per response, 4 is the usual
    // trade-off: most of the saving for a small share of the CPU.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    // The API accepts plain JSON bodies only: a gzip body must not be inflated past the body limit.
    globalDecompression: false,
  });
}
