/** class-validator DTOs of the scenario endpoints' flat inputs; the bounds live in scenario.limits.ts. */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { EmptyAsAbsent, EnumField, IntField, Rule } from '../../../common/validation/field.decorators';
import { decodeCursor } from '../../list-cursor.codec';
import { textProblem } from '../../../common/text-input';
import {
  COMPARE_MAX,
  COMPARE_MIN,
  INT32_MAX,
  LIST_LIMIT_DEFAULT,
  LIST_LIMIT_MAX,
  SEARCH_MAX,
  TAG_PATTERN,
} from '../../scenario.limits';
import type { ListQuery, RepriceRates } from '../../scenario.types';
import { IsOptional } from 'class-validator';

/** GET /v1/scenarios?limit=&cursor=&tag=&search= (GraphQL's first/after/tag/search are checked by the same class). */
export class ListScenariosQuery {
  @IntField(
    { min: 1, max: LIST_LIMIT_MAX, message: (p) => `${p} must be an integer from 1 to ${LIST_LIMIT_MAX}` },
    { nullable: true, api: { description: `Page size, 1..${LIST_LIMIT_MAX} (default ${LIST_LIMIT_DEFAULT})` } },
  )
  limit?: number | null;

  @ApiProperty({ required: false, type: String, description: 'nextCursor of the previous page' })
  @EmptyAsAbsent()
  @IsOptional()
  @Rule('cursor', (v, p) =>
    typeof v === 'string' && decodeCursor(v) ? null : `${p} is not a cursor this service gave out`,
  )
  cursor?: string | null;

  @ApiProperty({ required: false, type: String, description: 'Only scenarios carrying this tag' })
  @EmptyAsAbsent()
  @IsOptional()
  @Rule('tag', (v) =>
    typeof v === 'string' && TAG_PATTERN.test(v)
      ? null
      : 'tag must be one tag: 1-40 lowercase letters, digits, dots, colons, dashes or underscores',
  )
  tag?: string | null;

  @ApiProperty({
    required: false,
    type: String,
    maxLength: SEARCH_MAX,
    description: 'Case-insensitive part of the name',
  })
  @EmptyAsAbsent()
  @IsOptional()
  @Rule('search', (v) => {
    if (typeof v !== 'string' || v.length > SEARCH_MAX)
      return `search must be one string of at most ${SEARCH_MAX} characters`;
    const problem = textProblem(v);
    return problem ? `search ${problem}` : null;
  })
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

const idsMessage = (p: string) => `${p} must be an array of ${COMPARE_MIN} to ${COMPARE_MAX} scenario ids`;

/** Each rule reports only when the ones before it passed (one message per field). */
const Ids = () =>
  applyDecorators(
    ApiProperty({
      type: [String],
      minItems: COMPARE_MIN,
      maxItems: COMPARE_MAX,
      uniqueItems: true,
      description: 'The first is the baseline of the deltas',
      example: ['0b6f3c1e-5d4a-4f7e-9a51-2c8d7e6f1a90', '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'],
    }),
    Rule('ids', (v, p) => (Array.isArray(v) && v.every((id) => typeof id === 'string') ? null : idsMessage(p))),
    Rule('idsCount', (v, p) =>
      Array.isArray(v) && (v.length < COMPARE_MIN || v.length > COMPARE_MAX)
        ? `${p} must hold ${COMPARE_MIN} to ${COMPARE_MAX} scenario ids; got ${v.length}`
        : null,
    ),
    Rule('idsUnique', (v, p) => {
      // Ids are case-insensitive (UUIDs): the same scenario in two letter cases is the same id twice.
      const lower = Array.isArray(v) ? v.map((id) => String(id).toLowerCase()) : [];
      const dup = Array.isArray(v) ? v.find((_id, i) => lower.indexOf(lower[i]) !== i) : undefined;
      return dup === undefined ? null : `${p} must be unique; ${String(dup)} is given twice`;
    }),
  );

/** POST /v1/scenarios/compare (GraphQL compareScenarios(ids) is checked by the same class). */
export class CompareScenariosDto {
  @Ids()
  ids!: string[];
}

/** GET /v1/scenarios/{id}/estimate?rates=&baseline= (and GraphQL repriceScenario). */
export class RepriceQuery {
  @EnumField(['pinned', 'current'], {
    nullable: true,
    message: (p) => `${p} must be pinned or current`,
    api: { description: 'pinned (default) or current' },
  })
  rates?: RepriceRates | null;

  @IntField(
    { min: 1, max: INT32_MAX, message: (p) => `${p} must be a version number (an integer from 1 to ${INT32_MAX})` },
    { nullable: true, api: { description: 'Version to measure the change from (default 1)' } },
  )
  baseline?: number | null;

  @EnumField(['focus'], {
    nullable: true,
    message: (p) => `${p} must be focus (FOCUS 1.x columns); leave it out for the default columns`,
    api: { description: 'focus: CSV with FOCUS 1.x column names, whatever Accept says (README "CSV answers")' },
  })
  format?: 'focus' | null;
}
