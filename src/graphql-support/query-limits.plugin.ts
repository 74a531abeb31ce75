import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, type FragmentDefinitionNode, GraphQLError, Kind, type SelectionSetNode } from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Deep enough for GraphiQL's introspection query (about 13 levels of ofType), shallow enough to stop abuse. */
export const MAX_QUERY_DEPTH = 15;
export const MAX_QUERY_COMPLEXITY = 1000;

/** Depth of the deepest field path of the operation, through fragments. */
export function queryDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) max = Math.max(max, 1 + depthOf(sel.selectionSet, seen));
      else if (sel.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, depthOf(sel.selectionSet, seen));
      else if (!seen.has(sel.name.value)) {
        const next = new Set(seen).add(sel.name.value);
        max = Math.max(max, depthOf(fragments.get(sel.name.value)?.selectionSet, next));
      }
    }
    return max;
  };
  let depth = 0;
  for (const def of document.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION && (!operationName || def.name?.value === operationName)) depth = Math.max(depth, depthOf(def.selectionSet, new Set()));
  }
  return depth;
}

/** Rejects operations deeper than MAX_QUERY_DEPTH or costlier than MAX_QUERY_COMPLEXITY (one point per field). */
export function queryLimitsPlugin(limits = { depth: MAX_QUERY_DEPTH, complexity: MAX_QUERY_COMPLEXITY }): ApolloServerPlugin {
  const checked = new WeakMap<DocumentNode, Map<string, true>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          // Apollo reuses one parsed document per query text, so the verdict is computed once per document and operation.
          const verdicts = checked.get(document) ?? new Map<string, true>();
          const operationKey = request.operationName ?? '';
          if (verdicts.has(operationKey)) return;
          const depth = queryDepth(document, request.operationName);
          if (depth > limits.depth) {
            throw new GraphQLError(`Query depth ${depth} exceeds the limit of ${limits.depth}`, { extensions: { code: 'BAD_USER_INPUT', limit: limits.depth, actual: depth, http: { status: 400 } } });
          }
          let complexity: number;
          try {
            complexity = getComplexity({ schema, query: document, operationName: request.operationName ?? undefined, variables: request.variables ?? {}, estimators: [simpleEstimator({ defaultComplexity: 1 })] });
          } catch (error) {
            // Variables that do not coerce to their types: the caller's mistake, reported as such.
            throw new GraphQLError(error instanceof Error ? error.message : 'Invalid variables', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
          if (complexity > limits.complexity) {
            throw new GraphQLError(`Query complexity ${complexity} exceeds the limit of ${limits.complexity}`, { extensions: { code: 'BAD_USER_INPUT', limit: limits.complexity, actual: complexity, http: { status: 400 } } });
          }
          // @include/@skip make the cost depend on variables: such documents are checked on every request.
          if (!request.query?.includes('@')) {
            verdicts.set(operationKey, true);
            checked.set(document, verdicts);
          }
        },
      };
    },
  };
}
