/** Every JSON response of the Paradarum API is wrapped in this envelope. */
export interface ApiEnvelope<T> {
  readonly succeeded: boolean;
  readonly message: string;
  readonly data: T | null;
}

/** The payload of a successful envelope; an envelope that reports failure becomes an error. */
export function unwrapEnvelope<T>(envelope: ApiEnvelope<T>): T {
  if (!envelope.succeeded || envelope.data === null) {
    throw new Error(envelope.message || 'The Paradarum API answered without data.');
  }
  return envelope.data;
}
