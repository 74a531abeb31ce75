/** The console's URL state (web/src/url-state.ts): what a reload or a shared link reads back. */
import { decodeWorkload, encodeWorkload, readUrlState, urlQuery } from '../../web/src/url-state';

describe('console URL state', () => {
  it('round-trips a workload, lists and non-ASCII text included, in URL-safe characters', () => {
    const workload = { ingestGbPerDay: 250, trafficPattern: 'VARIABLE', deliverTo: [{ sink: 'S3' }], note: '2 × ü' };
    const w = encodeWorkload(workload);
    expect(w).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeWorkload(w)).toEqual(workload);
    expect(readUrlState(`?w=${w}&current=KDS_PROVISIONED&currentCost=1234.5`)).toEqual({
      view: 'evaluate',
      workload,
      current: { option: 'KDS_PROVISIONED', monthlyCostUsd: 1234.5 },
    });
  });

  it('says when `w` is not a workload, and keeps what is not a state out', () => {
    expect(readUrlState('?w=not-json')).toEqual({ view: 'evaluate', unreadable: true });
    // WzFd is [1]: JSON, but a list.
    expect(readUrlState('?w=WzFd')).toEqual({ view: 'evaluate', unreadable: true });
    expect(readUrlState('?view=nowhere&current=KDS_PROVISIONED')).toEqual({ view: 'evaluate' });
    expect(readUrlState('?scenario=abc&version=2')).toEqual({ view: 'scenarios', scenario: 'abc', version: 2 });
    expect(readUrlState('?view=scenarios&scenario=abc&version=-1')).toEqual({ view: 'scenarios', scenario: 'abc' });
    expect(readUrlState('?view=inventory')).toEqual({ view: 'inventory' });
  });

  it('writes back what it reads; the bare console is the empty query', () => {
    const state = { view: 'scenarios' as const, workload: { ingestGbPerDay: 5 }, scenario: 'abc', version: 3 };
    expect(readUrlState(urlQuery(state))).toEqual(state);
    expect(urlQuery({ view: 'evaluate' })).toBe('');
    // The scenario is the Scenarios view's: on another view it is left out.
    expect(urlQuery({ view: 'inventory', scenario: 'abc', version: 1 })).toBe('?view=inventory');
  });
});
