/**
 * Limits on the JSON a caller sends, checked before anything walks it, and a cache-key writer that tells every
 * value apart (JSON.stringify writes Infinity, -Infinity and NaN — which a body's 1e999 parses to — as null).
 */

/** Deepest nesting of objects and arrays accepted in a request body (README "Security and limits"). */
export const MAX_JSON_DEPTH = 32;

/** Whether JSON text nests objects/arrays deeper than `max`: one pass over the text, before it is parsed. */
export function jsonDepthExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** A JSON text that may hold a NUL or a UTF-16 surrogate (escaped: raw ones cannot come from UTF-8 bytes). */
const MAYBE_BAD_ESCAPE = /\\u(0000|[dD][89a-fA-F])/;
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const BAD_CHARACTER = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Where a parsed body holds a string (value or key) with a NUL character or a lone UTF-16 surrogate, which no
 * field accepts and PostgreSQL cannot store: its path, or null. Walks the value only when the text has such an
 * escape at all (a valid surrogate pair is an escape too, and passes).
 */
export function badCharacterPath(text: string, value: unknown): string | null {
  return MAYBE_BAD_ESCAPE.test(text) ? findBadCharacter(value, '') : null;
}

function findBadCharacter(value: unknown, path: string): string | null {
  if (typeof value === 'string') return BAD_CHARACTER.test(value) ? path || '(body)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadCharacter(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (BAD_CHARACTER.test(key)) return JSON.stringify(at).slice(1, -1);
    const found = findBadCharacter(item, at);
    if (found !== null) return found;
  }
  return null;
}

/** JSON text with non-finite numbers written bare (Infinity, -Infinity, NaN); the rest as JSON.stringify writes it. */
function withNonFinite(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : String(value);
  if (Array.isArray(value)) return `[${value.map((item) => withNonFinite(item) ?? 'null').join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      const text = withNonFinite(item);
      if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * JSON.stringify for cache keys: identical for every finite value, but a non-finite number is written as a bare
 * Infinity, -Infinity or NaN (not JSON, so nothing a caller sends as JSON can be written the same way).
 */
export function keyJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  // Only a value with a null in its text can hide a non-finite number (the common case pays one search).
  if (!text.includes('null')) return text;
  return withNonFinite(value) ?? 'undefined';
}
