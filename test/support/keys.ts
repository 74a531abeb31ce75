import type { INestApplication } from '@nestjs/common';
import { AuthService } from '../../src/auth/auth.service';
import type { Role } from '../../src/auth/api-key';

/** A real API key, created through the service the CLI uses; returns the Authorization header value. */
export async function bearer(app: INestApplication, team: string, role: Role): Promise<string> {
  const { key } = await app.get(AuthService).createKey({ team, role });
  return `Bearer ${key}`;
}
