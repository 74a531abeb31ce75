import { Injectable } from '@nestjs/common';
import type { Rate, RateCard } from '../domain';
import { PrismaService } from '../infrastructure/database/prisma.service';
import { guardDatabase } from '../infrastructure/database/database-errors';

type Row = {
  id: string;
  region: string;
  source: string;
  priceListVersion: string;
  publicationDate: string;
  fetchedAt: Date;
  contentHash: string;
  rates: unknown;
};

function toCard(row: Row): RateCard {
  return {
    id: row.id,
    region: row.region,
    currency: 'USD',
    source: row.source as RateCard['source'],
    priceListVersion: row.priceListVersion,
    publicationDate: row.publicationDate,
    fetchedAt: row.fetchedAt.toISOString(),
    contentHash: row.contentHash,
    stale: false,
    rates: row.rates as Record<string, Rate>,
  };
}

/** Every rate card version ever used, kept in PostgreSQL (scenarios pin one by id). */
@Injectable()
export class RateCardRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Store a version; the same content (region + hash) is stored once, its fetchedAt moved forward. Returns true when new. */
  async save(card: RateCard): Promise<boolean> {
    return guardDatabase(async () => {
      const existing = await this.prisma.rateCardVersion.findUnique({ where: { id: card.id }, select: { id: true } });
      if (existing) {
        await this.prisma.rateCardVersion.update({
          where: { id: card.id },
          data: { fetchedAt: new Date(card.fetchedAt) },
        });
        return false;
      }
      await this.prisma.rateCardVersion.upsert({
        where: { id: card.id },
        update: { fetchedAt: new Date(card.fetchedAt) },
        create: {
          id: card.id,
          region: card.region,
          source: card.source,
          priceListVersion: card.priceListVersion,
          publicationDate: card.publicationDate,
          fetchedAt: new Date(card.fetchedAt),
          contentHash: card.contentHash,
          rates: card.rates as object,
        },
      });
      return true;
    });
  }

  async latest(region: string): Promise<RateCard | null> {
    const row = await guardDatabase(() =>
      this.prisma.rateCardVersion.findFirst({
        where: { region },
        orderBy: [{ fetchedAt: 'desc' }, { createdAt: 'desc' }],
      }),
    );
    return row ? toCard(row) : null;
  }

  async byId(id: string): Promise<RateCard | null> {
    const row = await guardDatabase(() => this.prisma.rateCardVersion.findUnique({ where: { id } }));
    return row ? toCard(row) : null;
  }

  async versions(
    region: string,
  ): Promise<Array<{ id: string; source: string; fetchedAt: string; contentHash: string }>> {
    const rows = await guardDatabase(() =>
      this.prisma.rateCardVersion.findMany({
        where: { region },
        orderBy: { createdAt: 'desc' },
        select: { id: true, source: true, fetchedAt: true, contentHash: true },
      }),
    );
    return rows.map((r) => ({ ...r, fetchedAt: r.fetchedAt.toISOString() }));
  }

  async regions(): Promise<string[]> {
    const rows = await guardDatabase(() =>
      this.prisma.rateCardVersion.findMany({ distinct: ['region'], select: { region: true } }),
    );
    return rows.map((r) => r.region);
  }
}
