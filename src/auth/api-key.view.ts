import { ObjectType, registerEnumType } from '@nestjs/graphql';
import { ViewProperty as P } from '../common/view-property';
import type { StoredApiKey } from './api-key.repository';

export enum RoleEnum {
  VIEWER = 'viewer',
  EDITOR = 'editor',
  ADMIN = 'admin',
}
registerEnumType(RoleEnum, {
  name: 'Role',
  description:
    'VIEWER: evaluate and read; EDITOR: also write scenarios; ADMIN: also refresh rates and manage keys (REST and the CLI write them in lower case)',
});

@ObjectType('ApiKey', { description: "An API key of the caller's team (never its secret)" })
export class ApiKeyView {
  @P(String, { example: '4df41f5e2d', description: 'Public part of the key (sf_<prefix>_…): what revoke takes' })
  prefix: string;
  @P(String, { example: 'platform' }) team: string;
  @P(RoleEnum, { enum: RoleEnum }) role: RoleEnum;
  @P(String, { nullable: true, example: 'portal backend' }) name: string | null;
  @P(String, { example: '2026-11-25T20:16:21.222Z' }) createdAt: string;
  @P(String, { nullable: true, description: 'Set once revoked; a revoked key answers 401' }) revokedAt: string | null;

  static from(k: StoredApiKey): ApiKeyView {
    return {
      prefix: k.prefix,
      team: k.team,
      role: k.role as RoleEnum,
      name: k.name,
      createdAt: k.createdAt.toISOString(),
      revokedAt: k.revokedAt?.toISOString() ?? null,
    };
  }
}

@ObjectType('CreatedApiKey', { description: 'A new key; `key` is shown this once and stored only as a hash' })
export class CreatedApiKeyView extends ApiKeyView {
  @P(String, { example: 'sf_4df41f5e2d_ttWn189Vib423X4DiyU0ZKlnn1QCYMrffsKzNI7QU1Q' }) key: string;
}
