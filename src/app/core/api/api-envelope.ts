/** Every JSON response of the Paradarum API is wrapped in this envelope. */
export interface ApiEnvelope<T> {
  readonly succeeded: boolean;
  readonly message: string;
  readonly data: T | null;
}

/** A 2xx answer whose envelope reports failure; its message is the API's own words. */
export class ApiEnvelopeError extends Error {
  override readonly name = 'ApiEnvelopeError';
}

/** The payload of a successful envelope; an envelope that reports failure becomes an error. */
export function unwrapEnvelope<T>(envelope: ApiEnvelope<T>): T {
  requireSuccess(envelope);
  if (envelope.data === null) {
    throw new ApiEnvelopeError('The Paradarum API answered without data.');
  }
  return envelope.data;
}

/** For endpoints whose success carries no data: only `succeeded` matters. */
export function requireSuccess(envelope: ApiEnvelope<unknown>): void {
  if (!envelope.succeeded) {
    throw new ApiEnvelopeError(envelope.message || 'The Paradarum API refused the request.');
  }
}
