import type { Provider, Type } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { GlobalExceptionFilter } from '../../src/common/http-exception.filter';

/**
 * One controller on Fastify with the app's error filter, its services given by the test (doubles where the service
 * is not the point): no PostgreSQL, no Redis, no AppModule. The cheap tier, as immich's `controllerSetup`
 * (server/src/controllers/*.controller.spec.ts). Call it with `inject` (no port is opened). Close it in afterAll.
 */
export async function controllerApp(controller: Type, providers: Provider[]): Promise<NestFastifyApplication> {
  const module = await Test.createTestingModule({ controllers: [controller], providers }).compile();
  const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  app.useGlobalFilters(new GlobalExceptionFilter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
