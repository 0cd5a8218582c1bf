/**
 * Runs the two validators that client generators' users run on an OpenAPI document: swagger-parser
 * (the document is valid OpenAPI) and Redocly's recommended rules. Reads the document on stdin and
 * prints `{ invalid, problems }` as JSON: swagger-parser's message (or null), and each Redocly
 * problem. A separate process because both validators ship ES modules only, which Jest's CommonJS
 * runtime cannot load; `openapi.spec.ts` runs it on the served document.
 *
 *   curl -s http://127.0.0.1:3000/swagger/v1/swagger.json | node mock-server/src/check-openapi.ts
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { text } from 'node:stream/consumers';

const source = await text(process.stdin);
let invalid: string | null = null;
try {
  await SwaggerParser.validate(JSON.parse(source));
} catch (error) {
  invalid = (error as Error).message;
}
const config = await createConfig({ extends: ['recommended'] });
const problems = (await lintFromString({ source, absoluteRef: 'swagger.json', config })).map(
  (problem) => ({
    severity: problem.severity,
    rule: problem.ruleId,
    message: problem.message,
    at: problem.location[0]?.pointer,
  }),
);
process.stdout.write(`${JSON.stringify({ invalid, problems }, null, 2)}\n`);
