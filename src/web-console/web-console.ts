import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { projectRoot } from '../infrastructure/paths';

/** Where `npm run build` (vite, see web/vite.config.mjs) writes the web console. */
export function webConsoleDir(root = projectRoot()): string {
  return join(root, 'dist', 'web');
}

/**
 * The console's own policy: everything from this origin, nothing inline, nothing from elsewhere.
 * The built HTML has no inline script or style, so this holds without 'unsafe-inline'.
 */
export const WEB_CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function setHeaders(reply: FastifyReply, path: string): void {
  if (path.endsWith('.html')) {
    void reply.header('content-security-policy', WEB_CONSOLE_CSP);
    void reply.header('cache-control', 'no-cache');
    void reply.header('x-content-type-options', 'nosniff');
  } else if (path.includes('/assets/')) {
    // Vite names assets by content hash: a changed file gets a new name.
    void reply.header('cache-control', 'public, max-age=31536000, immutable');
  }
}

/**
 * Serves the web console at GET / (public like /docs: the page holds no data; every call it makes carries the
 * API key the user pastes). One route per built file, no wildcard, so unknown paths keep the API's JSON 404.
 */
export function registerWebConsole(fastify: FastifyInstance, dir = webConsoleDir()): void {
  if (!existsSync(join(dir, 'index.html'))) {
    fastify.get('/', async (_request, reply) =>
      reply
        .code(404)
        .header('content-type', 'text/plain; charset=utf-8')
        .send('The streamfit web console is not built here. Run `npm run build` (npm start does it), then reload.\n'),
    );
    return;
  }
  void fastify.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    decorateReply: false,
    index: ['index.html'],
    setHeaders: (reply, path) => setHeaders(reply, path),
  });
}
