import { isScenarioId } from './scenario-input.validation';

/**
 * Opaque keyset cursor over the list order (created_at DESC, id DESC): base64url of the last item's
 * creation time and id. Stable under inserts: a new scenario sorts before every cursor already given out.
 */
export function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [createdAt, id] = value as unknown[];
    if (typeof createdAt !== 'string' || !isScenarioId(id) || Number.isNaN(Date.parse(createdAt))) return null;
    return { createdAt: new Date(createdAt).toISOString(), id: id.toLowerCase() };
  } catch {
    return null;
  }
}
