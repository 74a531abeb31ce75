import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../domain/errors';
import { CacheService } from '../infrastructure/cache/cache.service';
import { cacheKeys } from '../infrastructure/cache/cache-keys';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';
import { type Caller, type Role, generateApiKey, keyMatches, parseApiKey, TEAM_PATTERN, ROLES } from './api-key';
import { ApiKeyRepository, type StoredApiKey } from './api-key.repository';

const KEY_CACHE_SECONDS = 60;
const RATE_WINDOW_MS = 60_000;

@Injectable()
export class AuthService {
  /** Keys verified in the last CACHE_MEMORY_TTL_MS (skips hashing and lookup on the hot path; a revocation reaches every replica within the key cache TTL). */
  private readonly verified = new Map<string, { caller: Caller; until: number }>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly cache: CacheService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Resolve `Authorization: Bearer <key>` to a caller, or throw UNAUTHENTICATED. */
  async authenticate(authorization: string | undefined): Promise<Caller> {
    if (!authorization) throw new DomainError('UNAUTHENTICATED', 'An API key is required: send `Authorization: Bearer <key>`');
    const remembered = this.verified.get(authorization);
    if (remembered && remembered.until > Date.now()) return remembered.caller;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const parsed = match ? parseApiKey(match[1]) : null;
    if (!match || !parsed) throw new DomainError('UNAUTHENTICATED', 'The API key is malformed or not valid');
    const stored = await this.lookup(parsed.prefix);
    if (!stored || stored.revokedAt || !keyMatches(match[1], stored.secretHash)) {
      throw new DomainError('UNAUTHENTICATED', 'The API key is not valid or has been revoked');
    }
    const caller: Caller = { keyId: stored.id, team: stored.team, role: stored.role };
    if (this.verified.size >= 10000) this.verified.clear();
    this.verified.set(authorization, { caller, until: Date.now() + this.config.CACHE_MEMORY_TTL_MS });
    return caller;
  }

  /** Fixed one-minute window per key, counted in Redis (shared by all replicas). */
  async enforceRateLimit(caller: Caller, now = Date.now()): Promise<{ limit: number; remaining: number; resetSeconds: number }> {
    const windowStart = Math.floor(now / RATE_WINDOW_MS) * RATE_WINDOW_MS;
    const count = await this.cache.hit(cacheKeys.rateLimit(caller.keyId, windowStart), RATE_WINDOW_MS);
    const limit = this.config.RATE_LIMIT_PER_MINUTE;
    const resetSeconds = Math.max(1, Math.ceil((windowStart + RATE_WINDOW_MS - now) / 1000));
    if (count > limit) {
      throw new DomainError('RATE_LIMITED', `Rate limit of ${limit} requests per minute exceeded for this API key; retry in ${resetSeconds} s`, { retryAfterSeconds: resetSeconds, limit });
    }
    return { limit, remaining: limit - count, resetSeconds };
  }

  /** A new key, stored as a hash; the key itself is in this answer only. */
  async createKey(input: { team: string; role: string; name?: string }): Promise<StoredApiKey & { key: string }> {
    const fields = [];
    if (!TEAM_PATTERN.test(input.team)) fields.push({ field: 'team', message: 'team must be 1-63 lowercase letters, digits, dots, dashes or underscores' });
    if (!(ROLES as readonly string[]).includes(input.role)) fields.push({ field: 'role', message: `role must be one of ${ROLES.join(', ')}` });
    if (fields.length) throw new DomainError('VALIDATION_FAILED', 'The key request is not valid', { fields });
    const { key, prefix, secretHash } = generateApiKey();
    const stored = await this.keys.create({ team: input.team, role: input.role as Role, name: input.name, prefix, secretHash });
    return { ...stored, key };
  }

  /** An admin's key management: create, list and revoke the keys of the caller's own team. */
  /** A key in the caller's team; `input` is checked at the edge (CreateApiKeyDto). */
  async createTeamKey(caller: Caller, input: { role: Role; name?: string | null }): Promise<StoredApiKey & { key: string }> {
    return this.createKey({ team: caller.team, role: input.role, name: input.name ?? undefined });
  }

  listTeamKeys(caller: Caller): Promise<StoredApiKey[]> {
    return this.keys.list(caller.team);
  }

  /** Revoke a key of the caller's team; another team's key answers NOT_FOUND, like an unknown one. */
  async revokeTeamKey(caller: Caller, prefix: string): Promise<StoredApiKey> {
    const stored = /^[a-z0-9]{10}$/.test(prefix) ? await this.keys.findByPrefix(prefix) : null;
    if (!stored || stored.team !== caller.team) throw new DomainError('NOT_FOUND', `No API key ${prefix} in your team`, { prefix });
    if (!stored.revokedAt) await this.revokeKey(prefix);
    return (await this.keys.findByPrefix(prefix))!;
  }

  listKeys(team?: string): Promise<StoredApiKey[]> {
    return this.keys.list(team);
  }

  async revokeKey(prefix: string): Promise<boolean> {
    const revoked = await this.keys.revoke(prefix);
    for (const header of this.verified.keys()) if (header.includes(`sf_${prefix}_`)) this.verified.delete(header);
    await this.cache.del(cacheKeys.apiKey(prefix));
    return revoked;
  }

  private async lookup(prefix: string): Promise<StoredApiKey | null> {
    const cached = await this.cache.get(cacheKeys.apiKey(prefix));
    if (cached) {
      const k = JSON.parse(cached) as StoredApiKey | { missing: true };
      return 'missing' in k ? null : k;
    }
    const stored = await this.keys.findByPrefix(prefix);
    await this.cache.set(cacheKeys.apiKey(prefix), JSON.stringify(stored ?? { missing: true }), KEY_CACHE_SECONDS);
    return stored;
  }
}
