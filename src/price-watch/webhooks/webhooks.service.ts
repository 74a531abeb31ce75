import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Caller } from '../../auth/api-key';
import { DomainError, ValidationError } from '../../domain';
import { APP_CONFIG, type AppConfig, retrySchedule } from '../../infrastructure/config/config';
import { guardDatabase } from '../../infrastructure/database/database-errors';
import { PrismaService } from '../../infrastructure/database/prisma.service';
import { PINO } from '../../infrastructure/logging/logging.tokens';
import { isScenarioId } from '../../scenarios/scenario.limits';
import { JobQueue, QUEUES } from '../job-queue';
import { bossDb, PriceWatchDb } from '../price-watch.store';
import type { CreateWebhookDto } from '../http/dto';
import { HostAllowlist, RefusedTarget, resolveTarget, safePost } from './outbound';
import { secretHint, signedHeaders } from './signature';

export interface WebhookInfo {
  id: string;
  url: string;
  events: string[];
  thresholdPercent: number | null;
  thresholdUsd: number | null;
  secretHint: string;
  createdAt: string;
}

export interface DeliveryInfo {
  id: string;
  webhookId: string;
  priceChangeId: string;
  eventType: string;
  status: string;
  attempts: Array<{
    attemptedAt: string;
    statusCode: number | null;
    outcome: string;
    durationMs: number;
    error: string | null;
  }>;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const notFound = (id: string) => new DomainError('NOT_FOUND', `No webhook ${id} for your team`, { id });
const WEBHOOKS_PER_TEAM = 20;
/** Deliveries one poller sends at once (each bounded by WEBHOOK_TIMEOUT_MS). */
const DELIVERY_BATCH = 20;

type HookRow = Omit<WebhookInfo, 'createdAt'> & { createdAt: Date };
const info = (w: HookRow): WebhookInfo => ({ ...w, createdAt: w.createdAt.toISOString() });
const PUBLIC = {
  id: true,
  url: true,
  events: true,
  thresholdPercent: true,
  thresholdUsd: true,
  secretHint: true,
  createdAt: true,
} as const;

/**
 * A team's webhooks (admins manage them) and the delivery of the outbox: each delivery job POSTs the stored
 * message, signed as Standard Webhooks says, records the attempt, and on failure queues the next attempt
 * after WEBHOOK_RETRY_SCHEDULE_SECONDS until WEBHOOK_RETRY_WINDOW_SECONDS have passed (then FAILED). A
 * replica dying mid-attempt leaves the job to expire and be retried: the receiver may then get the same
 * webhook-id twice (at least once), never a different id for the same message.
 */
@Injectable()
export class WebhooksService implements OnModuleInit {
  private readonly allowlist: HostAllowlist;
  private readonly schedule: number[];

  constructor(
    private readonly prisma: PrismaService,
    private readonly db: PriceWatchDb,
    private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PINO) private readonly logger: Logger,
  ) {
    this.allowlist = new HostAllowlist(config.WEBHOOK_ALLOWED_HOSTS);
    this.schedule = retrySchedule(config.WEBHOOK_RETRY_SCHEDULE_SECONDS) ?? [5];
  }

  onModuleInit(): void {
    if (this.queue.enabled)
      this.queue.work<{ deliveryId: string }>(QUEUES.deliver, { workers: 2, batchSize: DELIVERY_BATCH }, (job) =>
        this.deliver(job.data.deliveryId),
      );
  }

  /** `body` was checked at the edge (CreateWebhookDto); the URL's addresses are checked here. */
  async create(caller: Caller, body: CreateWebhookDto): Promise<WebhookInfo> {
    try {
      await resolveTarget(new URL(body.url), this.allowlist);
    } catch (error) {
      if (error instanceof RefusedTarget) throw new ValidationError([{ field: 'url', message: error.message }]);
      throw error;
    }
    const count = await guardDatabase(() =>
      this.prisma.webhook.count({ where: { team: caller.team, deletedAt: null } }),
    );
    if (count >= WEBHOOKS_PER_TEAM)
      throw new ValidationError([
        { field: 'url', message: `a team has at most ${WEBHOOKS_PER_TEAM} webhooks; delete one first` },
      ]);
    const row = await guardDatabase(() =>
      this.prisma.webhook.create({
        data: {
          team: caller.team,
          url: body.url,
          secret: body.secret,
          secretHint: secretHint(body.secret),
          events: body.events,
          thresholdPercent: body.thresholdPercent ?? null,
          thresholdUsd: body.thresholdUsd ?? null,
          createdByKeyId: caller.keyId,
        },
        select: PUBLIC,
      }),
    );
    return info(row);
  }

  async list(caller: Caller): Promise<WebhookInfo[]> {
    const rows = await guardDatabase(() =>
      this.prisma.webhook.findMany({
        where: { team: caller.team, deletedAt: null },
        orderBy: { createdAt: 'asc' },
        select: PUBLIC,
      }),
    );
    return rows.map(info);
  }

  /** Deletes a webhook; its pending deliveries are cancelled (their attempts stay visible). */
  async remove(caller: Caller, id: string): Promise<WebhookInfo> {
    if (!isScenarioId(id)) throw notFound(id);
    const found = await guardDatabase(() =>
      this.prisma.webhook.findFirst({ where: { id, team: caller.team, deletedAt: null }, select: PUBLIC }),
    );
    if (!found) throw notFound(id);
    await guardDatabase(() =>
      this.prisma.$transaction([
        this.prisma.webhook.update({ where: { id: found.id }, data: { deletedAt: new Date() } }),
        this.prisma.webhookDelivery.updateMany({
          where: { webhookId: found.id, status: 'PENDING' },
          data: { status: 'CANCELLED', nextAttemptAt: null },
        }),
      ]),
    );
    return info(found);
  }

  /** A webhook's deliveries, newest first, each with every attempt. */
  async deliveries(caller: Caller, webhookId: string, limit = 50): Promise<DeliveryInfo[]> {
    if (!isScenarioId(webhookId)) throw notFound(webhookId);
    const hook = await guardDatabase(() =>
      this.prisma.webhook.findFirst({ where: { id: webhookId, team: caller.team }, select: { id: true } }),
    );
    if (!hook) throw notFound(webhookId);
    const rows = await guardDatabase(() =>
      this.prisma.webhookDelivery.findMany({
        where: { webhookId: hook.id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
        include: { attemptRows: { orderBy: { attemptedAt: 'asc' } } },
      }),
    );
    return rows.map((d) => ({
      id: d.id,
      webhookId: d.webhookId,
      priceChangeId: d.priceChangeId,
      eventType: d.eventType,
      status: d.status,
      nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
      attempts: d.attemptRows.map((a) => ({
        attemptedAt: a.attemptedAt.toISOString(),
        statusCode: a.statusCode,
        outcome: a.outcome,
        durationMs: a.durationMs,
        error: a.error,
      })),
    }));
  }

  /** One delivery attempt (a job of the deliver queue). */
  async deliver(deliveryId: string): Promise<void> {
    const { rows } = await this.db.pool.query<{
      status: string;
      payload: string;
      attempts: number;
      created_at: Date;
      url: string;
      secret: string;
      deleted_at: Date | null;
    }>(
      `SELECT d.status, d.payload, d.attempts, d.created_at, w.url, w.secret, w.deleted_at
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1`,
      [deliveryId],
    );
    const d = rows[0];
    if (!d || d.status !== 'PENDING') return;
    if (d.deleted_at) {
      await this.db.pool.query(
        `UPDATE webhook_deliveries SET status = 'CANCELLED', next_attempt_at = NULL WHERE id = $1 AND status = 'PENDING'`,
        [deliveryId],
      );
      return;
    }
    // The next attempt is queued with this one's record; without the queue (stopping) the job is left to be retried.
    const boss = await this.queue.ready();
    if (!boss) throw new Error('the job queue is stopping');
    const result = await safePost(d.url, signedHeaders(d.secret, deliveryId, d.payload), d.payload, {
      allowlist: this.allowlist,
      timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
      maxResponseBytes: this.config.WEBHOOK_RESPONSE_LIMIT_BYTES,
    });
    const delivered = result.outcome === 'DELIVERED';
    const attempt = d.attempts + 1;
    const delay = this.schedule[Math.min(attempt - 1, this.schedule.length - 1)];
    const expired =
      Date.now() + delay * 1000 > d.created_at.getTime() + this.config.WEBHOOK_RETRY_WINDOW_SECONDS * 1000;
    const status = delivered ? 'DELIVERED' : expired ? 'FAILED' : 'PENDING';
    await this.db.transaction(async (client) => {
      await client.query(
        `INSERT INTO webhook_attempts (delivery_id, duration_ms, status_code, outcome, error) VALUES ($1, $2, $3, $4, $5)`,
        [deliveryId, result.durationMs, result.statusCode, result.outcome, result.error],
      );
      const updated = await client.query(
        `UPDATE webhook_deliveries SET status = $2, attempts = attempts + 1, last_status_code = $3,
                delivered_at = CASE WHEN $2 = 'DELIVERED' THEN now() END,
                next_attempt_at = CASE WHEN $2 = 'PENDING' THEN now() + make_interval(secs => $4) END
          WHERE id = $1 AND status = 'PENDING'`,
        [deliveryId, status, result.statusCode, delay],
      );
      if (status === 'PENDING' && updated.rowCount === 1)
        await boss.send(QUEUES.deliver, { deliveryId }, { startAfter: delay, db: bossDb(client) });
    });
    this.logger.info(
      {
        context: 'webhooks',
        deliveryId,
        outcome: result.outcome,
        statusCode: result.statusCode,
        attempt,
        status,
      },
      'webhook delivery attempt',
    );
  }
}
