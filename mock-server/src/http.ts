import type { FastifyReply } from 'fastify';

/** The body of every /api response that succeeded. */
export function success<const T>(data: T, message = '') {
  return { succeeded: true as const, message, data };
}

/** The body of every /api response that was refused. */
export function failure(message: string) {
  return { succeeded: false as const, message, data: null };
}

/** Thrown by handlers and hooks; the error handler turns it into an envelope with this status. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly headers: Record<string, string>;

  constructor(statusCode: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.statusCode = statusCode;
    this.headers = headers;
  }
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, message);
}

export function sendFailure(
  reply: FastifyReply,
  statusCode: number,
  message: string,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply.code(statusCode).headers(headers).send(failure(message));
}

/** A positive integer route id, or null for anything else (answered like an unknown id). */
export function parseId(value: string): number | null {
  return /^[1-9]\d{0,9}$/.test(value) ? Number(value) : null;
}
