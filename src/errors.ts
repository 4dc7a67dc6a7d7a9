/**
 * Every error Concierge raises on purpose carries a stable code, so callers branch on the code
 * and never on message text.
 */
export const ErrorCode = {
  InvalidConfig: 'invalid_config',
  NoMongoServer: 'no_mongo_server',
  MongoServerStart: 'mongo_server_start_failed',
  /** A dependency cannot take the work now; the caller may try again later. */
  Unavailable: 'unavailable',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class ConciergeError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConciergeError';
    this.code = code;
  }
}

export function isConciergeError(error: unknown, code?: ErrorCode): error is ConciergeError {
  return error instanceof ConciergeError && (code === undefined || error.code === code);
}
