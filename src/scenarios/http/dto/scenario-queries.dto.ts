/**
 * class-validator DTOs of the scenario endpoints' flat inputs, and the field rules GraphQL's argument classes
 * (graphql/scenario.args.ts) share with them; the bounds live in scenario.limits.ts. Messages name the field
 * as the transport does (`$property`: limit over REST, first over GraphQL). In a composite, the rules run in
 * the order written and a field reports only its first failed rule.
 */
import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  type ValidationArguments,
} from 'class-validator';
import { emptyAsAbsent, IsPrintableText, queryInteger, Satisfies } from '../../../common/validation/flat-input';
import { decodeCursor, decodeVersionCursor } from '../../list-cursor.codec';
import {
  COMPARE_MAX,
  COMPARE_MIN,
  INT32_MAX,
  LIST_LIMIT_DEFAULT,
  LIST_LIMIT_MAX,
  SEARCH_MAX,
  TAG_PATTERN,
  VERSIONS_PAGE_MAX,
} from '../../scenario.limits';
import type { HistoryPage, ListQuery, RepriceRates } from '../../scenario.types';

/** A whole number in min..max, optional; a query string of digits is converted, an empty one is absent. */
const OptionalInt = (min: number, max: number, message: string) =>
  applyDecorators(
    Transform(queryInteger),
    IsOptional(),
    IsInt({ message }),
    Min(min, { message }),
    Max(max, { message }),
  );

/** One of a fixed set of strings, optional; an empty query value is absent. */
const OptionalOneOf = (values: readonly string[], message: string) =>
  applyDecorators(Transform(emptyAsAbsent), IsOptional(), IsIn(values, { message }));

/** A list's page size (limit over REST, first over GraphQL). */
export const PageSize = () =>
  OptionalInt(1, LIST_LIMIT_MAX, `$property must be an integer from 1 to ${LIST_LIMIT_MAX}`);

const isListCursor = Satisfies('isListCursor', (value, { property }) =>
  typeof value === 'string' && decodeCursor(value) ? null : `${property} is not a cursor this service gave out`,
);

/** A list cursor (cursor over REST, after over GraphQL): one this service gave out. No built-in rule decodes it. */
export const ListCursor = () => applyDecorators(Transform(emptyAsAbsent), IsOptional(), isListCursor);

/** A history page's size (limit over REST, first over GraphQL); a query string of 1 to 4 digits is converted. */
export const HistoryPageSize = () => {
  const message = `$property must be an integer between 1 and ${VERSIONS_PAGE_MAX}`;
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value)),
    IsOptional(),
    IsInt({ message }),
    Min(1, { message }),
    Max(VERSIONS_PAGE_MAX, { message }),
  );
};

/** A history page's cursor (cursor over REST, after over GraphQL): one the history gave out. */
export const HistoryCursor = () =>
  applyDecorators(
    IsOptional(),
    Satisfies('isVersionCursor', (value, { property }) =>
      typeof value === 'string' && decodeVersionCursor(value) !== null
        ? null
        : `${property} is not a cursor this list gave out`,
    ),
  );

/**
 * GET /v1/scenarios/{id}/versions?limit=&cursor= (GraphQL scenarioHistory and scenarioVersions: first, after).
 * Documented by the route's @ApiQuery decorators, which keep the document's order of these parameters.
 */
export class HistoryPageQuery {
  @HistoryPageSize()
  limit?: number | null;

  @HistoryCursor()
  cursor?: string | null;
}

/** The checked page as the service takes it: the size (default applied there) and the cursor decoded. */
export function historyPageOf(page: { limit?: number | null; cursor?: string | null }): HistoryPage {
  const before = page.cursor ? decodeVersionCursor(page.cursor) : null;
  return { limit: page.limit ?? undefined, before: before ?? undefined };
}

/** The scenario list's tag filter (REST and GraphQL). */
export const TagFilter = () =>
  applyDecorators(
    Transform(emptyAsAbsent),
    IsOptional(),
    Matches(TAG_PATTERN, {
      message: '$property must be one tag: 1-40 lowercase letters, digits, dots, colons, dashes or underscores',
    }),
  );

const SEARCH_MESSAGE = `$property must be one string of at most ${SEARCH_MAX} characters`;
/** The scenario list's search term (REST and GraphQL). */
export const SearchFilter = () =>
  applyDecorators(
    Transform(emptyAsAbsent),
    IsOptional(),
    IsString({ message: SEARCH_MESSAGE }),
    MaxLength(SEARCH_MAX, { message: SEARCH_MESSAGE }),
    IsPrintableText(),
  );

/** GET /v1/scenarios?limit=&cursor=&tag=&search= (GraphQL's scenarios(first, after, tag, search): ListScenariosArgs). */
export class ListScenariosQuery {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: LIST_LIMIT_MAX,
    required: false,
    description: `Page size, 1..${LIST_LIMIT_MAX} (default ${LIST_LIMIT_DEFAULT})`,
  })
  @PageSize()
  limit?: number | null;

  @ApiProperty({ required: false, type: String, description: 'nextCursor of the previous page' })
  @ListCursor()
  cursor?: string | null;

  @ApiProperty({ required: false, type: String, description: 'Only scenarios carrying this tag' })
  @TagFilter()
  tag?: string | null;

  @ApiProperty({
    required: false,
    type: String,
    maxLength: SEARCH_MAX,
    description: 'Case-insensitive part of the name',
  })
  @SearchFilter()
  search?: string | null;
}

/** The checked query as the service takes it: the cursor decoded, the default page size applied. */
export function listQueryOf(query: ListScenariosQuery): ListQuery {
  const out: ListQuery = { limit: query.limit ?? LIST_LIMIT_DEFAULT };
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  if (after) out.after = after;
  if (query.tag) out.tag = query.tag;
  if (query.search) out.search = query.search;
  return out;
}

const idsMessage = `$property must be an array of ${COMPARE_MIN} to ${COMPARE_MAX} scenario ids`;
// class-validator runs every rule of a field and reports the first failed one: these see any value.
const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
const countMessage = ({ property, value }: ValidationArguments) =>
  `${property} must hold ${COMPARE_MIN} to ${COMPARE_MAX} scenario ids; got ${count(value)}`;
/** Ids are case-insensitive (UUIDs): the same scenario in two letter cases is the same id twice. */
const lowerCase = (id: unknown) => String(id).toLowerCase();
const uniqueMessage = ({ property, value }: ValidationArguments) => {
  const ids = Array.isArray(value) ? value : [];
  const lower = ids.map(lowerCase);
  return `${property} must be unique; ${String(ids.find((_id, i) => lower.indexOf(lower[i]) !== i))} is given twice`;
};

const ScenarioIds = () =>
  applyDecorators(
    IsArray({ message: idsMessage }),
    IsString({ each: true, message: idsMessage }),
    ArrayMinSize(COMPARE_MIN, { message: countMessage }),
    ArrayMaxSize(COMPARE_MAX, { message: countMessage }),
    ArrayUnique(lowerCase, { message: uniqueMessage }),
  );

/** POST /v1/scenarios/compare and the argument of GraphQL compareScenarios(ids): one class. */
@ArgsType()
export class CompareScenariosDto {
  @ApiProperty({
    type: [String],
    minItems: COMPARE_MIN,
    maxItems: COMPARE_MAX,
    uniqueItems: true,
    description: 'The first is the baseline of the deltas',
    example: ['0b6f3c1e-5d4a-4f7e-9a51-2c8d7e6f1a90', '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'],
  })
  @Field(() => [ID])
  @ScenarioIds()
  ids!: string[];
}

/** Re-pricing's rates (REST `rates`, GraphQL `rates`). */
export const RepriceRatesRule = () => OptionalOneOf(['pinned', 'current'], '$property must be pinned or current');
/** Re-pricing's baseline version. */
export const BaselineVersion = () =>
  OptionalInt(1, INT32_MAX, `$property must be a version number (an integer from 1 to ${INT32_MAX})`);

/** GET /v1/scenarios/{id}/estimate?rates=&baseline=&format= (GraphQL repriceScenario: RepriceArgs). */
export class RepriceQuery {
  @ApiProperty({ enum: ['pinned', 'current'], required: false, description: 'pinned (default) or current' })
  @RepriceRatesRule()
  rates?: RepriceRates | null;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: INT32_MAX,
    required: false,
    description: 'Version to measure the change from (default 1)',
  })
  @BaselineVersion()
  baseline?: number | null;

  @ApiProperty({
    enum: ['focus'],
    required: false,
    description: 'focus: CSV with FOCUS 1.x column names, whatever Accept says (README "CSV answers")',
  })
  @OptionalOneOf(['focus'], '$property must be focus (FOCUS 1.x columns); leave it out for the default columns')
  format?: 'focus' | null;
}
