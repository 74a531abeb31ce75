import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';
import { aWorkload, fieldsOf, rest, uniqueTeam } from './scenario-fixtures';

type Page = {
  items: Array<{ id: string; name: string; tags: string[]; createdAt: string }>;
  nextCursor: string | null;
};

describe('scenarios: cursor pagination, tag filter and search', () => {
  let app: NestFastifyApplication;
  let api: ReturnType<typeof rest>;
  let editor: string;
  const created: string[] = [];
  const createdAt = new Map<string, string>();
  /** The expected order: created_at DESC, id DESC (two saves in the same millisecond fall back to the id). */
  const newestFirst = (indices: number[]) =>
    indices
      .map((i) => created[i])
      .sort((a, b) => createdAt.get(b)!.localeCompare(createdAt.get(a)!) || (b > a ? 1 : b < a ? -1 : 0));
  const all = () => newestFirst(created.map((_, i) => i));

  beforeAll(async () => {
    app = await startTestApp();
    editor = await bearer(app, uniqueTeam('list'), 'editor');
    api = rest(app, editor);
    for (let i = 0; i < 25; i++) {
      const tags = [i % 2 === 0 ? 'even' : 'odd', ...(i % 5 === 0 ? ['five'] : [])];
      const res = await api.create({
        name: `Pipeline ${String(i).padStart(2, '0')} ${i % 3 === 0 ? 'Orders' : 'Clicks'}`,
        tags,
        workload: aWorkload()
          .withIngestGbPerDay(10 + i)
          .build(),
      });
      created.push(res.body.id);
      createdAt.set(res.body.id, res.body.createdAt);
    }
  });
  afterAll(async () => app.close());

  async function pageThrough(
    query: Record<string, string | number>,
    during?: (page: number) => Promise<void>,
  ): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await api.list({ ...query, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      const body = res.body as Page;
      ids.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
      pages += 1;
      if (during) await during(pages);
    } while (cursor);
    return { ids, pages };
  }

  it('pages newest first, limit default 20, with an opaque cursor and null at the end', async () => {
    const first = (await api.list()).body as Page;
    expect(first.items).toHaveLength(20);
    expect(first.items.map((i) => i.id)).toEqual(all().slice(0, 20));
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = (await api.list({ cursor: first.nextCursor! })).body as Page;
    expect(second.items.map((i) => i.id)).toEqual(all().slice(20));
    expect(second.nextCursor).toBeNull();
    for (let i = 1; i < first.items.length; i++)
      expect(first.items[i - 1].createdAt >= first.items[i].createdAt).toBe(true);
  });

  it('stays stable while new scenarios are created: no duplicates, nothing missed', async () => {
    const before = all();
    const added: string[] = [];
    const { ids, pages } = await pageThrough({ limit: 4 }, async () => {
      const res = await api.create({ name: `Inserted while paging ${added.length}`, workload: aWorkload().build() });
      added.push(res.body.id);
      createdAt.set(res.body.id, res.body.createdAt);
    });
    expect(pages).toBe(7);
    // Rows created after the first page sort before every cursor handed out: none shows up, none repeats.
    expect(ids).toEqual(before);
    expect(new Set(ids).size).toBe(ids.length);
    const again = (await api.list({ limit: 100 })).body as Page;
    const addedNewestFirst = [...added].sort(
      (a, b) => createdAt.get(b)!.localeCompare(createdAt.get(a)!) || (b > a ? 1 : -1),
    );
    expect(again.items.map((i) => i.id)).toEqual([...addedNewestFirst, ...before]);
  });

  it('filters by tag and searches the name case-insensitively, also across pages', async () => {
    const five = await pageThrough({ tag: 'five', limit: 2 });
    expect(five.ids).toEqual(newestFirst([20, 15, 10, 5, 0]));
    const orders = await pageThrough({ search: 'oRdErS', limit: 3 });
    expect(orders.ids).toEqual(newestFirst([24, 21, 18, 15, 12, 9, 6, 3, 0]));
    const both = (await api.list({ search: 'orders', tag: 'five' })).body as Page;
    expect(both.items.map((i) => i.id)).toEqual(newestFirst([15, 0]));
    expect((await api.list({ search: '%' })).body.items).toEqual([]);
    expect((await api.list({ tag: 'nothing-has-this' })).body).toEqual({ items: [], nextCursor: null });
  });

  it('GraphQL scenarios(first, after, tag, search) pages the same way', async () => {
    const q =
      'query($first: Int, $after: String, $tag: String, $search: String) { scenarios(first: $first, after: $after, tag: $tag, search: $search) { items { id name } nextCursor } }';
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const res = await gql(app, editor, q, { first: 2, after, tag: 'odd', search: 'clicks' });
      expect(res.body.errors).toBeUndefined();
      ids.push(...res.body.data.scenarios.items.map((i: { id: string }) => i.id));
      after = res.body.data.scenarios.nextCursor;
    } while (after);
    expect(ids).toEqual(newestFirst([23, 19, 17, 13, 11, 7, 5, 1]));
    const bad = await gql(app, editor, q, { first: 0, after: 'zzz' });
    expect(fieldsOf(bad.body.errors[0].extensions)).toEqual({
      first: 'first must be an integer from 1 to 100',
      after: 'after is not a cursor this service gave out',
    });
  });

  it('rejects a bad limit, cursor or tag with the field list', async () => {
    const res = await api.list({ limit: 101, cursor: 'bm90IGEgY3Vyc29y', tag: 'BAD TAG' });
    expect(res.status).toBe(400);
    expect(Object.keys(fieldsOf(res.body)).sort()).toEqual(['cursor', 'limit', 'tag']);
    expect((await api.list({ limit: 'ten' })).status).toBe(400);
    expect((await api.list({ limit: 100 })).body.items.length).toBeGreaterThan(20);
  });
});
