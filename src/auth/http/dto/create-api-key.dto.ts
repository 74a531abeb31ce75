import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsPrintableText } from '../../../common/validation/flat-input';
import { ROLES, type Role, TEAM_PATTERN } from '../../api-key';
import { RoleEnum } from '../../api-key.view';

export const KEY_NAME_MAX = 100;

const NAME_MESSAGE = `$property must be a string of 1 to ${KEY_NAME_MAX} characters`;

/** A key's label: absent or null for none; otherwise printable text of 1 to KEY_NAME_MAX characters. */
const KeyName = () =>
  applyDecorators(
    IsOptional(),
    IsString({ message: NAME_MESSAGE }),
    Length(1, KEY_NAME_MAX, { message: NAME_MESSAGE }),
    IsPrintableText(),
  );

/**
 * A key in the caller's team: the body of POST /v1/api-keys and the arguments of GraphQL createApiKey (one class,
 * one check); the CLI adds the team (CreateKeyCommand).
 */
@ArgsType()
export class CreateApiKeyDto {
  @ApiProperty({
    enum: [...ROLES],
    required: true,
    description: 'Role of the new key (in your team)',
    example: 'viewer',
  })
  @Field(() => RoleEnum)
  @IsIn(ROLES, { message: `$property must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiProperty({
    type: String,
    minLength: 1,
    maxLength: KEY_NAME_MAX,
    required: false,
    nullable: true,
    description: 'A label for the key',
    example: 'portal backend',
  })
  @Field(() => String, { nullable: true })
  @KeyName()
  name?: string | null;
}

/** `npm run keys -- create`: the same check, for any team. */
export class CreateKeyCommand extends CreateApiKeyDto {
  @Matches(TEAM_PATTERN, { message: 'team must be 1-63 lowercase letters, digits, dots, dashes or underscores' })
  team!: string;
}
