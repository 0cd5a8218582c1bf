import { ApiEnvelope } from '../core/api/api-envelope';

/** The API's answer to a request it carried out. */
export function ok<T>(data: T, message = ''): ApiEnvelope<T> {
  return { succeeded: true, message, data };
}

/** The API's answer to a request it refused, in its own words. */
export function refused(message: string): ApiEnvelope<null> {
  return { succeeded: false, message, data: null };
}
