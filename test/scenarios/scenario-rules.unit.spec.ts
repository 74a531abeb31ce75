import { decodeCursor, encodeCursor } from '../../src/scenarios/list-cursor.codec';
import { costChanges, optionDeltas, optionCosts } from '../../src/scenarios/scenario-costs.calculator';
import { parseExpectedVersion } from '../../src/scenarios/expected-version';
import { mergePatch } from '../../src/scenarios/scenario-patch';

const costs = (m: Record<string, number | null>) =>
  optionCosts(
    Object.entries(m).map(([option, monthlyCostUsd]) => ({ option: option as never, eligible: true, monthlyCostUsd })),
    null,
  );

describe('scenario arithmetic and inputs (pure)', () => {
  it.each([
    ['a plain rise', 100, 112.5, 12.5, 12.5],
    ['a fall, rounded to two decimals', 300, 200, -100, -33.33],
    ['a zero baseline: no percent', 0, 10, 10, null],
    ['an unpriced baseline: no delta', null, 10, null, null],
    ['an unpriced scenario: no delta', 10, null, null, null],
    ['float noise stays out (0.1 + 0.2)', 0.1, 0.3, 0.2, 200],
  ])('delta: %s', (_name, base, scenario, absolute, percent) => {
    const [d] = optionDeltas(costs({ KDS_ON_DEMAND: base }), costs({ KDS_ON_DEMAND: scenario }));
    expect(d).toEqual({
      option: 'KDS_ON_DEMAND',
      baselineUsd: base,
      scenarioUsd: scenario,
      absoluteUsd: absolute,
      percent,
    });
  });

  it('splits a change into usage and price that add up to the total in cents', () => {
    const [c] = costChanges({ KDS_PROVISIONED: 10.1 }, { KDS_PROVISIONED: 33.37 }, { KDS_PROVISIONED: 20.2 });
    expect(c).toEqual({
      option: 'KDS_ON_DEMAND',
      baselineUsd: null,
      repricedUsd: null,
      totalChangeUsd: null,
      usageEffectUsd: null,
      priceEffectUsd: null,
    });
    const p = costChanges({ KDS_PROVISIONED: 10.1 }, { KDS_PROVISIONED: 33.37 }, { KDS_PROVISIONED: 20.2 }).find(
      (x) => x.option === 'KDS_PROVISIONED',
    )!;
    expect(p).toEqual({
      option: 'KDS_PROVISIONED',
      baselineUsd: 10.1,
      repricedUsd: 33.37,
      totalChangeUsd: 23.27,
      usageEffectUsd: 10.1,
      priceEffectUsd: 13.17,
    });
    const noSplit = costChanges({ KDS_PROVISIONED: 1 }, { KDS_PROVISIONED: 3 }, undefined).find(
      (x) => x.option === 'KDS_PROVISIONED',
    )!;
    expect(noSplit).toMatchObject({ totalChangeUsd: 2, usageEffectUsd: null, priceEffectUsd: null });
  });

  it('applies RFC 7386 merge patches (the RFC’s own examples)', () => {
    expect(mergePatch({ a: 'b' }, { a: 'c' })).toEqual({ a: 'c' });
    expect(mergePatch({ a: 'b' }, { b: 'c' })).toEqual({ a: 'b', b: 'c' });
    expect(mergePatch({ a: 'b' }, { a: null })).toEqual({});
    expect(mergePatch({ a: 'b', b: 'c' }, { a: null })).toEqual({ b: 'c' });
    expect(mergePatch({ a: ['b'] }, { a: 'c' })).toEqual({ a: 'c' });
    expect(mergePatch({ a: { b: 'c' } }, { a: { b: 'd', c: null } })).toEqual({ a: { b: 'd' } });
    expect(mergePatch({ a: 'foo' }, null)).toBeNull();
    expect(mergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
    const polluted = mergePatch({}, JSON.parse('{"__proto__": {"x": 1}}')) as Record<string, unknown>;
    expect(Object.keys(polluted)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each([
    [3, 3],
    ['3', 3],
    ['"3"', 3],
    ['W/"3"', 3],
    [' "12" ', 12],
  ])('reads the expected version from %p', (raw, version) => {
    expect(parseExpectedVersion(raw, 'If-Match', true)).toBe(version);
  });

  it.each(['*', '"3', 'W/3', '0', '-1', 'abc', '"1", "2"', 1.5])('refuses the If-Match value %p', (raw) => {
    expect(() => parseExpectedVersion(raw, 'If-Match', true)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('requires a version only where asked', () => {
    expect(() => parseExpectedVersion(undefined, 'If-Match', true)).toThrow(
      expect.objectContaining({ code: 'PRECONDITION_REQUIRED' }),
    );
    expect(parseExpectedVersion(undefined, 'If-Match', false)).toBeUndefined();
  });

  it('round-trips cursors and refuses forged ones', () => {
    const c = encodeCursor('2026-11-25T10:00:00.123Z', '0c7b9a52-1f3e-4d6a-8b2c-9e0f1a2b3c4d');
    expect(decodeCursor(c)).toEqual({
      createdAt: '2026-11-25T10:00:00.123Z',
      id: '0c7b9a52-1f3e-4d6a-8b2c-9e0f1a2b3c4d',
    });
    for (const bad of [
      '',
      'abc',
      Buffer.from('["x","y"]').toString('base64url'),
      Buffer.from('[1,2,3]').toString('base64url'),
      'a'.repeat(300),
    ])
      expect(decodeCursor(bad)).toBeNull();
  });
});
