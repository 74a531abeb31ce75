import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../domain';
import { CacheService } from '../infrastructure/cache/cache.service';
import { cacheKeys } from '../infrastructure/cache/cache-keys';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';
import { type Caller, type Role, generateApiKey, keyMatches, parseApiKey } from './api-key';
import { ApiKeyRepository, type StoredApiKey } from './api-key.repository';

const RATE_WINDOW_MS = 60_000;
const LOCAL_MAX = 10_000;
/** How long a replica remembers that a key prefix belongs to a real key (its hash), to tell a valid key from a flood. */
const KNOWN_KEY_MS = 24 * 3_600_000;

/** A key record as shared in Redis: when it was read from PostgreSQL, so no replica trusts it past the bound. */
type SharedKey = StoredApiKey & { checkedAt: number };

/**
 * Authentication. A key is looked up in Redis (shared entry) or else in PostgreSQL (the source of truth). Every
 * answer carries the time it was read from PostgreSQL, and neither the shared entry nor a replica's memory is
 * trusted past that time + CACHE_MEMORY_TTL_MS (the revocation bound, 5 s), whatever fails: a revocation is refused
 * everywhere within the bound, with Redis up or down, even when another replica was verifying the key at that
 * moment (its answer, read before the revocation, expires with the time it was read). Unknown keys are remembered
 * locally (never written to Redis), and failed attempts are throttled per client address before any lookup —
 * apart from valid keys: an address over its anonymous budget can still use a key this replica (or Redis) has seen
 * verified, so a flood of bad keys does not lock out the good one.
 */
@Injectable()
export class AuthService {
  /** Keys verified within the bound, by the key itself (not the header it came in). */
  private readonly verified = new Map<string, { caller: Caller; prefix: string; until: number }>();
  /** Prefixes no key has (until a time): a negative cache that costs Redis nothing. */
  private readonly unknown = new Map<string, number>();
  /**
   * Prefixes of keys verified here (with their hash, for KNOWN_KEY_MS): never authenticates anything by itself,
   * only lets a valid key past its address's anonymous budget to the real lookup.
   */
  private readonly known = new Map<string, { secretHash: string; until: number }>();
  /** Requests without a valid key per client address, in the current one-minute window (this replica). */
  private readonly anonymous = new Map<string, { windowStart: number; count: number }>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly cache: CacheService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Resolve `Authorization: Bearer <key>` to a caller, or throw UNAUTHENTICATED. `client` (the caller's address)
   * is charged one anonymous request per failed attempt; over ANONYMOUS_RATE_LIMIT_PER_MINUTE, RATE_LIMITED before
   * any PostgreSQL lookup — unless the key is one already seen valid (see `known`).
   */
  async authenticate(authorization: string | undefined, client = 'unknown'): Promise<Caller> {
    if (!authorization)
      throw new DomainError('UNAUTHENTICATED', 'An API key is required: send `Authorization: Bearer <key>`');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const key = match?.[1];
    const now = Date.now();
    const remembered = key === undefined ? undefined : this.verified.get(key);
    if (remembered && remembered.until > now) return remembered.caller;
    const parsed = key === undefined ? null : parseApiKey(key);
    const overBudget = this.anonymousRefusal(client, now);
    let shared: SharedKey | null | undefined;
    if (overBudget) {
      // Only a key shown valid before gets past a throttled address: its hash is known here or shared in Redis.
      const seen = parsed ? this.known.get(parsed.prefix) : undefined;
      if (seen && seen.until > now && keyMatches(key!, seen.secretHash)) shared = undefined;
      else {
        shared = parsed ? await this.sharedEntry(parsed.prefix, now) : null;
        if (!shared || !keyMatches(key!, shared.secretHash)) throw overBudget;
      }
    }
    if (key === undefined || !parsed) throw this.failed(client, now, 'The API key is malformed or not valid');
    const unknownUntil = this.unknown.get(parsed.prefix);
    if (unknownUntil !== undefined && unknownUntil > now)
      throw this.failed(client, now, 'The API key is not valid or has been revoked');
    const stored = shared ?? (await this.lookup(parsed.prefix, now));
    if (!stored) this.bounded(this.unknown).set(parsed.prefix, Date.now() + this.config.CACHE_MEMORY_TTL_MS);
    if (!stored || stored.revokedAt || !keyMatches(key, stored.secretHash))
      throw this.failed(client, now, 'The API key is not valid or has been revoked');
    const caller: Caller = { keyId: stored.id, team: stored.team, role: stored.role };
    // Trusted until the time it was read from PostgreSQL + the bound: never longer, however slow the lookup or
    // however long the answer waited in Redis.
    this.bounded(this.verified).set(key, {
      caller,
      prefix: parsed.prefix,
      until: Math.min(now, stored.checkedAt) + this.config.CACHE_MEMORY_TTL_MS,
    });
    this.bounded(this.known).set(parsed.prefix, { secretHash: stored.secretHash, until: now + KNOWN_KEY_MS });
    return caller;
  }

  /**
   * Charges one request without a valid key to a client address (unauthenticated GraphQL, introspection included);
   * throws RATE_LIMITED over ANONYMOUS_RATE_LIMIT_PER_MINUTE. Counted per replica, in memory.
   */
  chargeAnonymous(client: string, now = Date.now()): void {
    const refusal = this.anonymousRefusal(client, now);
    if (refusal) throw refusal;
    this.countAnonymous(client, now);
  }

  private failed(client: string, now: number, message: string): DomainError {
    this.countAnonymous(client, now);
    return new DomainError('UNAUTHENTICATED', message);
  }

  private countAnonymous(client: string, now: number): void {
    const windowStart = Math.floor(now / RATE_WINDOW_MS) * RATE_WINDOW_MS;
    const entry = this.anonymous.get(client);
    if (entry && entry.windowStart === windowStart) entry.count += 1;
    else this.bounded(this.anonymous).set(client, { windowStart, count: 1 });
  }

  /** The RATE_LIMITED error for an address over its anonymous budget in this window, or null. */
  private anonymousRefusal(client: string, now: number): DomainError | null {
    const windowStart = Math.floor(now / RATE_WINDOW_MS) * RATE_WINDOW_MS;
    const entry = this.anonymous.get(client);
    const limit = this.config.ANONYMOUS_RATE_LIMIT_PER_MINUTE;
    if (!entry || entry.windowStart !== windowStart || entry.count < limit) return null;
    const resetSeconds = Math.max(1, Math.ceil((windowStart + RATE_WINDOW_MS - now) / 1000));
    return new DomainError(
      'RATE_LIMITED',
      `Too many requests without a valid API key from this address (${limit} per minute); retry in ${resetSeconds} s`,
      { retryAfterSeconds: resetSeconds, limit },
    );
  }

  /** A local map that never grows past LOCAL_MAX entries (the oldest goes first). */
  private bounded<K, V>(map: Map<K, V>): Map<K, V> {
    if (map.size >= LOCAL_MAX) {
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
    return map;
  }

  /**
   * Fixed one-minute windows counted in Redis (shared by all replicas): `units` against the key's
   * RATE_LIMIT_PER_MINUTE, then — only when the key is within its own limit — against its team's
   * TEAM_RATE_LIMIT_PER_MINUTE (so minting keys does not multiply a team's budget, and a key over its own limit
   * spends nothing of its team's: the team's other keys keep working). A unit is one HTTP request, plus one per
   * expensive or writing field (README "Rate limits").
   */
  async enforceRateLimit(
    caller: Caller,
    units = 1,
    now = Date.now(),
  ): Promise<{ limit: number; remaining: number; resetSeconds: number }> {
    const windowStart = Math.floor(now / RATE_WINDOW_MS) * RATE_WINDOW_MS;
    const limit = this.config.RATE_LIMIT_PER_MINUTE;
    const teamLimit = this.config.TEAM_RATE_LIMIT_PER_MINUTE;
    const resetSeconds = Math.max(1, Math.ceil((windowStart + RATE_WINDOW_MS - now) / 1000));
    const count = await this.cache.hit(cacheKeys.rateLimit(caller.keyId, windowStart), RATE_WINDOW_MS, units);
    if (count > limit) {
      throw new DomainError(
        'RATE_LIMITED',
        `Rate limit of ${limit} units per minute exceeded for this API key (this request costs ${units}); retry in ${resetSeconds} s`,
        { retryAfterSeconds: resetSeconds, limit },
      );
    }
    const teamCount = await this.cache.hit(
      cacheKeys.rateLimit(`team:${caller.team}`, windowStart),
      RATE_WINDOW_MS,
      units,
    );
    if (teamCount > teamLimit) {
      throw new DomainError(
        'RATE_LIMITED',
        `Rate limit of ${teamLimit} units per minute exceeded for team ${caller.team} (all its keys together); retry in ${resetSeconds} s`,
        { retryAfterSeconds: resetSeconds, limit: teamLimit },
      );
    }
    return { limit, remaining: Math.max(0, Math.min(limit - count, teamLimit - teamCount)), resetSeconds };
  }

  /**
   * A new key, stored as a hash; the key itself is in this answer only. `input` is checked at the edge, by the
   * same class for REST, GraphQL and the CLI (CreateApiKeyDto; CreateKeyCommand adds the CLI's team).
   */
  async createKey(input: { team: string; role: Role; name?: string | null }): Promise<StoredApiKey & { key: string }> {
    const { key, prefix, secretHash } = generateApiKey();
    const stored = await this.keys.create({
      team: input.team,
      role: input.role,
      name: input.name ?? undefined,
      prefix,
      secretHash,
    });
    return { ...stored, key };
  }

  /** An admin's key management: create, list and revoke the keys of the caller's own team. */
  async createTeamKey(
    caller: Caller,
    input: { role: Role; name?: string | null },
  ): Promise<StoredApiKey & { key: string }> {
    return this.createKey({ team: caller.team, role: input.role, name: input.name });
  }

  listTeamKeys(caller: Caller): Promise<StoredApiKey[]> {
    return this.keys.list(caller.team);
  }

  /** Revoke a key of the caller's team; another team's key answers NOT_FOUND, like an unknown one. */
  async revokeTeamKey(caller: Caller, prefix: string): Promise<StoredApiKey> {
    const stored = /^[a-z0-9]{10}$/.test(prefix) ? await this.keys.findByPrefix(prefix) : null;
    if (!stored || stored.team !== caller.team)
      throw new DomainError('NOT_FOUND', `No API key ${prefix} in your team`, { prefix });
    if (!stored.revokedAt) await this.revokeKey(prefix);
    return (await this.keys.findByPrefix(prefix))!;
  }

  listKeys(team?: string): Promise<StoredApiKey[]> {
    return this.keys.list(team);
  }

  async revokeKey(prefix: string): Promise<boolean> {
    const revoked = await this.keys.revoke(prefix);
    for (const [key, entry] of this.verified) if (entry.prefix === prefix) this.verified.delete(key);
    await this.cache.del(cacheKeys.apiKey(prefix));
    return revoked;
  }

  /** The shared (Redis) entry of a prefix while it is within the bound, else null (also when Redis is away). */
  private async sharedEntry(prefix: string, now: number): Promise<SharedKey | null> {
    const shared = await this.cache.getShared(cacheKeys.apiKey(prefix));
    if (!shared.ok || !shared.value) return null;
    const k = JSON.parse(shared.value) as Partial<SharedKey>;
    return typeof k.checkedAt === 'number' && k.checkedAt + this.config.CACHE_MEMORY_TTL_MS > now
      ? (k as SharedKey)
      : null;
  }

  /**
   * Redis's shared entry when Redis has one within the bound, else PostgreSQL (found keys are shared in Redis
   * with the time of this read, expiring at that time + the bound; unknown ones are not shared).
   */
  private async lookup(prefix: string, now: number): Promise<SharedKey | null> {
    const shared = await this.sharedEntry(prefix, now);
    if (shared) return shared;
    const checkedAt = Date.now();
    const found = await this.keys.findByPrefix(prefix);
    if (!found) return null;
    const stored: SharedKey = { ...found, checkedAt };
    const ttlMs = checkedAt + this.config.CACHE_MEMORY_TTL_MS - Date.now();
    if (ttlMs > 0) await this.cache.setShared(cacheKeys.apiKey(prefix), JSON.stringify(stored), ttlMs);
    return stored;
  }
}
