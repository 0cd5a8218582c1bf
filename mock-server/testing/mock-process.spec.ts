import { existsSync, readFileSync } from 'node:fs';
import { startMockProcess } from './mock-process.ts';

describe('startMockProcess', () => {
  it('starts the mock on a free port over a fresh data file, and stop() removes both', async () => {
    const mock = await startMockProcess();

    const answer = await fetch(`${mock.url}/api/property`);
    expect(answer.status).toBe(401);
    expect(JSON.parse(readFileSync(mock.dbFile, 'utf8'))).toHaveProperty('users');
    await mock.stop();

    await expect(fetch(`${mock.url}/api/property`)).rejects.toThrow();
    expect(existsSync(mock.workDir)).toBe(false);
  });

  it('fails with the mock’s own words when it refuses to start', async () => {
    await expect(startMockProcess(['--no-such-option'])).rejects.toThrow(
      /mock server exited \(2\):[\s\S]*no-such-option/,
    );
  });
});
