/** The compiled JSON writer (src/common/json-writer.ts) on a schema of every kind it takes, against fast-json-stringify. */
import fastJsonStringify from 'fast-json-stringify';
import { compileJsonWriter } from '../../src/common/json-writer';
import { responseWriter } from '../../src/common/response-schemas';

const bytes = (out: Buffer | string) => (typeof out === 'string' ? Buffer.from(out, 'utf8') : out);

describe('compileJsonWriter', () => {
  const schema = {
    type: 'object',
    properties: {
      id: { type: 'string' },
      label: { type: 'string' },
      n: { type: 'number' },
      cost: { type: 'number', nullable: true },
      ok: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string' } },
      inner: {
        type: 'object',
        nullable: true,
        properties: { a: { type: 'integer' }, b: { type: 'string', enum: ['X', 'Y'] } },
      },
    },
  };
  const theirs = fastJsonStringify(schema as never) as (v: unknown) => string;
  const write = (value: unknown) => bytes(compileJsonWriter(schema, theirs).write(value)).toString('utf8');

  it('writes what fast-json-stringify writes: order, absent fields, nulls, escapes, non-ASCII, lone surrogates', () => {
    const values = [
      { id: 'a', label: 'plain', n: 1.5, cost: null, ok: true, tags: [], inner: null },
      { extra: 1, tags: ['x "quoted" \\ back', 'tab\there', 'line\nbreak', '\u0001'], ok: false, id: 'z' },
      {
        id: 'µs ≥ 25 KB × 3 → ok – “quotes”',
        label: '😀 pair and lone \ud800 surrogate',
        n: -0,
        cost: 1e21,
        inner: { b: 'X', a: 3, c: 'dropped' },
      },
      { n: 1.4e-8, cost: 66.55, inner: {} },
      {},
    ];
    for (const value of values) expect(write(value)).toBe(theirs(value));
  });

  it('falls back to fast-json-stringify for values off the schema, so the answer never differs', () => {
    const compiled = compileJsonWriter(schema, theirs);
    for (const value of [
      { n: '7' },
      { n: Infinity },
      { cost: -Infinity },
      { ok: 1 },
      { tags: null },
      { label: 42 },
      { inner: { a: null } },
      { id: null },
    ]) {
      const out = compiled.write(value);
      expect(typeof out).toBe('string'); // the fallback's answer
      expect(out).toBe(theirs(value));
    }
    for (const value of [{ n: NaN }, { n: 'seven' }]) expect(() => compiled.write(value)).toThrow(); // as fast-json-stringify does
    expect(bytes(compiled.write({ id: 'back on shape' })).toString()).toBe(theirs({ id: 'back on shape' }));
  });

  it('starts every answer afresh: nothing of a longer answer, or of one that fell back half-written, is left in the next', () => {
    const compiled = compileJsonWriter(schema, theirs);
    const long = { id: 'long', tags: Array.from({ length: 200 }, (_, i) => `tag ${i}`), inner: { a: 1, b: 'Y' } };
    const halfWritten = { id: 'half', tags: ['a', 'b', 'c'], inner: { a: null } };
    const short = { id: 's', n: 2 };
    for (const value of [long, short, halfWritten, short, long, long])
      expect(bytes(compiled.write(value)).toString()).toBe(theirs(value));
  });

  it('remembers the values of a field that repeat and stops remembering a field whose values keep changing', () => {
    const compiled = compileJsonWriter(schema, theirs);
    for (let i = 0; i < 3000; i++)
      compiled.write({ id: `request ${i}`, label: ['one', 'two', 'three'][i % 3], n: i / 7, cost: 0.015 });
    expect(compiled.memos.get('label')!.size).toBe(3);
    expect(compiled.memos.get('cost')!.size).toBe(1);
    expect(compiled.memos.get('id')!.size).toBe(-1);
    expect(compiled.memos.get('n')!.size).toBe(-1);
    expect(write({ id: 'request 5', label: 'two', n: 5 / 7, cost: 0.015 })).toBe(
      theirs({ id: 'request 5', label: 'two', n: 5 / 7, cost: 0.015 }),
    );
  });

  it('refuses schemas it does not know, so the route keeps fast-json-stringify', () => {
    expect(() =>
      compileJsonWriter({ type: 'object', properties: { a: { anyOf: [{ type: 'string' }] } } }, theirs),
    ).toThrow(/unsupported/);
    const general = responseWriter({
      type: 'object',
      properties: { a: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
    });
    expect(general({ a: 1 })).toBe('{"a":1}');
  });
});
