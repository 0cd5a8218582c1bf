import type { FastifyReply } from 'fastify';

/** The body of every /api response. */
export interface Envelope<T> {
  succeeded: boolean;
  message: string;
  data: T | null;
}

export function success<T>(data: T, message = ''): Envelope<T> {
  return { succeeded: true, message, data };
}

export function failure(message: string): Envelope<null> {
  return { succeeded: false, message, data: null };
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

/** JSON schema for a body made of required string fields. */
export function stringFields(...names: string[]) {
  return {
    type: 'object',
    required: names,
    properties: Object.fromEntries(
      names.map((name) => [name, { type: 'string', maxLength: 4096 }]),
    ),
  } as const;
}
