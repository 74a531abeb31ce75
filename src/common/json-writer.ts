/**
 * A JSON writer compiled from a serialization schema (the OpenAPI response view, see response-schemas.ts),
 * for the large answers (an evaluation is ~25 KB). It writes exactly the bytes fast-json-stringify writes for
 * the same schema and value (schema property order, absent properties left out), and when a value does not
 * have the shape it expects (a null where none is allowed, a string where a number belongs, NaN or Infinity,
 * an object with toJSON…) it hands the whole value to the fallback — fast-json-stringify itself — so no
 * answer ever differs.
 *
 * What it does differently:
 * - It answers the UTF-8 bytes as a Buffer, built from one-byte pieces (see quoteBytes) collected in one reused
 *   array and joined once: no two-byte string of 25 KB is measured (Content-Length) and encoded again, and no
 *   tree of ~3,000 partial concatenations is allocated and walked per answer (the pieces array took ~33 KB of
 *   allocation off each answer: 90 → 57 KB, README "Benchmarks").
 * - It remembers. Most strings of an answer do not depend on the workload: rule questions, outcomes and
 *   sources, option labels, units, usage types, rate keys, most assumption texts. Each string field of the
 *   schema keeps the escaped, encoded JSON of the values it has seen (up to MEMO_LIMIT distinct ones), and a
 *   field whose values keep changing (a trace answer, a headline) shows a low hit rate and is written plainly
 *   from then on. So the static parts of an answer are escaped and encoded once per process, and fields that
 *   other views add later are covered without anyone listing them.
 */

type Schema = Record<string, unknown>;
/** A serializer: the JSON of a value, as a Buffer (the compiled writer) or a string (the fallback). */
export type JsonWriter = (value: unknown) => Buffer | string;

/** Distinct values a string field remembers. */
export const MEMO_LIMIT = 512;
/** Lookups between two reviews of a field's hit rate. */
const WINDOW = 1024;
/** Strings longer than this are never remembered (they would cost more memory than escaping costs time). */
const MEMO_MAX_LENGTH = 2048;

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** JSON text of a string, as fast-json-stringify writes it (JSON.stringify escapes exactly what its loop escapes). */
export function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"';
}

// Printable ASCII other than '"' and '\\': written as it is between quotes.
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * The JSON of a string as a "byte string": one JavaScript character per UTF-8 byte (Latin-1), so an answer is
 * built of one-byte strings only and becomes its UTF-8 bytes with Buffer.from(answer, 'latin1') — a copy,
 * not an encoding pass — and no 25 KB two-byte string is ever flattened, measured and encoded.
 */
export function quoteBytes(s: string): string {
  if (PLAIN_ASCII.test(s)) return '"' + s + '"';
  return Buffer.from(quote(s), 'utf8').toString('latin1');
}

/**
 * The JSON (as a byte string) of the values one field of the schema has produced: a string field, whose
 * escaping and encoding it saves, or a number field, whose number-to-text conversion it saves (rates, factors
 * and constants repeat; a shortest round-trip double conversion costs far more than a lookup). Every WINDOW
 * lookups it checks its hit rate; a field that hits less than a quarter of the time (values that depend on the
 * workload) is written plainly from then on (map = null).
 */
export class Memo<K extends string | number> {
  map: Map<K, string> | null = new Map();
  private hits = 0;
  private lookups = 0;

  constructor(private readonly render: (value: K) => string) {}

  write(value: K): string {
    const map = this.map;
    if (map === null) return this.render(value);
    if (++this.lookups === WINDOW) this.review();
    const hit = map.get(value);
    if (hit !== undefined) {
      this.hits++;
      return hit;
    }
    const json = this.render(value);
    if (map.size < MEMO_LIMIT && (typeof value === 'number' || value.length <= MEMO_MAX_LENGTH))
      map.set(value, flat(json));
    return json;
  }

  private review(): void {
    if (this.hits < WINDOW / 4) this.map = null;
    this.hits = 0;
    this.lookups = 0;
  }

  /** Values remembered (for tests and diagnostics); -1 once the field proved dynamic. */
  get size(): number {
    return this.map === null ? -1 : this.map.size;
  }
}

const numberText = (n: number): string => '' + n;

/**
 * The string, flattened: V8 keeps a concatenation as a tree of its parts until something reads it whole;
 * reading one character makes it one flat copy, so an answer that writes a remembered piece copies it once
 * instead of walking its parts every time.
 */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/** Thrown inside a compiled writer when a value does not match the schema: the caller falls back. */
const MISMATCH = Symbol('json-writer mismatch');

export interface CompiledWriter {
  write: JsonWriter;
  /** One memo per string- or number-valued location of the schema, by path (e.g. `decisionTrace[].question`). */
  memos: Map<string, Memo<string> | Memo<number>>;
}

/**
 * Compiles `schema` (objects with `properties`, arrays with `items`, string / number / integer / boolean
 * leaves, `nullable`, `enum`) into a writer. Any other construct is refused at compile time (it throws), so a
 * caller can keep its general serializer for that schema.
 */
export function compileJsonWriter(schema: Schema, fallback: (value: unknown) => string): CompiledWriter {
  const memos = new Map<string, Memo<string> | Memo<number>>();
  const memoList: Array<Memo<string> | Memo<number>> = [];
  const memo = (path: string, m: Memo<string> | Memo<number>): string => {
    memos.set(path, m);
    return `M[${memoList.push(m) - 1}]`;
  };
  const functions: string[] = [];

  const nullCheck = (node: Schema, v: string) => (node.nullable ? `else if (${v} === null) P[n++] = 'null';` : '');

  /** Code that appends the byte-string JSON of the value in variable `v` to the pieces `P`, or throws MISMATCH. */
  const valueCode = (node: Schema, v: string, path: string, depth: number): string => {
    if (depth > 32) throw new Error(`json-writer: schema nests too deeply at ${path}`);
    for (const key of Object.keys(node)) {
      if (!['type', 'properties', 'items', 'nullable', 'enum'].includes(key))
        throw new Error(`json-writer: unsupported keyword ${key} at ${path}`);
    }
    switch (node.type) {
      case 'string':
        return `if (typeof ${v} === 'string') P[n++] = ${memo(path, new Memo<string>(quoteBytes))}.write(${v}); ${nullCheck(node, v)} else throw MISMATCH;`;
      case 'number':
      case 'integer':
        // v - v === 0 holds for finite numbers only: NaN and ±Infinity go to the fallback (which writes null or throws).
        return `if (typeof ${v} === 'number' && ${v} - ${v} === 0) P[n++] = ${memo(path, new Memo<number>(numberText))}.write(${v}); ${nullCheck(node, v)} else throw MISMATCH;`;
      case 'boolean':
        return `if (${v} === true) P[n++] = 'true'; else if (${v} === false) P[n++] = 'false'; ${nullCheck(node, v)} else throw MISMATCH;`;
      case 'array': {
        if (!node.items || typeof node.items !== 'object' || Array.isArray(node.items))
          throw new Error(`json-writer: array without items at ${path}`);
        const x = `x${depth}`;
        const i = `i${depth}`;
        return `if (Array.isArray(${v})) {
          P[n++] = '[';
          for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {
            if (${i} !== 0) P[n++] = ',';
            const ${x} = ${v}[${i}];
            ${valueCode(node.items as Schema, x, `${path}[]`, depth + 1)}
          }
          P[n++] = ']';
        } ${nullCheck(node, v)} else throw MISMATCH;`;
      }
      case 'object': {
        const fn = objectFunction(node, path, depth);
        return `if (${v} !== null && typeof ${v} === 'object' && !Array.isArray(${v}) && ${v}.toJSON === undefined) ${fn}(${v}); ${nullCheck(node, v)} else throw MISMATCH;`;
      }
      default:
        throw new Error(`json-writer: unsupported type ${String(node.type)} at ${path}`);
    }
  };

  /** A function writing one object of this schema: properties in schema order, absent (undefined) ones left out. */
  const objectFunction = (node: Schema, path: string, depth: number): string => {
    const index = functions.push('') - 1;
    const properties = Object.entries((node.properties ?? {}) as Record<string, Schema>);
    let body = `function w${index}(o) { const s = n; let v;\n`;
    properties.forEach(([key, property], position) => {
      // Keys are written as their byte string too (a key outside ASCII would otherwise turn the answer two-byte).
      const open = JSON.stringify(quoteBytes(key).replace(/^/, '{') + ':');
      const next = JSON.stringify(quoteBytes(key).replace(/^/, ',') + ':');
      body += `v = o[${JSON.stringify(key)}];
        if (v !== undefined) {
          ${position === 0 ? `P[n++] = ${open};` : `if (n === s) P[n++] = ${open}; else P[n++] = ${next};`}
          ${valueCode(property, 'v', path ? `${path}.${key}` : key, depth + 1)}
        }\n`;
    });
    body += `if (n === s) P[n++] = '{}'; else P[n++] = '}'; }`;
    functions[index] = body;
    return `w${index}`;
  };

  const root = valueCode(schema, 'value', '', 0);
  const factory = new Function(
    'M',
    'MISMATCH',
    `'use strict';\nconst P = []; let n = 0;\n${functions.join('\n')}\n` +
      `return function write(value) { n = 0; ${root} P.length = n; return P.join(''); };`,
  ) as (memos: Array<Memo<string> | Memo<number>>, mismatch: symbol) => (value: unknown) => string;
  const compiled = factory(memoList, MISMATCH);
  const write: JsonWriter = (value) => {
    let bytes: string;
    try {
      bytes = compiled(value);
    } catch (e) {
      if (e === MISMATCH) return fallback(value);
      throw e;
    }
    return Buffer.from(bytes, 'latin1');
  };
  return { write, memos };
}
