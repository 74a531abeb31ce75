import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { bearer } from './keys';
import { startTestApp } from './test-app';

export interface ViewerApp {
  /** The suite's application (set in beforeAll: read it inside tests and hooks). */
  app: NestFastifyApplication;
  /** `Bearer …` of a viewer key of the suite's team. */
  viewer: string;
  /** POST a JSON body to `path`, as the viewer unless `authorization` is given. */
  post(path: string, body: unknown, authorization?: string): request.Test;
}

/**
 * One application per suite with a viewer key of `team`: started in beforeAll, closed in afterAll.
 * Call it in a describe block; the returned object is filled in when the suite starts.
 */
export function useViewerApp(team: string, env: Record<string, string | undefined> = {}): ViewerApp {
  const suite: ViewerApp = {
    app: undefined as unknown as NestFastifyApplication,
    viewer: '',
    post: (path, body, authorization = suite.viewer) =>
      request(suite.app.getHttpServer())
        .post(path)
        .set('authorization', authorization)
        .send(body as object),
  };
  beforeAll(async () => {
    suite.app = await startTestApp(env);
    suite.viewer = await bearer(suite.app, team, 'viewer');
  });
  afterAll(async () => suite.app.close());
  return suite;
}
