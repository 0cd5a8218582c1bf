/**
 * Where one request stands, as one value, so "loading" and "its error" can never disagree.
 * Every store uses this vocabulary; `failed` carries the message for the user.
 */
export type RequestStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded' }
  | {
      readonly kind: 'failed';
      readonly message: string;
      /** What the request acted on no longer exists (404): reload it rather than try again. */
      readonly gone?: boolean;
    };

export const idle: RequestStatus = { kind: 'idle' };
export const loading: RequestStatus = { kind: 'loading' };
export const loaded: RequestStatus = { kind: 'loaded' };

export function failed(message: string, { gone = false } = {}): RequestStatus {
  return gone ? { kind: 'failed', message, gone } : { kind: 'failed', message };
}
