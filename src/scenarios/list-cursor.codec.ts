import { INT32_MAX, isScenarioId } from './scenario.limits';

/**
 * Opaque keyset cursor over the list order (created_at DESC, id DESC): base64url of the last item's
 * creation time and id. Stable under inserts: a new scenario sorts before every cursor already given out.
 */
export function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id]), 'utf8').toString('base64url');
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
const MIN_CURSOR_TIME = Date.UTC(2000, 0, 1);
const MAX_CURSOR_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [createdAt, id] = value as unknown[];
    // Only the ISO form this service writes, with a year PostgreSQL and Date both hold (forged dates used to answer 500).
    if (typeof createdAt !== 'string' || !isScenarioId(id) || !ISO_INSTANT.test(createdAt)) return null;
    const at = Date.parse(createdAt);
    if (Number.isNaN(at) || at < MIN_CURSOR_TIME || at > MAX_CURSOR_TIME) return null;
    return { createdAt: new Date(createdAt).toISOString(), id: id.toLowerCase() };
  } catch {
    return null;
  }
}

/** Opaque cursor into a scenario's edit history (newest first): the last version given; the next page is older. */
export function encodeVersionCursor(version: number): string {
  return Buffer.from(`v:${version}`, 'utf8').toString('base64url');
}

export function decodeVersionCursor(cursor: string): number | null {
  if (cursor.length > 40 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const m = /^v:([1-9]\d{0,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m && Number(m[1]) <= INT32_MAX ? Number(m[1]) : null;
}
