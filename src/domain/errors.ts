/**
 * Domain errors carry a code; each transport maps every code exhaustively
 * (see the HTTP and GraphQL mappers), so a new code cannot go unmapped.
 */
export const DOMAIN_ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'VERSION_CONFLICT',
  'PRECONDITION_REQUIRED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'UNKNOWN_REGION',
  'RATES_UNAVAILABLE',
  'DEPENDENCY_UNAVAILABLE',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface FieldError {
  /** Dotted path of the offending field, e.g. `workload.avgRecordSizeKB`. */
  field: string;
  /** A sentence a person understands: `avgRecordSizeKB must be greater than 0`. */
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: { fields?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationError extends DomainError {
  constructor(fields: FieldError[], message = 'The request is not valid') {
    super('VALIDATION_FAILED', message, { fields });
    this.name = 'ValidationError';
  }
}

/** Compile-time exhaustiveness guard for switches over codes. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}
