// `npm start`: the seeded mock API, then `ng serve` proxying /api to it, at http://localhost:4200.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mockPort = process.env.MOCK_PORT ?? '3000';
const children = [];

function run(command, args, options = {}) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
  children.push(child);
  child.on('exit', (code) => {
    console.error(`${args[0] ?? command} exited (${code}); stopping.`);
    stopAll(code ?? 1);
  });
  return child;
}

function stopAll(code) {
  for (const child of children) {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  process.exit(code);
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

const mock = run(
  process.execPath,
  [
    '--no-warnings=ExperimentalWarning',
    'mock-server/src/main.ts',
    '--port',
    mockPort,
    // The browser meets the identity provider through ng serve's proxy, on the dev server's origin.
    '--oidc-issuer',
    'http://localhost:4200/oidc',
    ...process.argv.slice(2),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);

let ready = false;
mock.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!ready && /listening on http/.test(chunk.toString())) {
    ready = true;
    run(join(root, 'node_modules/.bin/ng'), ['serve', '--port', '4200'], {
      env: { ...process.env, PARADARUM_API_TARGET: `http://127.0.0.1:${mockPort}` },
    });
  }
});
