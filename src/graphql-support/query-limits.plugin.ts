import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { keyJson } from '../common/json-input';
import { VERSIONS_PAGE_DEFAULT } from '../scenarios/scenario.limits';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLObjectType,
  Kind,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { type ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import { DomainError } from '../domain/errors';
import { httpStatusFor } from '../common/error-mapping';

/** Deep enough for GraphiQL's introspection query (about 13 levels of ofType), shallow enough to stop abuse. */
export const MAX_QUERY_DEPTH = 15;
export const MAX_QUERY_COMPLEXITY = 1000;
/**
 * Tokens a document may hold (graphql-js parse option): parsing stops there, before validation, whose cost grows
 * with the document (190 aliased fields took over a second to validate and refuse). The console's whole operations
 * file is 540 tokens, GraphiQL's introspection query under 200.
 */
export const MAX_QUERY_TOKENS = 2000;
/** Expensive or writing fields (evaluations, break-even, comparisons, re-pricing, every mutation) per operation. */
export const MAX_EXPENSIVE_FIELDS = 10;

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

/**
 * Complexity that follows the work: one point per field, list fields multiplied by the size asked for
 * (`scenarios(first)`, `compareScenarios(ids)`), and breakEven by its points (steps × 6 series ÷ 8), since
 * the series are computed whatever is selected.
 */
/** Fields whose answer carries a key's secret: the response is marked `Cache-Control: no-store`. */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['Mutation.createApiKey']);

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
    if (key === 'Query.scenarios') return 1 + options.childComplexity * size(args.first, DEFAULT_PAGE);
    if (key === 'Query.scenarioVersions' || key === 'Query.scenarioHistory')
      return 1 + options.childComplexity * size(args.first, VERSIONS_PAGE_DEFAULT);
    if (key === 'Query.compareScenarios')
      return 1 + options.childComplexity * (Array.isArray(args.ids) ? Math.max(1, args.ids.length) : 1);
    return 1 + options.childComplexity;
  };
}

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
    if (def.kind === Kind.OPERATION_DEFINITION && (!operationName || def.name?.value === operationName))
      depth = Math.max(depth, depthOf(def.selectionSet, new Set()));
  }
  return depth;
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

/** Verdicts kept per document (one per operation name and value of its cost variables). */
const MAX_VERDICTS_PER_DOCUMENT = 256;

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

/** Called once per operation, after the limits hold, with its rate-limit units (authentication and rate limiting). */
export type OperationGate = (context: BaseContext, cost: OperationCost) => Promise<void>;

const badInput = (message: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extra, http: { status: 400 } } });

/** A DomainError thrown by the gate, as a GraphQL error with its HTTP status (and Retry-After when rate-limited). */
function gateError(error: DomainError): GraphQLError {
  const headers = new Map<string, string>();
  if (typeof error.details.retryAfterSeconds === 'number')
    headers.set('retry-after', String(error.details.retryAfterSeconds));
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { http: { status: httpStatusFor(error.code), headers } },
  });
}

/**
 * Rejects operations deeper than MAX_QUERY_DEPTH, costlier than MAX_QUERY_COMPLEXITY or with more than
 * MAX_EXPENSIVE_FIELDS expensive or writing fields, then hands the operation's cost to the gate. The verdict is
 * computed on the resolved operation (variables and @include/@skip applied), and remembered per document and value
 * of the variables the cost depends on (costVariables), whatever transport (APQ included) sent them: the first
 * request with a new value is measured in full.
 */
export function queryLimitsPlugin(
  limits = { depth: MAX_QUERY_DEPTH, complexity: MAX_QUERY_COMPLEXITY, expensiveFields: MAX_EXPENSIVE_FIELDS },
  gate?: OperationGate,
  /** Rate-limit units of estimateWorkloads' rows (BATCH_ROWS_PER_UNIT: rows per unit, rounded up). */
  batchUnits: (rows: number) => number = () => 0,
): ApolloServerPlugin {
  const checked = new WeakMap<DocumentNode, Map<string, OperationCost>>();
  const costVariablesOf = new WeakMap<DocumentNode, string[]>();
  const measure = (
    request: { operationName?: string | null; variables?: Record<string, unknown> },
    document: DocumentNode,
    schema: Parameters<typeof getComplexity>[0]['schema'],
  ): OperationCost => {
    const depth = queryDepth(document, request.operationName);
    if (depth > limits.depth)
      throw badInput(`Query depth ${depth} exceeds the limit of ${limits.depth}`, {
        limit: limits.depth,
        actual: depth,
      });
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
        async didResolveOperation({ request, document, schema, contextValue }) {
          let names = costVariablesOf.get(document);
          if (names === undefined) costVariablesOf.set(document, (names = costVariables(document)));
          const variables = request.variables ?? {};
          let operationKey = request.operationName ?? '';
          for (const name of names) {
            if (name.startsWith('#')) {
              const value = variables[name.slice(1)];
              operationKey += Array.isArray(value) ? `|#${value.length}` : '|-';
            } else operationKey += Object.hasOwn(variables, name) ? `|${keyJson(variables[name])}` : '|-';
          }
          let verdicts = checked.get(document);
          let cost = verdicts?.get(operationKey);
          if (!cost) {
            cost = measure(request, document, schema);
            if (!verdicts) checked.set(document, (verdicts = new Map()));
            if (verdicts.size >= MAX_VERDICTS_PER_DOCUMENT) verdicts.clear();
            verdicts.set(operationKey, cost);
          }
          secret = cost.secret;
          if (gate) {
            try {
              await gate(contextValue, cost);
            } catch (error) {
              if (error instanceof DomainError) throw gateError(error);
              throw error;
            }
          }
        },
      };
    },
  };
}
