import type { Clock } from './clock.ts';
import type { Lockout } from './lockout.ts';
import type { OidcProvider } from './oidc-provider.ts';
import type { PasswordQueue } from './password-queue.ts';
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
  /** Sign-in lockout, shared by the sign-in and the account endpoints. */
  lockout: Lockout;
  /** Every password hash and check goes through it. */
  passwordQueue: PasswordQueue;
}
