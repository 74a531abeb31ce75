import { Injectable } from '@nestjs/common';
import { PrismaService } from '../infrastructure/database/prisma.service';
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

/** API keys in PostgreSQL. Prisma types stay in here. */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByPrefix(prefix: string): Promise<StoredApiKey | null> {
    return guardDatabase(() => this.prisma.apiKey.findUnique({ where: { prefix } }));
  }

  create(data: { team: string; role: Role; name?: string; prefix: string; secretHash: string }): Promise<StoredApiKey> {
    return guardDatabase(() => this.prisma.apiKey.create({ data }));
  }

  list(team?: string): Promise<StoredApiKey[]> {
    return guardDatabase(() =>
      this.prisma.apiKey.findMany({ where: team ? { team } : {}, orderBy: { createdAt: 'asc' } }),
    );
  }

  async revoke(prefix: string): Promise<boolean> {
    const { count } = await guardDatabase(() =>
      this.prisma.apiKey.updateMany({ where: { prefix, revokedAt: null }, data: { revokedAt: new Date() } }),
    );
    return count > 0;
  }
}
