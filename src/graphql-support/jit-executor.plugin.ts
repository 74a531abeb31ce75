import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Metrics } from '../infrastructure/metrics/metrics';

/** Compiled operations kept (least recently used first out); one per distinct query text and operation name. */
const MAX_COMPILED = 256;

/**
 * Runs queries with graphql-jit (each operation compiled once into a JavaScript function) instead of
 * graphql-js's interpreter, behind Apollo: parsing, validation, the query limits, the context and every other
 * plugin stay Apollo's. Only a query whose compiled run ends without any error is answered here; anything
 * else — a mutation, a subscription, an operation graphql-jit cannot compile, a result with errors — goes to
 * Apollo's own execution, which writes errors exactly as it always does (so error answers cannot differ; a
 * query with an error runs its resolvers twice, which queries may: they change nothing).
 */
export function jitExecutorPlugin(metrics?: Metrics): ApolloServerPlugin {
  const count = (executor: 'jit' | 'graphql-js') => metrics?.graphqlExecutions.inc({ executor });
  const compiled = new Map<string, CompiledQuery | null>();
  const compiledFor = (key: string, make: () => CompiledQuery | null): CompiledQuery | null => {
    let query = compiled.get(key);
    if (query === undefined) {
      query = make();
      if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
    } else compiled.delete(key);
    compiled.set(key, query);
    return query;
  };
  return {
    async requestDidStart() {
      return {
        async responseForOperation(context): Promise<GraphQLResponse | null> {
          if (context.operation.operation !== 'query') return (count('graphql-js'), null);
          const { schema, document, request, queryHash } = context;
          const operationName = request.operationName ?? undefined;
          const query = compiledFor(`${queryHash}\n${operationName ?? ''}`, () => {
            try {
              const result = compileQuery(schema, document, operationName);
              return isCompiledQuery(result) ? result : null;
            } catch {
              return null;
            }
          });
          if (!query) return (count('graphql-js'), null);
          const result = await query.query(undefined, context.contextValue, request.variables ?? {});
          if (result.errors?.length || result.data === undefined) return (count('graphql-js'), null);
          count('jit');
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: result.data } },
          };
        },
      };
    },
  };
}
