/**
 * Break-even answers "when do we switch?" (issue 24): the cheapest eligible option and the recommended one along
 * the range as segments, and the exact points where they change, on the decision guide's example. Every switch
 * point is checked here without the break-even code: POST /v1/evaluations?view=totals on both sides of it.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { gql } from '../support/graphql';
import { GUIDE_WORKLOAD } from '../support/guide-workload';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

const guide = GUIDE_WORKLOAD;
/** The same workload as GraphQL takes it: the broker family as its enum names it (M5; REST keeps the spec's m5). */
const guideInput = { ...guide, mskBrokerFamily: 'M5' };

type Segment = { from: number; to: number; option: string | null };
type Switch = {
  kind: 'CHEAPEST' | 'RECOMMENDED';
  at: number;
  before: string | null;
  after: string | null;
  exact: boolean;
};
type Totals = {
  recommendation: { option: string | null };
  totals: { option: string; eligible: boolean; monthlyCostUsd: number | null }[];
};

describe('break-even: when do we switch? (decision guide example)', () => {
  let app: NestFastifyApplication;
  let viewer: string;

  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5000', TEAM_RATE_LIMIT_PER_MINUTE: '20000' });
    viewer = await bearer(app, 'break-even-switches', 'viewer');
  });
  afterAll(async () => app.close());

  const post = (path: string, body: unknown) =>
    request(app.getHttpServer())
      .post(path)
      .set('authorization', viewer)
      .send(body as object);

  /** The cheapest eligible priced options and the recommendation at one value, from the evaluation itself. */
  async function at(field: string, x: number): Promise<{ cheapest: string[]; recommended: string | null }> {
    const res = await post('/v1/evaluations?view=totals', { workload: { ...guide, [field]: x } });
    expect(res.status).toBe(200);
    const body = res.body as Totals;
    const priced = body.totals.filter((o) => o.eligible && o.monthlyCostUsd !== null);
    const min = Math.min(...priced.map((o) => o.monthlyCostUsd!));
    return {
      cheapest: priced.filter((o) => o.monthlyCostUsd === min).map((o) => o.option),
      recommended: body.recommendation.option,
    };
  }

  /** Checks every switch point on both sides, and that the segments join at them and cover the range. */
  async function verify(field: string, from: number, to: number, body: Record<string, unknown>, step: number) {
    const segments = body.segments as Segment[];
    const recommendedSegments = body.recommendedSegments as Segment[];
    const switches = body.switchPoints as Switch[];
    for (const [segs, kind] of [
      [segments, 'CHEAPEST'],
      [recommendedSegments, 'RECOMMENDED'],
    ] as const) {
      expect(segs[0].from).toBe(from);
      expect(segs[segs.length - 1].to).toBe(to);
      const own = switches.filter((s) => s.kind === kind);
      expect(segs.slice(1).map((s) => s.from)).toEqual(own.map((s) => s.at));
      segs.slice(1).forEach((s, i) => expect(s.from).toBe(segs[i].to));
      own.forEach((s, i) => expect([s.before, s.after]).toEqual([segs[i].option, segs[i + 1].option]));
      // inside each segment (its middle) the option is what the segment says
      for (const s of segs) {
        const here = await at(field, (s.from + s.to) / 2);
        if (kind === 'CHEAPEST') expect(here.cheapest).toContain(s.option);
        else expect(here.recommended).toBe(s.option);
      }
    }
    for (const s of switches) {
      expect(s.exact).toBe(true);
      const before = await at(field, s.at - step);
      const after = await at(field, s.at);
      if (s.kind === 'CHEAPEST') {
        expect(before.cheapest).toContain(s.before);
        expect(after.cheapest).toEqual([s.after]);
      } else {
        expect(before.recommended).toBe(s.before);
        expect(after.recommended).toBe(s.after);
      }
    }
  }

  it('ingest 10–5,000 GB/day: Kinesis provisioned all the way, and only the switching crossovers by default (none of the 8 pairwise ones involves it)', async () => {
    const body = { workload: guide, vary: 'ingest', from: 10, to: 5000, steps: 50 };
    const res = await post('/v1/break-even', body);
    expect(res.status).toBe(200);
    expect(res.body.segments).toEqual([{ from: 10, to: 5000, option: 'KDS_PROVISIONED' }]);
    expect(res.body.recommendedSegments).toEqual([{ from: 10, to: 5000, option: 'KDS_PROVISIONED' }]);
    expect(res.body.switchPoints).toEqual([]);
    expect(res.body.crossoverSet).toBe('SWITCHES');
    expect(res.body.crossovers).toEqual([]);
    await verify('ingestGbPerDay', 10, 5000, res.body, 1e-5);

    const all = await post('/v1/break-even?crossovers=all', body);
    expect(all.status).toBe(200);
    expect(all.body.crossoverSet).toBe('ALL');
    expect(all.body.crossovers).toHaveLength(8);
    for (const c of all.body.crossovers as { optionA: string; optionB: string }[])
      expect([c.optionA, c.optionB]).not.toContain('KDS_PROVISIONED');
    // the rest of the answer is the same either way
    expect({ ...all.body, crossovers: [], crossoverSet: 'SWITCHES' }).toEqual(res.body);

    const bad = await post('/v1/break-even?crossovers=some', body);
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([{ field: 'crossovers', message: 'crossovers must be switches or all' }]);
  });

  it('retention 24 h – 2 years: Kinesis provisioned up to 365 days, then MSK provisioned, both as cheapest and as the recommendation', async () => {
    const res = await post('/v1/break-even', { workload: guide, vary: 'retention', from: 24, to: 17520, steps: 40 });
    expect(res.status).toBe(200);
    expect(res.body.segments.map((s: Segment) => s.option)).toEqual(['KDS_PROVISIONED', 'MSK_PROVISIONED']);
    expect(res.body.recommendedSegments.map((s: Segment) => s.option)).toEqual(['KDS_PROVISIONED', 'MSK_PROVISIONED']);
    // Kinesis keeps data at most 8,760 h (365 days): the first value past it, to 6 decimals
    expect(res.body.switchPoints.map((s: Switch) => [s.kind, s.at])).toEqual([
      ['CHEAPEST', 8760.000001],
      ['RECOMMENDED', 8760.000001],
    ]);
    await verify('retentionHours', 24, 17520, res.body, 1e-5);
  });

  it('ingest up to 100,000 GB/day: the recommendation moves to MSK while Kinesis provisioned stays the cheapest (REST and GraphQL agree)', async () => {
    const body = { workload: guide, vary: 'ingest', from: 10, to: 100000, steps: 30 };
    const res = await post('/v1/break-even', body);
    expect(res.status).toBe(200);
    expect(res.body.segments).toEqual([{ from: 10, to: 100000, option: 'KDS_PROVISIONED' }]);
    expect(res.body.recommendedSegments.length).toBeGreaterThan(1);
    expect(res.body.switchPoints.every((s: Switch) => s.kind === 'RECOMMENDED')).toBe(true);
    await verify('ingestGbPerDay', 10, 100000, res.body, 1e-5);

    const graph = await gql(
      app,
      viewer,
      `query($input: WorkloadInput!) { breakEven(input: $input, vary: INGEST, from: 10, to: 100000, steps: 30) {
        segments { from to option } recommendedSegments { from to option }
        switchPoints { kind at before after beforeMonthlyCostUsd afterMonthlyCostUsd exact } crossoverSet crossovers { at } } }`,
      // GraphQL names the broker family as its enum does (M5); REST keeps the spec's m5.
      { input: guideInput },
    );
    expect(graph.body.errors).toBeUndefined();
    expect(graph.body.data.breakEven).toEqual({
      segments: res.body.segments,
      recommendedSegments: res.body.recommendedSegments,
      switchPoints: res.body.switchPoints,
      crossoverSet: 'SWITCHES',
      crossovers: [],
    });
    const all = await gql(
      app,
      viewer,
      `query($input: WorkloadInput!) { breakEven(input: $input, vary: INGEST, from: 10, to: 5000, steps: 50, crossovers: ALL) { crossoverSet crossovers { at } } }`,
      { input: guideInput },
    );
    expect(all.body.data.breakEven.crossoverSet).toBe('ALL');
    expect(all.body.data.breakEven.crossovers).toHaveLength(8);
  });

  it('consumers (integer): a switch point is an integer, checked one consumer before it', async () => {
    // a variable workload: the flowchart prefers on-demand; from some consumer count on, Advantage is the cheaper of the two
    const workload = { ...guide, trafficPattern: 'VARIABLE' };
    const res = await post('/v1/break-even', { workload, vary: 'consumers', from: 0, to: 40, steps: 41 });
    expect(res.status).toBe(200);
    expect(res.body.switchPoints.length).toBeGreaterThan(0);
    for (const s of res.body.switchPoints as Switch[]) expect(Number.isInteger(s.at)).toBe(true);
    const field = 'sharedConsumers';
    for (const s of res.body.switchPoints as Switch[]) {
      const evalAt = async (x: number) => {
        const r = await post('/v1/evaluations?view=totals', { workload: { ...workload, [field]: x } });
        const body = r.body as Totals;
        const priced = body.totals.filter((o) => o.eligible && o.monthlyCostUsd !== null);
        const min = Math.min(...priced.map((o) => o.monthlyCostUsd!));
        return {
          cheapest: priced.filter((o) => o.monthlyCostUsd === min).map((o) => o.option),
          rec: body.recommendation.option,
        };
      };
      const before = await evalAt(s.at - 1);
      const after = await evalAt(s.at);
      if (s.kind === 'CHEAPEST') {
        expect(before.cheapest).toContain(s.before);
        expect(after.cheapest).toEqual([s.after]);
      } else {
        expect([before.rec, after.rec]).toEqual([s.before, s.after]);
      }
    }
  });
});
