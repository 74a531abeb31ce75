import { EnumField, TextField } from '../../../common/validation/field.decorators';
import { ROLES, type Role } from '../../api-key';

export const KEY_NAME_MAX = 100;

/** POST /v1/api-keys (and the GraphQL createApiKey arguments, checked by the same class). */
export class CreateApiKeyDto {
  @EnumField(ROLES, { api: { description: 'Role of the new key (in your team)', example: 'viewer' } })
  role!: Role;

  @TextField(
    { min: 1, max: KEY_NAME_MAX, message: (p) => `${p} must be a string of 1 to ${KEY_NAME_MAX} characters` },
    { nullable: true, api: { description: 'A label for the key', example: 'portal backend' } },
  )
  name?: string | null;
}
