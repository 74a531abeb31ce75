import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  parse,
  visit,
} from 'graphql';
import { type ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import { DomainError } from '../domain';
import { httpStatusFor } from '../common/error-mapping';
import { ByteBoundedCache } from '../common/byte-bounded-cache';
import { keyJson } from '../common/json-input';
import { VERSIONS_PAGE_DEFAULT } from '../scenarios/scenario.limits';
import { type DocumentShape, documentShape, FragmentCycleError } from './document-shape';

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

/** Fields whose work is an evaluation or more (each also costs one rate-limit unit); every mutation field counts too. */
export const EXPENSIVE_FIELDS: ReadonlySet<string> = new Set([
  'Query.evaluateWorkload',
  'Query.estimateCosts',
  'Query.breakEven',
  'Query.compareScenarios',
  'Query.repriceScenario',
  'Query.estimateWorkloads',
]);

/** Workloads of estimateWorkloads per complexity point: its cap of 1,000 costs 500, leaving room for the selection. */
const BATCH_ROWS_PER_COST = 2;

/** Options priced in each break-even series (one series per option). */
const BREAK_EVEN_SERIES = 6;
/** Break-even points (steps × series) per complexity point: steps 1000 → 6,000 points → 750. */
const BREAK_EVEN_POINTS_PER_COST = 8;
const DEFAULT_PAGE = 20;

/** Fields whose answer carries a key's secret: the response is marked `Cache-Control: no-store`. */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['Mutation.createApiKey']);

/**
 * Root fields that read PostgreSQL (a round trip each, with a connection of the pool held meanwhile): each costs
 * DATABASE_COST on top of what it selects, so aliases of them multiply the cost (twenty `scenario(id)` under
 * aliases cost 20 × 52, over the limit, not 20 × 2). Mutations write and are counted as expensive fields.
 */
export const DATABASE_FIELDS: ReadonlySet<string> = new Set([
  'Query.apiKeys',
  'Query.scenario',
  'Query.scenarioVersions',
  'Query.scenarioHistory',
  'Query.scenarios',
  'Query.compareScenarios',
  'Query.repriceScenario',
]);
/** Points of one database read: at most 1000 / 50 = 20 of them in one operation. */
export const DATABASE_COST = 50;

/**
 * Complexity that follows the work: one point per field, list fields multiplied by the size asked for
 * (`scenarios(first)`, `compareScenarios(ids)`), breakEven by its points (steps × 6 series ÷ 8), since
 * the series are computed whatever is selected, and DATABASE_COST per database read. Every alias counts anew.
 */
interface FieldCounts {
  expensive: number;
  writing: number;
  secret: boolean;
  /** Workloads asked of estimateWorkloads (their rate-limit units are on top of the field's). */
  batchRows: number;
}

function sizedEstimator(counts: FieldCounts) {
  return (options: ComplexityEstimatorArgs): number => {
    const parent = options.type as GraphQLObjectType;
    const key = `${parent.name}.${(options.field as GraphQLField<unknown, unknown>).name}`;
    if (EXPENSIVE_FIELDS.has(key)) counts.expensive += 1;
    if (parent.name === 'Mutation') counts.writing += 1;
    if (SECRET_FIELDS.has(key)) counts.secret = true;
    const args = options.args as Record<string, unknown>;
    const database = DATABASE_FIELDS.has(key) ? DATABASE_COST : 0;
    const size = (v: unknown, fallback: number) =>
      typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.min(v, 10_000) : fallback;
    if (key === 'Query.breakEven')
      return (
        1 + options.childComplexity + Math.ceil((size(args.steps, 1) * BREAK_EVEN_SERIES) / BREAK_EVEN_POINTS_PER_COST)
      );
    if (key === 'Query.estimateWorkloads') {
      const rows = Array.isArray(args.inputs) ? args.inputs.length : 1;
      counts.batchRows += rows;
      return 1 + options.childComplexity + Math.ceil(rows / BATCH_ROWS_PER_COST);
    }
    if (key === 'Query.scenarios') return 1 + database + options.childComplexity * size(args.first, DEFAULT_PAGE);
    if (key === 'Query.scenarioVersions' || key === 'Query.scenarioHistory')
      return 1 + database + options.childComplexity * size(args.first, VERSIONS_PAGE_DEFAULT);
    if (key === 'Query.compareScenarios')
      return 1 + database + options.childComplexity * (Array.isArray(args.ids) ? Math.max(1, args.ids.length) : 1);
    return 1 + database + options.childComplexity;
  };
}

/** Fields whose complexity depends on their arguments (sizedEstimator): breakEven(steps), scenarios(first), compareScenarios(ids). */
const SIZED_FIELD_NAMES: ReadonlySet<string> = new Set([
  'breakEven',
  'scenarios',
  'compareScenarios',
  'scenarioVersions',
  'scenarioHistory',
]);
/**
 * Fields whose complexity depends on the length of a list argument only (estimateWorkloads(inputs)): their variables
 * are named `#name` by costVariables, and a verdict is kept per length, not per value (a thousand workloads).
 */
const LENGTH_SIZED_FIELD_NAMES: ReadonlySet<string> = new Set(['estimateWorkloads']);

/**
 * The variables the cost of the document can depend on: those used by a directive (@include/@skip decide what
 * is selected) or in the arguments of a sized field. Other variables (a workload, a scenario id) change what
 * an operation computes, not what it costs, so one verdict serves every value of them.
 */
export function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  let inCostly = 0;
  let inLengthSized = 0;
  visit(document, {
    Directive: {
      enter() {
        inCostly++;
      },
      leave() {
        inCostly--;
      },
    },
    Field: {
      enter(node) {
        if (SIZED_FIELD_NAMES.has(node.name.value)) inCostly++;
        if (LENGTH_SIZED_FIELD_NAMES.has(node.name.value)) inLengthSized++;
      },
      leave(node) {
        if (SIZED_FIELD_NAMES.has(node.name.value)) inCostly--;
        if (LENGTH_SIZED_FIELD_NAMES.has(node.name.value)) inLengthSized--;
      },
    },
    Variable(node) {
      if (inCostly > 0) names.add(node.name.value);
      else if (inLengthSized > 0) names.add(`#${node.name.value}`);
    },
  });
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

/** The shape's limits, in a fixed order; the first one exceeded, or null. */
function shapeProblem(shape: DocumentShape, limits: QueryLimits): GraphQLError | null {
  const over = (actual: number, limit: number, message: string) =>
    actual > limit ? badInput(message, { limit, actual: Math.min(actual, Number.MAX_SAFE_INTEGER) }) : null;
  const count = (n: number) => (n >= 1e9 ? 'over 1,000,000,000' : String(n));
  return (
    over(
      shape.fragments,
      limits.fragments,
      `The document defines ${shape.fragments} fragments; the limit is ${limits.fragments}`,
    ) ??
    over(shape.depth, limits.depth, `Query depth ${shape.depth} exceeds the limit of ${limits.depth}`) ??
    over(
      shape.aliases,
      limits.aliases,
      `The operation has ${count(shape.aliases)} aliased fields once its fragments are expanded; the limit is ${limits.aliases}`,
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
 *   (an anonymous caller asking for a field that needs a key is refused here), then fragments, depth, aliases and
 *   fields once expanded are checked. So validation, whose cost grows faster than the document, only ever sees
 *   documents within MAX_QUERY_FIELDS;
 * - once the operation is resolved (didResolveOperation), its complexity (graphql-query-complexity, on a document
 *   whose expansion is now bounded) and its expensive fields, then the gate charges its units. That verdict is
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
    const problem = shapeProblem(known, limits);
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
        estimators: [sizedEstimator(counts)],
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
          if (names === undefined) costVariablesOf.set(document, (names = costVariables(document)));
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
