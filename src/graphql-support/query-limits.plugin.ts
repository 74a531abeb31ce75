import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import {
  type ComplexityEstimator,
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
} from 'graphql-query-complexity';
import { DomainError } from '../domain';
import { httpStatusFor } from '../common/error-mapping';
import { ByteBoundedCache } from '../common/byte-bounded-cache';
import { keyJson } from '../common/json-input';
import { type DocumentShape, documentShape, FragmentCycleError } from './document-shape';
import { type LengthEstimator, rowsAsked, workOf } from './field-cost';

/** Deep enough for GraphiQL's introspection query (15 with its ofType chain), shallow enough to stop abuse. */
export const MAX_QUERY_DEPTH = 15;
export const MAX_QUERY_COMPLEXITY = 1000;
/**
 * Tokens a document may hold (graphql-js parse option): parsing stops there, before validation, whose cost grows
 * with the document (190 aliased fields took over a second to validate and refuse). The console's whole operations
 * file is 540 tokens, GraphiQL's introspection query under 200.
 */
export const MAX_QUERY_TOKENS = 2000;
/**
 * Fields one operation selects once its fragments are expanded (directives not applied). GraphiQL's introspection
 * query selects 220, the console's largest operation (a scenario with its history) 80. It also bounds graphql-js's
 * own validation, whose overlapping-fields check compares same-named fields pairwise: 200 copies of
 * `serviceInfo { name }` (400 fields) validate in ~40 ms on the development machine, where the 2,000-token cap alone
 * let 480 copies through (~0.2–0.4 s).
 */
export const MAX_QUERY_FIELDS = 400;
/** Aliased fields per operation, spreads counted at their full size: each alias runs its field again. */
export const MAX_QUERY_ALIASES = 30;
/** Fragment definitions per document (GraphiQL's introspection query has 3, the console's operations file 4). */
export const MAX_QUERY_FRAGMENTS = 30;
/** Expensive or writing fields (evaluations, break-even, comparisons, re-pricing, every mutation) per operation. */
export const MAX_EXPENSIVE_FIELDS = 10;

export interface QueryLimits {
  depth: number;
  fields: number;
  aliases: number;
  fragments: number;
  complexity: number;
  expensiveFields: number;
}

export const QUERY_LIMITS: QueryLimits = {
  depth: MAX_QUERY_DEPTH,
  fields: MAX_QUERY_FIELDS,
  aliases: MAX_QUERY_ALIASES,
  fragments: MAX_QUERY_FRAGMENTS,
  complexity: MAX_QUERY_COMPLEXITY,
  expensiveFields: MAX_EXPENSIVE_FIELDS,
};

interface FieldCounts {
  expensive: number;
  writing: number;
  secret: boolean;
  /** Workloads asked of estimateWorkloads (their rate-limit units are on top of the field's). */
  batchRows: number;
}

/**
 * Counts what the selected fields declare (`@Work`, field-cost.ts) and every mutation field; it gives no figure, so
 * the complexity comes from the next estimators: the field's own (`@Query({ complexity })`), else 1 plus its selection.
 */
const countingEstimator =
  (counts: FieldCounts): ComplexityEstimator =>
  ({ type, field, args }) => {
    const work = workOf(field);
    if (work.expensive) counts.expensive += 1;
    if (type.name === 'Mutation') counts.writing += 1;
    if (work.secret) counts.secret = true;
    counts.batchRows += rowsAsked(work, args);
  };

/**
 * The variables the cost of the document can depend on: those used by a directive (@include/@skip decide what
 * is selected) or in the arguments of a field whose complexity is computed from its arguments (an estimator
 * function, field-cost.ts). Other variables (a workload, a scenario id) change what an operation computes, not
 * what it costs, so one verdict serves every value of them. A variable under a field costed by the length of a list
 * only (LengthEstimator: estimateWorkloads(inputs)) is named `#name`: a verdict is kept per length, not per value.
 */
export function costVariables(document: DocumentNode, schema: GraphQLSchema): string[] {
  const names = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const sized: Array<'value' | 'length' | null> = [];
  let inCostly = 0;
  let inLengthSized = 0;
  const step = (kind: 'value' | 'length' | null | undefined, by: number) => {
    if (kind === 'value') inCostly += by;
    else if (kind === 'length') inLengthSized += by;
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Directive: {
        enter() {
          inCostly++;
        },
        leave() {
          inCostly--;
        },
      },
      Field: {
        enter() {
          const complexity = typeInfo.getFieldDef()?.extensions.complexity;
          const kind =
            typeof complexity !== 'function'
              ? null
              : (complexity as Partial<LengthEstimator>).byLength
                ? 'length'
                : 'value';
          sized.push(kind);
          step(kind, 1);
        },
        leave() {
          step(sized.pop(), -1);
        },
      },
      Variable(node) {
        if (inCostly > 0) names.add(node.name.value);
        else if (inLengthSized > 0) names.add(`#${node.name.value}`);
      },
    }),
  );
  return [...names].sort();
}

/**
 * Verdicts kept (one per document, operation name and value of its cost variables), in bytes: a key is the
 * document's hash, the operation name and the JSON of those variables (up to a whole request body, 64 KB), the
 * verdict ~200 bytes.
 */
export const VERDICT_CACHE_BYTES = 2 * 1024 * 1024;
const VERDICT_BYTES = 200;

export interface OperationCost {
  complexity: number;
  /** Expensive and writing fields actually selected (after @include/@skip and variables). */
  expensive: number;
  writing: number;
  /** The answer carries a key's secret (never stored by a cache). */
  secret: boolean;
  /** Rate-limit units: one for the HTTP request plus one per expensive or writing field, plus estimateWorkloads' rows. */
  units: number;
}

/**
 * Authentication's part in an operation: `admit` runs before validation, with only the document's shape known
 * (it refuses what the caller may not run at all, e.g. an anonymous caller asking for a field that needs a key);
 * `charge` runs once the limits hold, with the operation's rate-limit units.
 */
export interface OperationGate {
  admit(context: BaseContext, shape: DocumentShape, schema: GraphQLSchema): void;
  charge(context: BaseContext, cost: OperationCost): Promise<void>;
}

const badInput = (message: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extra, http: { status: 400 } } });

/** A DomainError thrown by the gate, as a GraphQL error with its HTTP status (and Retry-After when rate-limited). */
export function gateError(error: DomainError): GraphQLError {
  const headers = new Map<string, string>();
  if (typeof error.details.retryAfterSeconds === 'number')
    headers.set('retry-after', String(error.details.retryAfterSeconds));
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { http: { status: httpStatusFor(error.code), headers } },
  });
}

/** What a refused document is replaced by before validation (valid, and validated in microseconds). */
const SUBSTITUTE_SOURCE = '{ __typename }';
/** Documents that stand in for a refused one, with the refusal (Apollo's document store never keeps them). */
export const refusedDocuments = new WeakMap<DocumentNode, GraphQLError>();

/**
 * Depth and aliases of the document's deepest and most aliased operation, as graphql-armor's max-depth and
 * max-aliases rules measure them (each fragment measured once and reused at every spread, so linear in the
 * document; fragments add no depth; introspection and `__typename` count like any field). The rules run on their
 * own, before graphql-js's validation, with no bound of their own: they report the figure (onAccept) and the plugin
 * compares it with its limits, so that a refusal says both numbers (and carries them as `limit` and `actual`).
 */
export function depthAndAliases(schema: GraphQLSchema, document: DocumentNode): { depth: number; aliases: number } {
  const figures = { depth: 0, aliases: 0 };
  const keep = (figure: keyof typeof figures) => (_: unknown, details: { n: number }) => {
    figures[figure] = Math.max(figures[figure], details.n);
  };
  validate(schema, document, [
    maxDepthRule({
      n: Number.POSITIVE_INFINITY,
      flattenFragments: true,
      ignoreIntrospection: false,
      onAccept: [keep('depth')],
    }),
    maxAliasesRule({ n: Number.POSITIVE_INFINITY, allowList: [], onAccept: [keep('aliases')] }),
  ]);
  return figures;
}

/**
 * The document's limits, in a fixed order; the first one exceeded, or null. Fragments and fields are counted by
 * documentShape (hand-written, see document-shape.ts): graphql-armor has no rule for either. The field count bounds
 * graphql-js's own validation, whose overlapping-fields check compares same-named fields pairwise.
 */
function shapeProblem(
  shape: DocumentShape,
  armor: { depth: number; aliases: number },
  limits: QueryLimits,
): GraphQLError | null {
  const over = (actual: number, limit: number, message: string) =>
    actual > limit ? badInput(message, { limit, actual: Math.min(actual, Number.MAX_SAFE_INTEGER) }) : null;
  const count = (n: number) => (n >= 1e9 ? 'over 1,000,000,000' : String(n));
  return (
    over(
      shape.fragments,
      limits.fragments,
      `The document defines ${shape.fragments} fragments; the limit is ${limits.fragments}`,
    ) ??
    over(armor.depth, limits.depth, `Query depth ${armor.depth} exceeds the limit of ${limits.depth}`) ??
    over(
      armor.aliases,
      limits.aliases,
      `The operation has ${count(armor.aliases)} aliased fields once its fragments are expanded; the limit is ${limits.aliases}`,
    ) ??
    over(
      shape.fields,
      limits.fields,
      `The operation selects ${count(shape.fields)} fields once its fragments are expanded; the limit is ${limits.fields}`,
    )
  );
}

/** Runs `step`, turning a DomainError (authentication, rate limit) into a GraphQL error with its HTTP status. */
async function asGraphqlError<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof DomainError) throw gateError(error);
    throw error;
  }
}

/**
 * The limits of an operation, cheapest first, so that nothing costly runs before the caller is known:
 * - before graphql-js validates the document (validationDidStart; and again, memoized, when the document came from
 *   Apollo's document cache), its shape is measured in one linear pass (documentShape): the gate admits the caller
 *   (an anonymous caller asking for a field that needs a key is refused here), then fragments, depth and aliases
 *   (graphql-armor's rules, run alone) and fields once expanded are checked. So validation, whose cost grows faster than the document, only ever sees
 *   documents within MAX_QUERY_FIELDS;
 * - once the operation is resolved (didResolveOperation), its complexity (graphql-query-complexity with each field's
 *   own estimator, declared on its resolver, field-cost.ts; on a document whose expansion is now bounded) and its
 *   expensive fields (declared with `@Work`), then the gate charges its units. That verdict is
 *   computed on the resolved operation (variables and @include/@skip applied), and remembered per document and value
 *   of the variables the cost depends on (costVariables), whatever transport (APQ included) sent them.
 * The caller was authenticated before parsing (graphqlContext, src/auth/graphql-gate.ts).
 */
export function queryLimitsPlugin(
  limits: QueryLimits = QUERY_LIMITS,
  gate?: OperationGate,
  /** Rate-limit units of estimateWorkloads' rows (BATCH_ROWS_PER_UNIT: rows per unit, rounded up). */
  batchUnits: (rows: number) => number = () => 0,
): ApolloServerPlugin {
  const shapes = new WeakMap<DocumentNode, DocumentShape | { problem: string; extensions: Record<string, unknown> }>();
  const verdicts = new ByteBoundedCache<string, OperationCost>(VERDICT_CACHE_BYTES);
  const costVariablesOf = new WeakMap<DocumentNode, string[]>();
  const armorOf = new WeakMap<DocumentNode, { depth: number; aliases: number }>();
  const screen = async (document: DocumentNode, context: BaseContext, schema: GraphQLSchema): Promise<void> => {
    let shape = shapes.get(document);
    if (!shape) {
      try {
        shape = documentShape(document);
      } catch (error) {
        if (!(error instanceof FragmentCycleError)) throw error;
        shape = { problem: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } };
      }
      shapes.set(document, shape);
    }
    if ('problem' in shape) throw new GraphQLError(shape.problem, { extensions: shape.extensions });
    const known = shape;
    if (gate) await asGraphqlError(() => gate.admit(context, known, schema));
    let armor = armorOf.get(document);
    if (!armor) armorOf.set(document, (armor = depthAndAliases(schema, document)));
    const problem = shapeProblem(known, armor, limits);
    if (problem) throw problem;
  };
  const measure = (
    request: { operationName?: string | null; variables?: Record<string, unknown> },
    document: DocumentNode,
    schema: Parameters<typeof getComplexity>[0]['schema'],
  ): OperationCost => {
    const counts: FieldCounts = { expensive: 0, writing: 0, secret: false, batchRows: 0 };
    let complexity: number;
    try {
      complexity = getComplexity({
        schema,
        query: document,
        operationName: request.operationName ?? undefined,
        variables: request.variables ?? {},
        estimators: [countingEstimator(counts), fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
      });
    } catch (error) {
      // Variables that do not coerce to their types: the caller's mistake, reported as such.
      throw badInput(error instanceof Error ? error.message : 'Invalid variables');
    }
    if (complexity > limits.complexity)
      throw badInput(`Query complexity ${complexity} exceeds the limit of ${limits.complexity}`, {
        limit: limits.complexity,
        actual: complexity,
      });
    const expensive = counts.expensive + counts.writing;
    if (expensive > limits.expensiveFields) {
      throw badInput(
        `The operation asks for ${expensive} expensive or writing fields (evaluations, break-even, comparisons, re-pricing, mutations); the limit is ${limits.expensiveFields} per operation`,
        { limit: limits.expensiveFields, actual: expensive },
      );
    }
    return {
      complexity,
      expensive: counts.expensive,
      writing: counts.writing,
      secret: counts.secret,
      units: 1 + expensive + (counts.batchRows > 0 ? batchUnits(counts.batchRows) : 0),
    };
  };
  return {
    async requestDidStart() {
      let secret = false;
      return {
        async willSendResponse({ response }) {
          if (secret) response.http.headers.set('cache-control', 'no-store');
        },
        async validationDidStart(requestContext) {
          const { document, contextValue, schema } = requestContext;
          if (!document) return;
          try {
            await screen(document, contextValue, schema);
          } catch (error) {
            // Apollo answers an error thrown here with a bare 500, and would go on to validate the document: it is
            // swapped for a trivial one (never stored, see documentStore) and its refusal thrown in
            // didResolveOperation, where Apollo answers it as it is.
            const substitute = parse(SUBSTITUTE_SOURCE);
            refusedDocuments.set(substitute, error as GraphQLError);
            (requestContext as { document: DocumentNode }).document = substitute;
          }
        },
        async didResolveOperation({ request, document, schema, contextValue, queryHash }) {
          const refusal = refusedDocuments.get(document);
          if (refusal) throw refusal;
          await screen(document, contextValue, schema);
          let names = costVariablesOf.get(document);
          if (names === undefined) costVariablesOf.set(document, (names = costVariables(document, schema)));
          const variables = request.variables ?? {};
          let operationKey = `${queryHash}\n${request.operationName ?? ''}`;
          for (const name of names) {
            if (name.startsWith('#')) {
              const value = variables[name.slice(1)];
              operationKey += Array.isArray(value) ? `|#${value.length}` : '|-';
            } else operationKey += Object.hasOwn(variables, name) ? `|${keyJson(variables[name])}` : '|-';
          }
          let cost = verdicts.get(operationKey);
          if (!cost) {
            cost = measure(request, document, schema);
            verdicts.set(operationKey, cost, operationKey.length * 2 + VERDICT_BYTES);
          }
          secret = cost.secret;
          const known = cost;
          if (gate) await asGraphqlError(() => gate.charge(contextValue, known));
        },
      };
    },
  };
}
