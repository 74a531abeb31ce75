/**
 * The guard's decisions, with AuthService replaced by a test double (no PostgreSQL, no Redis): the tier of
 * ghostfolio's apps/api/src/guards/*.spec.ts. What a real key, a real revocation or a real rate limit does is
 * test/auth and test/security (full app), where the real parts are the point.
 */
import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Test } from '@nestjs/testing';
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../../src/auth/api-key';
import { AuthGuard, RequireRole, restUnits } from '../../src/auth/auth.guard';
import { AuthService } from '../../src/auth/auth.service';
import { Public } from '../../src/common/public.decorator';
import { DomainError } from '../../src/domain/errors';

@Controller()
class Routes {
  @Public()
  @Get('open')
  open() {}

  @Get('read')
  read() {}

  @RequireRole('editor')
  @Get('write')
  write() {}
}

const viewer: Caller = { keyId: 'k1', team: 'team-a', role: 'viewer' };

describe('AuthGuard', () => {
  let guard: AuthGuard;
  const auth = { authenticate: jest.fn(), enforceRateLimit: jest.fn() };

  beforeAll(async () => {
    const module = await Test.createTestingModule({
      providers: [AuthGuard, { provide: AuthService, useValue: auth }],
    }).compile();
    guard = module.get(AuthGuard);
  });
  beforeEach(() => {
    jest.resetAllMocks();
    auth.enforceRateLimit.mockResolvedValue({ limit: 100, remaining: 98, resetSeconds: 30 });
  });

  const headers = new Map<string, string>();
  const contextFor = (handler: keyof Routes, request: Record<string, unknown>): ExecutionContext => {
    headers.clear();
    const reply = { sent: false, header: (name: string, value: string) => headers.set(name, value) };
    const req = { method: 'GET', headers: {}, ip: '203.0.113.9', routeOptions: { url: `/${handler}` }, ...request };
    return new ExecutionContextHost([req, reply], Routes, Routes.prototype[handler]);
  };

  it('lets a @Public route through without asking for a key', async () => {
    await expect(guard.canActivate(contextFor('open', {}))).resolves.toBe(true);
    expect(auth.authenticate).not.toHaveBeenCalled();
  });

  it('authenticates every other route: no key is refused with what AuthService says (401 UNAUTHENTICATED)', async () => {
    auth.authenticate.mockRejectedValue(new DomainError('UNAUTHENTICATED', 'An API key is required'));
    await expect(guard.canActivate(contextFor('read', {}))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(auth.authenticate).toHaveBeenCalledWith(undefined, '203.0.113.9');
    expect(auth.enforceRateLimit).not.toHaveBeenCalled();
  });

  it('charges the units of the request, sets the rate-limit headers and keeps the caller on the request', async () => {
    auth.authenticate.mockResolvedValue(viewer);
    const context = contextFor('read', { headers: { authorization: 'Bearer sf_x' } });
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(auth.authenticate).toHaveBeenCalledWith('Bearer sf_x', '203.0.113.9');
    expect(auth.enforceRateLimit).toHaveBeenCalledWith(viewer, 1);
    expect(Object.fromEntries(headers)).toEqual({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '98' });
    expect(context.switchToHttp().getRequest<{ caller?: Caller }>().caller).toBe(viewer);
  });

  it('a rate limit refusal from AuthService stops the request (429 RATE_LIMITED)', async () => {
    auth.authenticate.mockResolvedValue(viewer);
    auth.enforceRateLimit.mockRejectedValue(new DomainError('RATE_LIMITED', 'Rate limit', { retryAfterSeconds: 5 }));
    await expect(guard.canActivate(contextFor('read', {}))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('refuses a role below the route’s with FORBIDDEN, naming both roles', async () => {
    auth.authenticate.mockResolvedValue(viewer);
    await expect(guard.canActivate(contextFor('write', {}))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This needs the editor role; your key has viewer',
    });
    auth.authenticate.mockResolvedValue({ ...viewer, role: 'admin' });
    await expect(guard.canActivate(contextFor('write', {}))).resolves.toBe(true);
  });

  it('authenticates once per HTTP request: a caller already on the request is not authenticated or charged again', async () => {
    const context = contextFor('write', { caller: { ...viewer, role: 'editor' } });
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(auth.authenticate).not.toHaveBeenCalled();
    expect(auth.enforceRateLimit).not.toHaveBeenCalled();
  });
});

describe('restUnits', () => {
  const req = (method: string, url: string, body?: unknown) =>
    ({ method, routeOptions: { url }, body }) as unknown as FastifyRequest;

  it('one unit for a read, two for a GET estimate and for every write or computation', () => {
    expect(restUnits(req('GET', '/v1/decision-rules'))).toBe(1);
    expect(restUnits(req('HEAD', '/v1/decision-rules'))).toBe(1);
    expect(restUnits(req('GET', '/v1/scenarios/:id/estimate'))).toBe(2);
    expect(restUnits(req('POST', '/v1/evaluations'))).toBe(2);
    expect(restUnits(req('DELETE', '/v1/scenarios/:id'))).toBe(2);
  });

  it('a break-even pays one more unit per 100 steps asked, up to its cap', () => {
    expect(restUnits(req('POST', '/v1/break-even', { steps: 20 }))).toBe(2);
    expect(restUnits(req('POST', '/v1/break-even', { steps: 1000 }))).toBe(12);
    expect(restUnits(req('POST', '/v1/break-even', { steps: 1e9 }))).toBe(
      restUnits(req('POST', '/v1/break-even', { steps: 1000 })),
    );
    expect(restUnits(req('POST', '/v1/break-even', { steps: 'many' }))).toBe(2);
  });
});
