// Run by `npm run build` after `ng build`: writes `<file>.br` (brotli, quality 11) and
// `<file>.gz` (gzip -9) beside every text asset of the build, for hosts that serve precompressed
// files (the mock's @fastify/static, nginx's brotli_static/gzip_static, most CDNs).
import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const TEXT = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.svg',
  '.txt',
  '.xml',
  '.webmanifest',
]);
// config.json is rewritten per environment after the build: a stale .br beside a new config.json
// would be served instead of it, so it is never precompressed.
const NEVER = new Set(['config.json']);

const root = process.argv[2] ?? 'dist/paradarum-panel/browser';
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function* files(directory) {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

async function writeSmaller(path, original, compressed) {
  // A variant that saves nothing is not written: servers then send the file itself.
  if (compressed.length < original.length) await writeFile(path, compressed);
  else await unlink(path).catch(() => {});
}

let count = 0;
let raw = 0;
let br = 0;
for await (const path of files(root)) {
  const name = relative(root, path);
  if (!TEXT.has(extname(path)) || NEVER.has(name)) continue;
  const original = await readFile(path);
  const [brotlied, gzipped] = await Promise.all([
    brotli(original, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: (await stat(path)).size,
      },
    }),
    gzipAsync(original, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  await writeSmaller(`${path}.br`, original, brotlied);
  await writeSmaller(`${path}.gz`, original, gzipped);
  count += 1;
  raw += original.length;
  br += Math.min(brotlied.length, original.length);
}
console.log(
  `compress-build: ${count} text files in ${root}, ${(raw / 1024).toFixed(1)} kB raw, ${(br / 1024).toFixed(1)} kB brotli`,
);
