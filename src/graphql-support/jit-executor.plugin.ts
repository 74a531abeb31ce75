import type { ApolloServerPlugin, BaseContext, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { DocumentNode, GraphQLError, GraphQLFormattedError } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { ByteBoundedCache } from '../common/byte-bounded-cache';
import type { Metrics } from '../infrastructure/metrics/metrics';
import { documentShape } from './document-shape';

/** Heap the compiled operations may hold together (least recently used first out). */
export const JIT_CACHE_BYTES = 64 * 1024 * 1024;
/**
 * Heap of one compiled operation, estimated from what graphql-jit generates: a fixed part (the compiled functions'
 * closures and the query's own objects) and a part per field once fragments are expanded (graphql-jit inlines every
 * spread), plus the query text. Measured after full collections: ~108 KB for the portal query (25 fields), ~273 KB
 * for GraphiQL's introspection query (220 fields) compiled alone; in the running app, 20 operations of ~190 fields
 * grew the heap by ~4.1 MB, parsed documents included, against ~5.8 MB estimated
 * (test/security/graphql-jit-memory.e2e.spec.ts checks the estimate is not below the growth).
 */
export const JIT_BYTES_BASE = 96 * 1024;
export const JIT_BYTES_PER_FIELD = 1024;
/**
 * Largest operation compiled, in fields once fragments are expanded: compiling is synchronous and grows with the
 * fields (GraphiQL's introspection fragments, ~190 fields: 40–260 ms on the development machine under load), so
 * larger operations run on graphql-js rather than stall the event loop. The console's largest operation has 80.
 */
export const JIT_MAX_FIELDS = 100;
/** Operations seen once, remembered so the second sighting compiles (a one-off query never does). */
const SEEN_MAX = 4096;
/** New operations one API key may have compiled per minute; past that its new queries run on graphql-js. */
export const JIT_COMPILES_PER_KEY_PER_MINUTE = 30;
const CHURN_WINDOW_MS = 60_000;
/** Keys whose compilations are counted at once (the oldest window is forgotten first). */
const CHURN_KEYS = 10_000;

/** Fields of the document once its fragments are expanded (Infinity when it cannot be measured). */
function fieldsOf(document: DocumentNode): number {
  try {
    return documentShape(document).fields;
  } catch {
    return Infinity;
  }
}

export function estimatedCompiledBytes(fields: number, source: string): number {
  return JIT_BYTES_BASE + JIT_BYTES_PER_FIELD * fields + 2 * source.length;
}

/** The API key behind a request, when it has one (graphqlContext leaves the caller on the request). */
const keyOf = (context: BaseContext): string | undefined =>
  (context as { req?: { caller?: { keyId: string } } }).req?.caller?.keyId;

/**
 * Runs queries with graphql-jit (each operation compiled once into a JavaScript function) instead of
 * graphql-js's interpreter, behind Apollo: parsing, validation, the query limits, the context and every other
 * plugin stay Apollo's. A compiled run answers here, field errors included: they are written as Apollo writes
 * them (`formatApolloErrors`, with the same formatError), so every resolver runs once. What goes to Apollo's own
 * execution: a mutation, a subscription, an operation graphql-jit cannot compile or the caller may not have
 * compiled, and a run that produced no data at all (variables that do not coerce: nothing was resolved).
 *
 * Memory and time: compiled operations are kept within JIT_CACHE_BYTES (estimatedCompiledBytes each); an operation
 * is compiled the second time it is seen (a stream of distinct queries compiles nothing), only for a caller with a
 * valid API key (anonymous queries always run on graphql-js), only up to JIT_MAX_FIELDS fields, and one key
 * compiles at most JIT_COMPILES_PER_KEY_PER_MINUTE a minute: distinct queries can neither grow the heap past the
 * budget, nor flush everyone else's compiled operations in a burst, nor stall the event loop compiling.
 */
export function jitExecutorPlugin(
  options: {
    metrics?: Metrics;
    formatError?: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
    maxBytes?: number;
  } = {},
): ApolloServerPlugin {
  const { metrics, formatError = (formatted) => formatted, maxBytes = JIT_CACHE_BYTES } = options;
  const count = (executor: 'jit' | 'graphql-js') => metrics?.graphqlExecutions.inc({ executor });
  const compiled = new ByteBoundedCache<string, CompiledQuery | null>(maxBytes);
  const churn = new Map<string, { windowStart: number; count: number }>();
  // Keys of operations seen once (a document hash and an operation name, ~100 bytes each: ≤ ~0.5 MB).
  const seen = new Set<string>();
  const mayCompile = (keyId: string, now = Date.now()): boolean => {
    const windowStart = Math.floor(now / CHURN_WINDOW_MS) * CHURN_WINDOW_MS;
    const entry = churn.get(keyId);
    if (entry && entry.windowStart === windowStart) {
      if (entry.count >= JIT_COMPILES_PER_KEY_PER_MINUTE) return false;
      entry.count += 1;
      return true;
    }
    churn.delete(keyId);
    if (churn.size >= CHURN_KEYS) churn.delete(churn.keys().next().value as string);
    churn.set(keyId, { windowStart, count: 1 });
    return true;
  };
  return {
    async requestDidStart() {
      return {
        async responseForOperation(context): Promise<GraphQLResponse | null> {
          // No operation (an unknown or missing operation name): graphql-js answers the error.
          if (context.operation?.operation !== 'query') return (count('graphql-js'), null);
          const { schema, document, request, queryHash, source } = context;
          const operationName = request.operationName ?? undefined;
          const cacheKey = `${queryHash}\n${operationName ?? ''}`;
          let query = compiled.get(cacheKey);
          if (query === undefined) {
            // Compiled from the second sighting on, for a caller with a key within its churn, if small enough.
            if (!seen.delete(cacheKey)) {
              if (seen.size >= SEEN_MAX) seen.clear();
              seen.add(cacheKey);
              return (count('graphql-js'), null);
            }
            const keyId = keyOf(context.contextValue);
            const fields = fieldsOf(document);
            if (keyId === undefined || fields > JIT_MAX_FIELDS || !mayCompile(keyId))
              return (count('graphql-js'), null);
            try {
              const result = compileQuery(schema, document, operationName);
              query = isCompiledQuery(result) ? result : null;
            } catch {
              query = null;
            }
            compiled.set(cacheKey, query, estimatedCompiledBytes(fields, source ?? ''));
            metrics?.graphqlJitCacheBytes.set(compiled.bytes);
          }
          if (!query) return (count('graphql-js'), null);
          const result = await query.query(undefined, context.contextValue, request.variables ?? {});
          // No data at all: the variables did not coerce and nothing ran; graphql-js writes that error (a 400).
          if (result.data === undefined) return (count('graphql-js'), null);
          count('jit');
          const http = { status: undefined as number | undefined, headers: new HeaderMap() };
          if (!result.errors?.length) return { http, body: { kind: 'single', singleResult: { data: result.data } } };
          const errors = formatApolloErrors(result.errors, formatError, http);
          return { http, body: { kind: 'single', singleResult: { errors, data: result.data } } };
        },
      };
    },
  };
}

/**
 * Field errors written as Apollo writes those of its own execution (@apollo/server's errorNormalize, which it does
 * not export): `code` defaults to INTERNAL_SERVER_ERROR, an `http` extension sets the answer's status and headers and
 * is removed, then the server's formatError has the last word.
 */
export function formatApolloErrors(
  errors: readonly GraphQLError[],
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
  http: { status: number | undefined; headers: HeaderMap },
): GraphQLFormattedError[] {
  return errors.map((error) => {
    // graphql-jit's errors inherit graphql-js's prototype but may lack `extensions` (its toJSON would throw).
    const own = (error.extensions ?? {}) as Record<string, unknown>;
    const extensions: Record<string, unknown> = { ...own, code: own.code ?? 'INTERNAL_SERVER_ERROR' };
    const head = extensions.http as { status?: unknown; headers?: unknown } | undefined;
    if (head && typeof head === 'object') {
      if (typeof head.status === 'number') http.status = head.status;
      if (head.headers instanceof Map) for (const [k, v] of head.headers) http.headers.set(String(k), String(v));
      delete extensions.http;
    }
    const formatted: GraphQLFormattedError = {
      message: error.message,
      ...(error.locations?.length ? { locations: error.locations } : {}),
      ...(error.path ? { path: error.path } : {}),
      extensions,
    };
    try {
      return formatError(formatted, error);
    } catch {
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
  });
}
