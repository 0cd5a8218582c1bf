import type { Clock } from './clock.ts';
import type { OidcProvider } from './oidc-provider.ts';
import type { Store } from './store.ts';
import type { TokenService } from './tokens.ts';

/**
 * What the route modules share. It lives apart from server.ts so that the route modules, which
 * server.ts imports, do not import server.ts back.
 */
export interface AppContext {
  store: Store;
  clock: Clock;
  totpWindow: number;
  tokens: TokenService;
  oidc: OidcProvider;
}
