/** How numbers read in the texts the API writes (reasons, headlines, line descriptions, assumptions). */

/** "1 shard", "2 shards", "0 consumers": a count with its noun, in the plural unless it is exactly one. */
export function count(n: number | string, one: string, many = `${one}s`): string {
  return `${n} ${String(n) === '1' ? one : many}`;
}

const USD = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Money as people write it: "$1,827.90", "-$12.00". */
export function usd(n: number): string {
  return `${n < 0 ? '-' : ''}$${USD.format(Math.abs(n))}`;
}
