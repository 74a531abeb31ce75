import { UseInterceptors } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '../api-key';
import { ApiKeyView, CreatedApiKeyView } from '../api-key.view';
import { RequireRole } from '../auth.guard';
import { AuthService } from '../auth.service';
import { CurrentCaller } from '../current-caller.decorator';
import { DtoValidationPipe } from '../../common/validation/dto-validation.pipe';
import { CreateApiKeyDto } from '../http/dto/create-api-key.dto';
import { DATABASE_READ, Work } from '../../graphql-support/field-cost';
import { DatabaseLaneInterceptor } from '../../infrastructure/database/database-lane.interceptor';

@Resolver(() => ApiKeyView)
@RequireRole('admin')
@UseInterceptors(DatabaseLaneInterceptor)
export class ApiKeysResolver {
  constructor(private readonly auth: AuthService) {}

  @Query(() => [ApiKeyView], {
    description: "Admin: your team's API keys (never their secrets)",
    complexity: DATABASE_READ,
  })
  async apiKeys(@CurrentCaller() caller: Caller): Promise<ApiKeyView[]> {
    return (await this.auth.listTeamKeys(caller)).map(ApiKeyView.from);
  }

  @Mutation(() => CreatedApiKeyView, {
    description: 'Admin: create a key in your team; the key is in this answer only',
  })
  @Work({ secret: true })
  async createApiKey(
    @CurrentCaller() caller: Caller,
    @Args(DtoValidationPipe) input: CreateApiKeyDto,
  ): Promise<CreatedApiKeyView> {
    const created = await this.auth.createTeamKey(caller, input);
    return { ...ApiKeyView.from(created), key: created.key };
  }

  @Mutation(() => ApiKeyView, { description: 'Admin: revoke a key of your team' })
  async revokeApiKey(@CurrentCaller() caller: Caller, @Args('prefix') prefix: string): Promise<ApiKeyView> {
    return ApiKeyView.from(await this.auth.revokeTeamKey(caller, prefix));
  }
}
