import { DomainError } from '../../src/domain/errors';
import { DatabaseAdmission } from '../../src/infrastructure/database/database-admission';
import { loadConfig } from '../../src/infrastructure/config/config';

/** A database operation the test ends when it likes, and the order operations started in. */
function operations() {
  const started: string[] = [];
  const ends = new Map<string, () => void>();
  const op = (name: string) => () =>
    new Promise<string>((resolve) => {
      started.push(name);
      ends.set(name, () => resolve(name));
    });
  const end = async (name: string) => {
    ends.get(name)!();
    await new Promise((r) => setImmediate(r));
  };
  return { started, op, end };
}

const admission = (env: Record<string, string>) =>
  new DatabaseAdmission(loadConfig({ DB_POOL_SIZE: '4', DB_TIMEOUT_MS: '200', ...env }));
const settle = () => new Promise((r) => setImmediate(r));

describe('fair admission of database work (DatabaseAdmission)', () => {
  it('a team runs at most its share (half the pool) and the other team still gets the rest at once', async () => {
    const db = admission({});
    const { started, op } = operations();
    for (let i = 0; i < 6; i++) void db.run('a', op(`a${i}`)).catch(() => undefined);
    await settle();
    expect(started).toEqual(['a0', 'a1']);
    void db.run('b', op('b0'));
    void db.run('b', op('b1'));
    await settle();
    expect(started).toEqual(['a0', 'a1', 'b0', 'b1']);
  });

  it('a freed connection goes to the waiting team with the fewest running, not to the head of one queue', async () => {
    const db = admission({ DB_TEAM_CONCURRENCY: '4' });
    const { started, op, end } = operations();
    for (let i = 0; i < 6; i++) void db.run('a', op(`a${i}`)).catch(() => undefined);
    await settle();
    expect(started).toEqual(['a0', 'a1', 'a2', 'a3']);
    void db.run('b', op('b0'));
    await settle();
    await end('a0');
    expect(started.at(-1)).toBe('b0');
    await end('a1');
    expect(started.at(-1)).toBe('a4');
  });

  it("past its share and queue, a team gets 429 with Retry-After; a full pool of other teams' work is a 503", async () => {
    const db = admission({ DB_TEAM_QUEUE: '1' });
    const { op } = operations();
    void db.run('a', op('a0'));
    void db.run('a', op('a1'));
    const queued = db.run('a', op('a2'));
    const refused = await db.run('a', op('a3')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 1, limit: 2 } });
    expect(await queued.catch((e: unknown) => e)).toMatchObject({ code: 'RATE_LIMITED' }); // waited 200 ms
    void db.run('c', op('c0'));
    void db.run('c', op('c1'));
    const waiting = await db.run('b', op('b0')).catch((e: unknown) => e);
    expect(waiting).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', details: { retryAfterSeconds: 1 } });
  });

  it('one request runs at most DB_REQUEST_CONCURRENCY operations at once, the rest take turns', async () => {
    const db = admission({ DB_TEAM_CONCURRENCY: '4', DB_REQUEST_CONCURRENCY: '2' });
    const { started, op, end } = operations();
    const request = {};
    const all = db.inLaneOf(request, () => Promise.all([0, 1, 2, 3, 4].map((i) => db.run('a', op(`r${i}`)))));
    await settle();
    expect(started).toEqual(['r0', 'r1']);
    void db.run('a', op('other'));
    await settle();
    expect(started).toEqual(['r0', 'r1', 'other']);
    for (const name of ['r0', 'r1']) await end(name);
    expect(started.slice(3)).toEqual(['r2', 'r3']);
    for (const name of ['r2', 'r3']) await end(name);
    await end('r4');
    expect(await all).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(db.load).toEqual({ active: 1, waiting: 0, teams: 1 });
  });
});
