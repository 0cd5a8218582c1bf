import { HttpErrorResponse } from '@angular/common/http';
import { ApiEnvelopeError, unwrapEnvelope } from './api-envelope';
import { apiErrorMessage, isNotFound } from './api-error-message';

function httpError(status: number, body: unknown = null): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body, url: 'https://panel.example/api/x' });
}

describe('apiErrorMessage', () => {
  it('says the API cannot be reached when the request never got an answer', () => {
    expect(apiErrorMessage(httpError(0))).toMatch(/cannot be reached/);
  });

  it("uses the API's envelope message for client errors", () => {
    const error = httpError(400, { succeeded: false, message: 'Name is required.', data: null });

    expect(apiErrorMessage(error)).toBe('Name is required.');
  });

  it('prefers the caller wording for a given status', () => {
    const error = httpError(404, { succeeded: false, message: 'Property not found.', data: null });

    expect(apiErrorMessage(error, { 404: 'This property does not exist.' })).toBe(
      'This property does not exist.',
    );
  });

  it('hides server failures behind a generic sentence', () => {
    expect(apiErrorMessage(httpError(500, 'stack trace'))).toMatch(/on our side/);
  });

  it("uses the API's words when a successful answer's envelope reports failure", () => {
    let refusal: unknown;
    try {
      unwrapEnvelope({ succeeded: false, message: 'Two-factor is already on.', data: null });
    } catch (error: unknown) {
      refusal = error;
    }

    expect(refusal).toBeInstanceOf(ApiEnvelopeError);
    expect(apiErrorMessage(refusal)).toBe('Two-factor is already on.');
  });

  it('falls back to a generic sentence for anything else', () => {
    expect(apiErrorMessage(new Error('boom'))).toMatch(/unexpected/);
  });
});

describe('isNotFound', () => {
  it('is true for a 404 answer', () => {
    expect(isNotFound(httpError(404))).toBe(true);
  });

  it('is false for other failures, which trying again may cure', () => {
    expect([httpError(0), httpError(409), httpError(503), new Error('x')].map(isNotFound)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
