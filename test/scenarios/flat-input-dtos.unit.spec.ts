/**
 * class-validator DTOs of the flat inputs, run by the route-scoped DtoValidationPipe: the same error list
 * (field and message) as before, unknown fields refused, strings from the query converted. No database.
 */
import 'reflect-metadata';
import { PIPES_METADATA } from '@nestjs/common/constants';
import { CreateApiKeyDto, CreateKeyCommand } from '../../src/auth/http/dto/create-api-key.dto';
import { ApiKeysController } from '../../src/auth/http/api-keys.controller';
import { checkDto, DtoValidationPipe } from '../../src/common/validation/dto-validation.pipe';
import { ListScenariosArgs, ScenarioHistoryArgs } from '../../src/scenarios/graphql/scenario.args';
import { ValidationError } from '../../src/domain';
import {
  CompareScenariosDto,
  HistoryPageQuery,
  listQueryOf,
  ListScenariosQuery,
  RepriceQuery,
} from '../../src/scenarios/http/dto/scenario-queries.dto';
import { ScenariosController } from '../../src/scenarios/http/scenarios.controller';
import { encodeCursor } from '../../src/scenarios/list-cursor.codec';

const pipe = new DtoValidationPipe();
const run = (metatype: new () => unknown, value: unknown, type: 'body' | 'query' = 'body') =>
  pipe.transform(value, { type, metatype });
async function fields(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return Object.fromEntries(((error as ValidationError).details.fields ?? []).map((f) => [f.field, f.message]));
}

describe('class-validator DTOs of the flat inputs', () => {
  it('API key creation: every bad field, unknown ones named', async () => {
    expect(await fields(run(CreateApiKeyDto, { role: 'owner', name: '', team: 'x' }))).toEqual({
      role: 'role must be one of viewer, editor, admin',
      name: 'name must be a string of 1 to 100 characters',
      team: 'team is not a known field',
    });
    expect(await fields(run(CreateApiKeyDto, {}))).toEqual({ role: 'role must be one of viewer, editor, admin' });
    expect(await fields(run(CreateApiKeyDto, ['viewer']))).toEqual({
      '(body)': 'the request body must be a JSON object',
    });
    await expect(run(CreateApiKeyDto, { role: 'admin', name: null })).resolves.toEqual({ role: 'admin', name: null });
    expect(await fields(run(CreateApiKeyDto, { role: 'viewer', name: 'a\u202eb' }))).toEqual({
      name: 'name must not hold bidirectional control characters',
    });
    // The CLI's check: the same class plus the team.
    expect(await fields(checkDto(CreateKeyCommand, { team: 'Bad Team', role: 'owner', name: '' }))).toEqual({
      team: 'team must be 1-63 lowercase letters, digits, dots, dashes or underscores',
      role: 'role must be one of viewer, editor, admin',
      name: 'name must be a string of 1 to 100 characters',
    });
    await expect(checkDto(CreateKeyCommand, { team: 'ops', role: 'editor', name: undefined })).resolves.toEqual({
      team: 'ops',
      role: 'editor',
    });
  });

  it('scenario list query: strings converted, bounds and cursor checked, GraphQL names kept', async () => {
    const cursor = encodeCursor('2026-11-29T00:00:00.000Z', '0b6f3c1e-5d4a-4f7e-9a51-2c8d7e6f1a90');
    const ok = (await run(
      ListScenariosQuery,
      { limit: '50', cursor, tag: 'team:web', search: '' },
      'query',
    )) as ListScenariosQuery;
    expect(listQueryOf(ok)).toEqual({
      limit: 50,
      after: { createdAt: '2026-11-29T00:00:00.000Z', id: '0b6f3c1e-5d4a-4f7e-9a51-2c8d7e6f1a90' },
      tag: 'team:web',
    });
    expect(listQueryOf((await run(ListScenariosQuery, {}, 'query')) as ListScenariosQuery)).toEqual({ limit: 20 });
    expect(
      await fields(
        run(
          ListScenariosQuery,
          { limit: '101', cursor: 'bm90IGEgY3Vyc29y', tag: 'BAD TAG', search: 'x'.repeat(201), page: '2' },
          'query',
        ),
      ),
    ).toEqual({
      limit: 'limit must be an integer from 1 to 100',
      cursor: 'cursor is not a cursor this service gave out',
      tag: 'tag must be one tag: 1-40 lowercase letters, digits, dots, colons, dashes or underscores',
      search: 'search must be one string of at most 200 characters',
      page: 'page is not a known field',
    });
    expect(await fields(run(ListScenariosQuery, { limit: 'ten' }, 'query'))).toEqual({
      limit: 'limit must be an integer from 1 to 100',
    });
    // GraphQL's arguments: the same rules, messages under GraphQL's names.
    expect(await fields(checkDto(ListScenariosArgs, { first: 0, after: 'zzz' }))).toEqual({
      first: 'first must be an integer from 1 to 100',
      after: 'after is not a cursor this service gave out',
    });
  });

  it('compare and re-price inputs', async () => {
    const id = '0b6f3c1e-5d4a-4f7e-9a51-2c8d7e6f1a90';
    expect(await fields(run(CompareScenariosDto, { ids: [id] }))).toEqual({
      ids: 'ids must hold 2 to 10 scenario ids; got 1',
    });
    expect(await fields(run(CompareScenariosDto, { ids: [id, id] }))).toEqual({
      ids: `ids must be unique; ${id} is given twice`,
    });
    expect(await fields(run(CompareScenariosDto, {}))).toEqual({ ids: 'ids must be an array of 2 to 10 scenario ids' });
    expect(await fields(run(CompareScenariosDto, { ids: [1, 2] }))).toEqual({
      ids: 'ids must be an array of 2 to 10 scenario ids',
    });
    expect(await fields(run(RepriceQuery, { rates: 'yesterday', baseline: '0' }, 'query'))).toEqual({
      rates: 'rates must be pinned or current',
      baseline: 'baseline must be a version number (an integer from 1 to 2147483647)',
    });
    await expect(run(RepriceQuery, { rates: 'current', baseline: '3' }, 'query')).resolves.toEqual({
      rates: 'current',
      baseline: 3,
    });
  });

  it('history page query: REST and GraphQL names, an empty limit refused (not the default)', async () => {
    expect(await fields(run(HistoryPageQuery, { limit: '101', cursor: 'nope' }, 'query'))).toEqual({
      limit: 'limit must be an integer between 1 and 100',
      cursor: 'cursor is not a cursor this list gave out',
    });
    expect(await fields(run(HistoryPageQuery, { limit: '' }, 'query'))).toEqual({
      limit: 'limit must be an integer between 1 and 100',
    });
    await expect(run(HistoryPageQuery, { limit: '5' }, 'query')).resolves.toEqual({ limit: 5 });
    expect(await fields(checkDto(ScenarioHistoryArgs, { id: 'x', first: 0, after: '' }))).toEqual({
      first: 'first must be an integer between 1 and 100',
      after: 'after is not a cursor this list gave out',
    });
  });

  it('the pipe is bound to those routes, not globally', () => {
    const pipesOf = (handler: unknown) => Reflect.getMetadata(PIPES_METADATA, handler as object) as unknown[];
    expect(pipesOf(ApiKeysController.prototype.create)).toEqual([DtoValidationPipe]);
    for (const handler of ['list', 'compare', 'reprice', 'versions'] as const)
      expect(pipesOf(ScenariosController.prototype[handler])).toEqual([DtoValidationPipe]);
  });
});
