import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { guardDatabase } from '../infrastructure/database/database-errors';
import { PrismaService } from '../infrastructure/database/prisma.service';
import { encodeCursor } from '../scenarios/list-cursor.codec';
import type { PriceChangePageView, PriceChangeView } from './price-watch.view';

export interface PriceChangeQuery {
  limit: number;
  after?: { createdAt: string; id: string };
  scenarioId?: string;
  region?: string;
  recommendationChanged?: boolean;
}

/** A team's price changes, newest first (keyset over created_at DESC, id DESC, the scenario list's cursor). */
@Injectable()
export class PriceChangesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async page(team: string, q: PriceChangeQuery): Promise<PriceChangePageView> {
    const where: Prisma.PriceChangeWhereInput = { team };
    if (q.scenarioId) where.scenarioId = q.scenarioId.toLowerCase();
    if (q.region) where.region = q.region;
    if (q.recommendationChanged !== undefined) where.recommendationChanged = q.recommendationChanged;
    if (q.after) {
      const at = new Date(q.after.createdAt);
      where.OR = [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: q.after.id } }];
    }
    const rows = await guardDatabase(() =>
      this.prisma.priceChange.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: q.limit + 1,
      }),
    );
    const items: PriceChangeView[] = rows.slice(0, q.limit).map((r) => ({
      id: r.id,
      scenarioId: r.scenarioId,
      scenarioVersion: r.scenarioVersion,
      scenarioName: r.scenarioName,
      region: r.region,
      fromRateCardId: r.fromRateCardId,
      toRateCardId: r.toRateCardId,
      rates: r.rates as unknown as PriceChangeView['rates'],
      options: r.options as unknown as PriceChangeView['options'],
      recommendationBefore: r.recommendationBefore,
      recommendationAfter: r.recommendationAfter,
      recommendationChanged: r.recommendationChanged,
      maxChangeUsd: r.maxChangeUsd,
      maxChangePercent: r.maxChangePercent,
      createdAt: r.createdAt.toISOString(),
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null };
  }
}
