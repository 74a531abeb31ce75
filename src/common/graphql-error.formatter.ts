import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { DomainError } from '../domain';
import { graphqlCodeFor } from './error-mapping';

/** Apollo codes that describe something the caller sent; passed through as they are. */
const CALLER_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

function originalOf(error: unknown): unknown {
  let e = error as { originalError?: unknown } | undefined;
  while (e && typeof e === 'object' && 'originalError' in e && e.originalError) e = e.originalError as typeof e;
  return e;
}

/**
 * One shape for every GraphQL error: domain errors carry their mapped code (and field errors);
 * anything unexpected becomes INTERNAL_SERVER_ERROR with no message, stack or internals.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: Logger,
): GraphQLFormattedError {
  const original = originalOf(error);
  const requestId = (formatted.extensions?.requestId as string | undefined) ?? undefined;
  if (original instanceof DomainError) {
    const { fields, ...details } = original.details;
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: graphqlCodeFor(original.code),
        domainCode: original.code,
        ...(fields ? { fields } : {}),
        ...(Object.keys(details).length ? { details } : {}),
      },
    };
  }
  const code = String(formatted.extensions?.code ?? '');
  if (CALLER_CODES.has(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  logger.error({ err: original, requestId, path: formatted.path }, 'unhandled GraphQL error');
  return { message: 'Internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
