import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';
import { DATABASE_URL } from '../infrastructure/database/database.tokens';
import { PINO } from '../infrastructure/logging/logging.tokens';

export const QUEUES = {
  /** One per rate-card change of a region: cuts the region's scenarios into chunks. */
  plan: 'price_watch_plan',
  /** One per chunk of scenario ids: re-prices them, writes price changes and the webhook outbox. */
  reprice: 'price_watch_reprice',
  /** One per delivery attempt due. */
  deliver: 'webhook_deliver',
} as const;

type Handler<T> = (job: PgBoss.Job<T>) => Promise<void>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/**
 * The job queue the replicas share: pg-boss in the same PostgreSQL (its own schema `pgboss`, created and
 * migrated by pg-boss at start under an advisory lock). Jobs are taken with SKIP LOCKED; a job still active
 * after PRICE_WATCH_JOB_EXPIRE_SECONDS (its replica died) is failed by pg-boss's maintenance and retried by
 * another replica. Starting never blocks the application: it is retried in the background while PostgreSQL
 * cannot be reached.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private boss?: PgBoss;
  private started?: Promise<PgBoss>;
  private readonly workers: Array<{ name: string; handler: Handler<never>; workers: number; batchSize: number }> = [];
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private attempt?: Promise<void>;
  private starting?: PgBoss;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly startListeners: Array<() => Promise<void>> = [];

  constructor(
    @Inject(DATABASE_URL) private readonly url: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PINO) private readonly logger: Logger,
  ) {}

  get enabled(): boolean {
    return this.config.PRICE_WATCH;
  }

  /** `listener` runs once the queue has started (errors are logged). */
  onStart(listener: () => Promise<void>): void {
    this.startListeners.push(listener);
  }

  /**
   * Registers `workers` pollers of a queue; they start with the queue. Each takes up to `batchSize` jobs per poll
   * and runs them together (pg-boss waits out the polling interval after every fetch, so a batch is what lets
   * short jobs such as deliveries go faster than one per interval); a job that throws fails the batch, which is
   * retried (handlers are idempotent).
   */
  work<T>(name: string, options: { workers: number; batchSize: number }, handler: Handler<T>): void {
    this.workers.push({ name, handler: handler as Handler<never>, ...options });
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.started = new Promise<PgBoss>((resolve) => {
      this.attempt = this.tryStart(resolve, 1000);
    });
    this.started.catch(() => undefined);
  }

  /** The started queue (waits up to `timeoutMs` for it); undefined when the watch is off, stopped or not up in time. */
  async ready(timeoutMs = 10000): Promise<PgBoss | undefined> {
    if (!this.started || this.stopped) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), timeoutMs)));
    try {
      const boss = await Promise.race([this.started, timeout]);
      return this.stopped ? undefined : boss;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops polling and closes pg-boss's pool; a start still under way is waited for (it stops itself) first. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    // A start under way is cut short (its queries fail once the pool is closed), then waited for.
    if (this.starting && this.starting !== this.boss) await this.shutdown(this.starting);
    if (this.attempt) await Promise.race([this.attempt, sleep(5000)]);
    const boss = this.boss;
    this.boss = undefined;
    const busy = this.inFlight.size > 0;
    if (boss) await this.shutdown(boss);
    if (busy) {
      // Jobs still running end on their own (their pool is closing); pg-boss's worker loops notice within 1 s.
      await Promise.race([Promise.allSettled([...this.inFlight]), sleep(10000)]);
      await sleep(1100);
    }
  }

  private async shutdown(boss: PgBoss): Promise<void> {
    await boss.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => undefined);
  }

  private async tryStart(resolve: (boss: PgBoss) => void, delayMs: number): Promise<void> {
    if (this.stopped) return;
    const expire = this.config.PRICE_WATCH_JOB_EXPIRE_SECONDS;
    const boss = new PgBoss({
      connectionString: this.url,
      schema: 'pgboss',
      application_name: 'streamfit-jobs',
      max: Math.max(2, this.config.PRICE_WATCH_CONCURRENCY + 1),
      // Expired (lost) jobs are noticed at most this late.
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.ceil(expire / 2))),
      monitorStateIntervalSeconds: 3600,
      archiveCompletedAfterSeconds: 3600,
    });
    boss.on('error', (error) => this.logger.warn({ context: 'jobs', err: error.message }, 'job queue error'));
    this.starting = boss;
    try {
      await boss.start();
      for (const name of Object.values(QUEUES)) {
        if (this.stopped) break;
        await boss.createQueue(name, {
          name,
          expireInSeconds: expire,
          retryLimit: 20,
          retryDelay: 1,
          retryBackoff: true,
        });
      }
      for (const w of this.workers) {
        for (let i = 0; i < w.workers && !this.stopped; i++) {
          await boss.work<never>(
            w.name,
            { batchSize: w.batchSize, pollingIntervalSeconds: this.config.PRICE_WATCH_POLL_MS / 1000 },
            async (jobs) => {
              const run = Promise.all(jobs.map((job) => w.handler(job)));
              this.inFlight.add(run);
              try {
                await run;
              } finally {
                this.inFlight.delete(run);
              }
            },
          );
        }
      }
      if (this.stopped) {
        await this.shutdown(boss);
        return;
      }
      this.boss = boss;
      resolve(boss);
      for (const listener of this.startListeners)
        void listener().catch((error: Error) =>
          this.logger.warn({ context: 'jobs', err: error.message }, 'job queue start task failed'),
        );
    } catch (error) {
      await this.shutdown(boss);
      if (this.stopped) return;
      this.logger.warn(
        { context: 'jobs', err: (error as Error).message },
        'job queue not started; retrying (price watch waits)',
      );
      this.retryTimer = setTimeout(() => {
        this.attempt = this.tryStart(resolve, Math.min(delayMs * 2, 30000));
      }, delayMs);
      this.retryTimer.unref();
    }
  }
}
