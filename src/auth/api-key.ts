import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: passed explicitly as the first argument of every application-service method. */
export interface Caller {
  keyId: string;
  team: string;
  role: Role;
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };
export const roleAllows = (held: Role, needed: Role): boolean => RANK[held] >= RANK[needed];

const KEY_PATTERN = /^sf_([a-z0-9]{10})_([A-Za-z0-9_-]{32,64})$/;

/** A new key: `sf_<10-char prefix>_<43-char secret>`. Only its SHA-256 is stored. */
export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(8).toString('hex').slice(0, 10);
  const secret = randomBytes(32).toString('base64url');
  const key = `sf_${prefix}_${secret}`;
  return { key, prefix, secretHash: hashKey(key) };
}

export const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export function parseApiKey(key: string): { prefix: string } | null {
  const m = KEY_PATTERN.exec(key);
  return m ? { prefix: m[1] } : null;
}

export function keyMatches(key: string, secretHash: string): boolean {
  const a = Buffer.from(hashKey(key), 'hex');
  const b = Buffer.from(secretHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const TEAM_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;
