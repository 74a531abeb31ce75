import { DomainError, type DomainErrorCode, assertNever } from '../domain';

/** HTTP status for each domain error code. Exhaustive: a new code fails to compile until mapped. */
export function httpStatusFor(code: DomainErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'UNKNOWN_REGION':
      return 404;
    case 'VERSION_CONFLICT':
      return 412;
    case 'PRECONDITION_REQUIRED':
      return 428;
    case 'RATE_LIMITED':
      return 429;
    case 'RATES_UNAVAILABLE':
    case 'DEPENDENCY_UNAVAILABLE':
      return 503;
    default:
      return assertNever(code);
  }
}

/** GraphQL `extensions.code` for each domain error code. Exhaustive, like the HTTP mapping. */
export function graphqlCodeFor(code: DomainErrorCode): string {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'PRECONDITION_REQUIRED':
      return 'BAD_USER_INPUT';
    case 'UNAUTHENTICATED':
      return 'UNAUTHENTICATED';
    case 'FORBIDDEN':
      return 'FORBIDDEN';
    case 'NOT_FOUND':
    case 'UNKNOWN_REGION':
      return 'NOT_FOUND';
    case 'VERSION_CONFLICT':
      return 'CONFLICT';
    case 'RATE_LIMITED':
      return 'RATE_LIMITED';
    case 'RATES_UNAVAILABLE':
    case 'DEPENDENCY_UNAVAILABLE':
      return 'SERVICE_UNAVAILABLE';
    default:
      return assertNever(code);
  }
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  requestId: string;
  fields?: { field: string; message: string }[];
  details?: Record<string, unknown>;
}

export function domainErrorBody(error: DomainError, requestId: string): ErrorBody {
  const { fields, ...details } = error.details;
  return {
    statusCode: httpStatusFor(error.code),
    code: error.code,
    message: error.message,
    requestId,
    ...(fields ? { fields } : {}),
    ...(Object.keys(details).length ? { details } : {}),
  };
}
