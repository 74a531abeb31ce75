import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyRepository } from './api-key.repository';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { ApiKeysResolver } from './graphql/api-keys.resolver';
import { ApiKeysController } from './http/api-keys.controller';

@Global()
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeyRepository, AuthService, ApiKeysResolver, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
