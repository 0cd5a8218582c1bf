import { startMockProcess } from '../../../mock-server/testing/mock-process';

/** A created key with the prefix the server knows it by. Never printed by the specs. */
export interface IssuedKey {
  readonly raw: string;
  readonly prefix: string;
}

/**
 * The real mock server on a free port over a fresh data file, signed in as the seeded demo
 * account, for node-environment specs that run the panel's snippets against the real API.
 */
export interface DemoMockServer {
  /** The API's base URL, e.g. `http://127.0.0.1:41234/api`. */
  readonly apiBaseUrl: string;
  /** A folder of its own, removed by `stop()`, for the data file and any script a spec writes. */
  readonly workDir: string;
  /** The demo account's first property. */
  readonly propertyId: number;
  /**
   * Creates keys until each symbol occurs in at least one kept key (keys are random), and returns
   * the kept ones: together they hold every symbol.
   */
  keysHoldingEvery(symbols: readonly string[], name: string): Promise<IssuedKey[]>;
  /** Stops the server, waiting for its exit so its last write never races the folder's removal. */
  stop(): Promise<void>;
}

export async function startDemoMockServer(): Promise<DemoMockServer> {
  const { url, workDir, stop } = await startMockProcess();
  try {
    const apiBaseUrl = `${url}/api`;
    const api = apiAt(apiBaseUrl);
    const { Token: token } = await api<{ Token: string }>('/Auth/Login', {
      method: 'POST',
      body: JSON.stringify({ username: 'demo@paradarum.test', password: 'Paradarum-demo-1' }),
    });
    const [{ id: propertyId }] = await api<{ id: number }[]>('/property', { token });

    const keysHoldingEvery = async (symbols: readonly string[], name: string) => {
      const kept: IssuedKey[] = [];
      const missing = new Set(symbols);
      for (let attempt = 0; attempt < 200 && missing.size > 0; attempt++) {
        const created = await api<{ key: string; prefix: string }>('/apikey', {
          method: 'POST',
          token,
          body: JSON.stringify({ name: `${name} ${attempt}` }),
        });
        const covers = [...missing].filter((symbol) => created.key.includes(symbol));
        if (covers.length > 0) {
          covers.forEach((symbol) => missing.delete(symbol));
          kept.push({ raw: created.key, prefix: created.prefix });
        }
      }
      if (missing.size > 0) {
        throw new Error(`no key with ${[...missing].join(' ')} after 200 tries`);
      }
      return kept;
    };
    return { apiBaseUrl, workDir, propertyId, keysHoldingEvery, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Calls the API and unwraps its envelope; a refusal names only the method, path and status. */
function apiAt(apiBaseUrl: string) {
  return async <T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (init.token) {
      headers['Authorization'] = `Bearer ${init.token}`;
    }
    const response = await fetch(`${apiBaseUrl}${path}`, { ...init, headers });
    if (!response.ok) {
      throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}`);
    }
    return ((await response.json()) as { data: T }).data;
  };
}
