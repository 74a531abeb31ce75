import type { Provider, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { Caller } from '../../src/auth/api-key';
import { AuthGuard } from '../../src/auth/auth.guard';
import { AuthService } from '../../src/auth/auth.service';
import { GlobalExceptionFilter } from '../../src/common/http-exception.filter';

/**
 * One controller on Fastify with the app's error filter, its services given by the test (doubles where the service
 * is not the point): no PostgreSQL, no Redis, no AppModule. The cheap tier, as immich's `controllerSetup`
 * (server/src/controllers/*.controller.spec.ts). With `caller`, the app's AuthGuard runs too, AuthService a double
 * that authenticates every request as that caller (roles and @Public are the guard's own decisions). Call it with
 * `inject` (no port is opened). Close it in afterAll.
 */
export async function controllerApp(
  controller: Type,
  providers: Provider[],
  options: { caller?: () => Caller } = {},
): Promise<NestFastifyApplication> {
  const { caller } = options;
  const guard: Provider[] = caller
    ? [
        { provide: APP_GUARD, useClass: AuthGuard },
        {
          provide: AuthService,
          useValue: {
            authenticate: async () => caller(),
            enforceRateLimit: async () => ({ limit: 600, remaining: 599, resetSeconds: 60 }),
          },
        },
      ]
    : [];
  const module = await Test.createTestingModule({
    controllers: [controller],
    providers: [...providers, ...guard],
  }).compile();
  const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  app.useGlobalFilters(new GlobalExceptionFilter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
