/**
 * Texts read as people write: "2 shards" and "1 shard", never "2 shard(s)"; money as "$1,827.90", never
 * "$1827.90". Checked on the helpers and on every text of real evaluations (reasons, headline, line
 * descriptions, assumptions, risks, warnings).
 */
import { evaluate } from '../../src/domain';
import { count, usd } from '../../src/domain/words';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { decisionGuideExample } from './support/workload.builder';

const card = usEast1RateCard();

/** Every string anywhere in a value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

describe('words', () => {
  it('counts with the noun in the singular for exactly one, the plural otherwise', () => {
    expect(count(1, 'shard')).toBe('1 shard');
    expect(count(2, 'shard')).toBe('2 shards');
    expect(count(0, 'consumer')).toBe('0 consumers');
    expect(count('1', 'unit')).toBe('1 unit');
    expect(count('1.5', 'unit')).toBe('1.5 units');
    expect(count(3, 'client VPC')).toBe('3 client VPCs');
  });

  it('writes money with thousands separators and two decimals', () => {
    expect(usd(1827.9)).toBe('$1,827.90');
    expect(usd(154151.694)).toBe('$154,151.69');
    expect(usd(0.5)).toBe('$0.50');
    expect(usd(-12)).toBe('-$12.00');
  });

  it.each([
    ['the decision guide example', decisionGuideExample().build()],
    [
      'a large estate with dedicated readers, a pipeline and several consumers',
      decisionGuideExample().with({ ingestGbPerDay: 20000, sharedConsumers: 3, dedicatedConsumers: 2 }).build(),
    ],
    ['one shard, one consumer', decisionGuideExample().with({ ingestGbPerDay: 1, sharedConsumers: 1 }).build()],
  ])('no text of %s says "(s)" or writes $1000 and more without separators', (_name, workload) => {
    const texts = strings(evaluate(workload, card));
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.filter((t) => /\w\(s\)/.test(t))).toEqual([]);
    expect(texts.filter((t) => /\$\d{4,}/.test(t))).toEqual([]);
    expect(texts.filter((t) => /\b1 (shards|consumers|brokers)\b/.test(t))).toEqual([]);
  });
});
