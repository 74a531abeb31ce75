import { type ComplexityEstimator, type ComplexityEstimatorArgs, Extensions } from '@nestjs/graphql';
import type { GraphQLField } from 'graphql';

/**
 * Per-field cost, declared where the field is (Nest's `@Query({ complexity })`, read by graphql-query-complexity's
 * fieldExtensionsEstimator, as in Nest's sample 12-graphql-schema-first): a field without one costs 1 plus what it
 * selects. A field's complexity follows its work: list fields are multiplied by the size asked for, breakEven by
 * its points, estimateWorkloads by its rows, and a read of PostgreSQL costs DATABASE_COST on top, so that every alias
 * of such a field counts anew (twenty `scenario(id)` under aliases cost 20 × 52, over the limit, not 20 × 2).
 */

/** Points of one database read: at most 1000 / 50 = 20 of them in one operation. */
export const DATABASE_COST = 50;

/** A size argument as a count: its value when a positive number (at most 10,000), else the field's default. */
const sizeOf = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(value, 10_000) : fallback;

/** A root field that reads PostgreSQL once (a round trip, with a connection of the pool held meanwhile). */
export const DATABASE_READ = 1 + DATABASE_COST;

/** A database read of a page whose size is the argument `argument` (default `fallback`): each item costs its selection. */
export const databasePage =
  (argument: string, fallback: number): ComplexityEstimator =>
  ({ args, childComplexity }) =>
    DATABASE_READ + childComplexity * sizeOf(args[argument], fallback);

/** A database read of one item per element of the list argument `argument` (at least one). */
export const databaseItems =
  (argument: string): ComplexityEstimator =>
  ({ args, childComplexity }) =>
    DATABASE_READ + childComplexity * (Array.isArray(args[argument]) ? Math.max(1, args[argument].length) : 1);

/** Options priced in each break-even series (one series per option). */
const BREAK_EVEN_SERIES = 6;
/** Break-even points (steps × series) per complexity point: steps 1000 → 6,000 points → 750. */
const BREAK_EVEN_POINTS_PER_COST = 8;

/** breakEven: its points (steps × 6 series ÷ 8), computed whatever is selected. */
export const breakEvenComplexity: ComplexityEstimator = ({ args, childComplexity }) =>
  1 + childComplexity + Math.ceil((sizeOf(args.steps, 1) * BREAK_EVEN_SERIES) / BREAK_EVEN_POINTS_PER_COST);

/** An estimator whose figure depends on the length of its list argument only, not on its elements' values. */
export type LengthEstimator = ComplexityEstimator & { readonly byLength: true };

/** Workloads of estimateWorkloads per complexity point: its cap of 1,000 costs 500, leaving room for the selection. */
const BATCH_ROWS_PER_COST = 2;

const rowsOf = (value: unknown): number => (Array.isArray(value) ? value.length : 1);

/** estimateWorkloads(inputs): its rows, whatever they hold. */
export const batchComplexity: LengthEstimator = Object.assign(
  ({ args, childComplexity }: ComplexityEstimatorArgs) =>
    1 + childComplexity + Math.ceil(rowsOf(args.inputs) / BATCH_ROWS_PER_COST),
  { byLength: true as const },
);

/** What selecting a field adds to an operation's counts, besides its complexity (a field extension, `work`). */
export interface FieldWork {
  /** An evaluation or more: at most MAX_EXPENSIVE_FIELDS per operation, one rate-limit unit each. */
  expensive?: boolean;
  /** The answer carries a key's secret: marked `Cache-Control: no-store`. */
  secret?: boolean;
  /** The list argument whose length is the field's rows (rate-limit units of a batch, BATCH_ROWS_PER_UNIT). */
  rows?: string;
}

/** Declares a resolver field's FieldWork (read by queryLimitsPlugin when the field is selected). */
export const Work = (work: FieldWork) => Extensions({ work });

export const workOf = (field: GraphQLField<unknown, unknown>): FieldWork =>
  (field.extensions as { work?: FieldWork }).work ?? {};

/** The rows a field's selection asks for (its `rows` argument's length), 0 when it declares none. */
export const rowsAsked = (work: FieldWork, args: Record<string, unknown>): number =>
  work.rows === undefined ? 0 : rowsOf(args[work.rows]);
