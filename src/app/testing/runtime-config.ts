import { Provider } from '@angular/core';
import { RUNTIME_CONFIG, RuntimeConfig } from '../core/config/runtime-config';

export const TEST_API_BASE_URL = 'http://localhost/api';

/** Provides a RuntimeConfig for unit tests; the API lives at `http://localhost/api` (jsdom's origin). */
export function provideTestRuntimeConfig(overrides: Partial<RuntimeConfig> = {}): Provider {
  return {
    provide: RUNTIME_CONFIG,
    useValue: {
      apiBaseUrl: TEST_API_BASE_URL,
      sessionPersistence: 'session',
      oidc: null,
      ...overrides,
    } satisfies RuntimeConfig,
  };
}
