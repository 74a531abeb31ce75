import { Injectable } from '@nestjs/common';
import { PrismaService } from '../infrastructure/database/prisma.service';
import { DatabaseAdmission } from '../infrastructure/database/database-admission';
import { guardDatabase } from '../infrastructure/database/database-errors';
import type { Role } from './api-key';

export interface StoredApiKey {
  id: string;
  team: string;
  role: Role;
  name: string | null;
  prefix: string;
  secretHash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/**
 * API keys in PostgreSQL. Prisma types stay in here. A team's key management (create, list) is admitted as that
 * team's database work (DatabaseAdmission); the lookup of a key being authenticated is not (no team is known yet).
 */
@Injectable()
export class ApiKeyRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly admission: DatabaseAdmission,
  ) {}

  findByPrefix(prefix: string): Promise<StoredApiKey | null> {
    return guardDatabase(() => this.prisma.apiKey.findUnique({ where: { prefix } }));
  }

  create(data: { team: string; role: Role; name?: string; prefix: string; secretHash: string }): Promise<StoredApiKey> {
    return this.admission.run(data.team, () => guardDatabase(() => this.prisma.apiKey.create({ data })));
  }

  list(team?: string): Promise<StoredApiKey[]> {
    const read = () =>
      guardDatabase(() => this.prisma.apiKey.findMany({ where: team ? { team } : {}, orderBy: { createdAt: 'asc' } }));
    return team === undefined ? read() : this.admission.run(team, read);
  }

  async revoke(prefix: string): Promise<boolean> {
    const { count } = await guardDatabase(() =>
      this.prisma.apiKey.updateMany({ where: { prefix, revokedAt: null }, data: { revokedAt: new Date() } }),
    );
    return count > 0;
  }
}
