import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { VERSIONS_PAGE_DEFAULT, VERSIONS_PAGE_MAX } from '../../src/scenarios/scenario.limits';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

/** A scenario's edit history comes in pages with a cap, over REST and GraphQL, with the fields it always had. */
describe('edit history in pages', () => {
  let app: NestFastifyApplication;
  let editor: string;
  let id: string;
  const EDITS = VERSIONS_PAGE_DEFAULT + 2; // versions 1..53: more than one default page
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000', TEAM_RATE_LIMIT_PER_MINUTE: '100000' });
    editor = await bearer(app, 'history-pages', 'editor');
    const created = await app.inject({
      method: 'POST',
      url: '/v1/scenarios',
      headers: { authorization: editor, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'v1', workload: { ingestGbPerDay: 10, avgRecordSizeKB: 1 } }),
    });
    id = created.json().id;
    for (let v = 1; v <= EDITS; v++) {
      const res = await app.inject({
        method: 'PATCH',
        url: `/v1/scenarios/${id}`,
        headers: { authorization: editor, 'content-type': 'application/json', 'if-match': `"${v}"` },
        payload: JSON.stringify({ name: `v${v + 1}` }),
      });
      expect(res.statusCode).toBe(200);
    }
  }, 120_000);
  afterAll(async () => app.close());

  const TOTAL = EDITS + 1;
  const rest = (query = '', auth = editor) =>
    app.inject({ method: 'GET', url: `/v1/scenarios/${id}/versions${query}`, headers: { authorization: auth } });
  const gql = (query: string, variables: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: editor, 'content-type': 'application/json' },
      payload: JSON.stringify({ query, variables }),
    });

  it.each([1, 3, 7, VERSIONS_PAGE_MAX])(
    'REST: pages of %i follow the cursor through every version once',
    async (limit) => {
      const seen: number[] = [];
      let query = `?limit=${limit}`;
      for (let pages = 0; pages < 100; pages++) {
        const res = await rest(query);
        expect(res.statusCode).toBe(200);
        const items = res.json() as { version: number; name: string; workload: unknown; options: unknown }[];
        expect(items.length).toBeLessThanOrEqual(limit);
        for (const item of items) {
          expect(item.name).toBe(`v${item.version}`);
          expect(item.workload).toBeDefined();
          expect(item.options).toBeDefined();
        }
        seen.push(...items.map((i) => i.version));
        const next = res.headers['x-next-cursor'] as string | undefined;
        if (!next) {
          expect(res.headers.link).toBeUndefined();
          break;
        }
        expect(res.headers.link).toBe(`</v1/scenarios/${id}/versions?limit=${limit}&cursor=${next}>; rel="next"`);
        query = `?limit=${limit}&cursor=${next}`;
      }
      expect(seen).toEqual(Array.from({ length: TOTAL }, (_, i) => TOTAL - i));
    },
  );

  it(`REST: without a limit, one page of ${VERSIONS_PAGE_DEFAULT} (not the whole history) and the cursor of the rest`, async () => {
    const first = await rest();
    expect(first.json()).toHaveLength(VERSIONS_PAGE_DEFAULT);
    expect(first.json()[0].version).toBe(TOTAL);
    const rest2 = await rest(`?cursor=${first.headers['x-next-cursor']}`);
    expect(rest2.json().map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(rest2.headers['x-next-cursor']).toBeUndefined();
  });

  it.each([
    ['limit', `?limit=${VERSIONS_PAGE_MAX + 1}`],
    ['limit', '?limit=0'],
    ['limit', '?limit=-1'],
    ['limit', '?limit=2.5'],
    ['limit', '?limit=ten'],
    ['limit', '?limit=1e2'],
    ['cursor', '?cursor=not-a-cursor!'],
    ['cursor', `?cursor=${Buffer.from('v:0').toString('base64url')}`],
    ['cursor', `?cursor=${Buffer.from('v:99999999999').toString('base64url')}`],
    ['cursor', `?cursor=${Buffer.from('["2026-01-01T00:00:00Z","x"]').toString('base64url')}`],
    ['cursor', `?cursor=${'A'.repeat(500)}`],
  ])('REST: a bad %s (%s) is a 400 naming it', async (field, query) => {
    const res = await rest(query);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it("past the last page the list is empty; another team's scenario is a 404 with or without a cursor", async () => {
    const past = await rest(`?cursor=${Buffer.from('v:1').toString('base64url')}`);
    expect(past.statusCode).toBe(200);
    expect(past.json()).toEqual([]);
    const stranger = await bearer(app, 'history-stranger', 'viewer');
    expect((await rest('', stranger)).statusCode).toBe(404);
    expect((await rest(`?cursor=${Buffer.from('v:5').toString('base64url')}`, stranger)).statusCode).toBe(404);
  });

  it('GraphQL: scenarioHistory pages with nextCursor; scenarioVersions is capped the same way', async () => {
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const res = await gql(
        'query($id: ID!, $after: String) { scenarioHistory(id: $id, first: 20, after: $after) { items { version name } nextCursor } }',
        { id, after },
      );
      expect(res.json().errors).toBeUndefined();
      const page = res.json().data.scenarioHistory;
      expect(page.items.length).toBeLessThanOrEqual(20);
      seen.push(...page.items.map((i: { version: number }) => i.version));
      after = page.nextCursor;
    } while (after);
    expect(seen).toEqual(Array.from({ length: TOTAL }, (_, i) => TOTAL - i));
    const capped = await gql('query($id: ID!) { scenarioVersions(id: $id) { version } }', { id });
    expect(capped.json().data.scenarioVersions).toHaveLength(VERSIONS_PAGE_DEFAULT);
    const small = await gql('query($id: ID!) { scenarioVersions(id: $id, first: 2) { version } }', { id });
    expect(small.json().data.scenarioVersions).toEqual([{ version: TOTAL }, { version: TOTAL - 1 }]);
  });

  it.each([
    ['first', { first: VERSIONS_PAGE_MAX + 1 }],
    ['first', { first: 0 }],
    ['after', { after: 'bogus' }],
  ])('GraphQL: a bad %s is BAD_USER_INPUT naming it', async (field, args) => {
    const res = await gql(
      'query($id: ID!, $first: Int, $after: String) { scenarioHistory(id: $id, first: $first, after: $after) { nextCursor } }',
      { id, ...args },
    );
    expect(res.json().errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.json().errors[0].extensions)).toContain(field);
  });
});
