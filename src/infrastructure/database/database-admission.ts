import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../domain';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** Database operations waiting at once on a replica, every team together; past it a 503 at once. */
export const DB_WAITING_MAX = 1000;
/** What a refused operation's Retry-After says. */
export const DB_RETRY_AFTER_SECONDS = 1;

/**
 * One request's own bound: at most `limit` of its database operations at once, the others wait their turn here
 * (not in the team's queue). A GraphQL request runs its root fields side by side, so twenty aliased `scenario`
 * fields would otherwise ask for twenty connections together.
 */
export class RequestLane {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return;
    }
    // The slot is handed over by release (active stays counted).
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface TeamState {
  active: number;
  waiting: Waiter[];
}

/**
 * Fair admission of the teams' database work (README "Security and limits"). The pool has DB_POOL_SIZE
 * connections; at most that many team operations run at once, and one team at most DB_TEAM_CONCURRENCY of them
 * (half the pool, rounded up, unless set). Past its share a team's operations wait in its own queue (at most
 * DB_TEAM_QUEUE, for at most DB_TIMEOUT_MS); past that they are refused with a 429 and Retry-After — that team's
 * only. When a connection frees, the waiting team with the fewest operations running goes next, so a team that
 * arrives while another floods waits for at most one operation to end, never behind the flood. Each request also
 * has its lane (RequestLane, DB_REQUEST_CONCURRENCY), entered by DatabaseLaneInterceptor.
 *
 * What it does not count: API-key lookups during authentication (the team is not known yet; one per key per
 * CACHE_MEMORY_TTL_MS at most), rate-card versions and the readiness ping.
 */
@Injectable()
export class DatabaseAdmission {
  readonly capacity: number;
  readonly perTeam: number;
  readonly perRequest: number;
  readonly queuePerTeam: number;
  readonly waitMs: number;
  private readonly lane = new AsyncLocalStorage<RequestLane>();
  private readonly lanes = new WeakMap<object, RequestLane>();
  /** Teams with operations running or waiting (an idle team is forgotten): at most capacity + DB_WAITING_MAX. */
  private readonly teams = new Map<string, TeamState>();
  private active = 0;
  private waiting = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.capacity = config.DB_POOL_SIZE;
    this.perTeam = Math.min(this.capacity, config.DB_TEAM_CONCURRENCY ?? Math.ceil(this.capacity / 2));
    this.perRequest = config.DB_REQUEST_CONCURRENCY;
    this.queuePerTeam = config.DB_TEAM_QUEUE;
    this.waitMs = config.DB_TIMEOUT_MS;
  }

  /** Runs `fn` with the lane of `request` (one per request object, however many resolvers it runs). */
  inLaneOf<T>(request: object, fn: () => T): T {
    let lane = this.lanes.get(request);
    if (!lane) this.lanes.set(request, (lane = new RequestLane(this.perRequest)));
    return this.lane.run(lane, fn);
  }

  /** Runs one database operation of `team` once admitted (its request's lane first, then the team's share). */
  async run<T>(team: string, work: () => Promise<T>): Promise<T> {
    const lane = this.lane.getStore();
    if (lane) await lane.acquire();
    try {
      await this.admit(team);
      try {
        return await work();
      } finally {
        this.release(team);
      }
    } finally {
      lane?.release();
    }
  }

  /** Operations running and waiting, for the metrics and the tests. */
  get load(): { active: number; waiting: number; teams: number } {
    return { active: this.active, waiting: this.waiting, teams: this.teams.size };
  }

  private admit(team: string): Promise<void> {
    let state = this.teams.get(team);
    if (!state) this.teams.set(team, (state = { active: 0, waiting: [] }));
    if (state.active < this.perTeam && this.active < this.capacity) {
      state.active += 1;
      this.active += 1;
      return Promise.resolve();
    }
    if (state.waiting.length >= this.queuePerTeam || this.waiting >= DB_WAITING_MAX) {
      const refusal = this.refusal(team, state);
      this.forgetIfIdle(team, state);
      return Promise.reject(refusal);
    }
    const queue = state;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          queue.waiting.splice(queue.waiting.indexOf(waiter), 1);
          this.waiting -= 1;
          reject(this.refusal(team, queue));
          this.forgetIfIdle(team, queue);
        }, this.waitMs),
      };
      queue.waiting.push(waiter);
      this.waiting += 1;
    });
  }

  private release(team: string): void {
    const state = this.teams.get(team)!;
    state.active -= 1;
    this.active -= 1;
    this.forgetIfIdle(team, state);
    this.dispatch();
  }

  /** Hands free connections to the waiting teams under their share, fewest running first (oldest team on a tie). */
  private dispatch(): void {
    while (this.active < this.capacity && this.waiting > 0) {
      let next: [string, TeamState] | undefined;
      for (const entry of this.teams) {
        const [, state] = entry;
        if (state.waiting.length > 0 && state.active < this.perTeam && (!next || state.active < next[1].active))
          next = entry;
      }
      if (!next) return;
      const [team, state] = next;
      const waiter = state.waiting.shift()!;
      clearTimeout(waiter.timer);
      this.waiting -= 1;
      state.active += 1;
      this.active += 1;
      // The team served goes to the end of the order: teams on a tie take turns.
      this.teams.delete(team);
      this.teams.set(team, state);
      waiter.resolve();
    }
  }

  private forgetIfIdle(team: string, state: TeamState): void {
    if (state.active === 0 && state.waiting.length === 0) this.teams.delete(team);
  }

  /** 429 when the team has its whole share running (its own load); 503 when the replica's pool is what is full. */
  private refusal(team: string, state: TeamState): DomainError {
    if (state.active >= this.perTeam)
      return new DomainError(
        'RATE_LIMITED',
        `Team ${team} already has ${this.perTeam} database operations running, its share of this replica's ${this.capacity} connections, and no room to wait; retry in ${DB_RETRY_AFTER_SECONDS} s`,
        { retryAfterSeconds: DB_RETRY_AFTER_SECONDS, limit: this.perTeam },
      );
    return new DomainError(
      'DEPENDENCY_UNAVAILABLE',
      `The scenario store (PostgreSQL) is busy with other work on this replica; retry in ${DB_RETRY_AFTER_SECONDS} s. Evaluations and estimates keep working.`,
      { dependency: 'postgresql', retryAfterSeconds: DB_RETRY_AFTER_SECONDS },
    );
  }
}
