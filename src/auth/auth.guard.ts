import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BREAK_EVEN_MAX_STEPS } from '../domain';
import { DomainError } from '../domain';
import { IS_PUBLIC } from '../common/public.decorator';
import { type Caller, type Role, roleAllows } from './api-key';
import { AuthService } from './auth.service';

export const REQUIRED_ROLE = 'streamfit:requiredRole';
/** The least role a route needs (default: viewer). */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

type AuthedRequest = FastifyRequest & { caller?: Caller };

export function requestOf(context: ExecutionContext): { request: AuthedRequest; reply?: FastifyReply } {
  if (context.getType<string>() === 'graphql') {
    const ctx = GqlExecutionContext.create(context).getContext<{ req: AuthedRequest; reply?: FastifyReply }>();
    return { request: ctx.req, reply: ctx.reply };
  }
  return {
    request: context.switchToHttp().getRequest<AuthedRequest>(),
    reply: context.switchToHttp().getResponse<FastifyReply>(),
  };
}

/** Break-even steps per extra rate-limit unit: 1,000 steps (6,000 priced points) cost 12 units, 20 steps cost 2. */
export const BREAK_EVEN_STEPS_PER_UNIT = 100;

/**
 * Rate-limit units of a REST call: one for the request, plus one when it writes or computes (every call but a
 * GET does, and re-pricing a scenario is an evaluation) — the same unit as GraphQL's expensive and writing fields.
 * A break-even also pays for its length: one more unit per BREAK_EVEN_STEPS_PER_UNIT steps asked.
 */
export function restUnits(request: FastifyRequest): number {
  const route = request.routeOptions?.url ?? '';
  if (request.method === 'GET' || request.method === 'HEAD') return route.endsWith('/estimate') ? 2 : 1;
  if (route === '/v1/break-even') {
    const steps = (request.body as { steps?: unknown } | undefined)?.steps;
    if (typeof steps === 'number' && Number.isFinite(steps) && steps > 0)
      return 2 + Math.floor(Math.min(steps, BREAK_EVEN_MAX_STEPS) / BREAK_EVEN_STEPS_PER_UNIT);
  }
  return 2;
}

/**
 * Authenticates the request, charges its units (restUnits) and sets the rate-limit headers; the caller is kept on
 * the request. The guard runs it after the body is read; a route with a large body runs it first, in an onRequest
 * hook (README "Batch estimates": nothing costly before authentication).
 */
export async function authenticateAndLimit(
  auth: AuthService,
  request: AuthedRequest,
  reply?: FastifyReply,
): Promise<Caller> {
  const caller = await auth.authenticate(request.headers.authorization, request.ip);
  request.caller = caller;
  const quota = await auth.enforceRateLimit(caller, restUnits(request));
  setQuotaHeaders(reply, quota);
  return caller;
}

/** `x-ratelimit-limit` and `x-ratelimit-remaining` of the last units charged. */
export function setQuotaHeaders(reply: FastifyReply | undefined, quota: { limit: number; remaining: number }): void {
  if (reply && !reply.sent) {
    void reply.header('x-ratelimit-limit', String(quota.limit));
    void reply.header('x-ratelimit-remaining', String(quota.remaining));
  }
}

/** Every route needs an API key unless marked @Public: 401 without a valid key, 403 without the role, 429 over the limit. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const { request, reply } = requestOf(context);
    // One authentication per HTTP request, even when GraphQL resolves several fields.
    const caller = request.caller ?? (await authenticateAndLimit(this.auth, request, reply));
    const needed = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? 'viewer';
    if (!roleAllows(caller.role, needed)) {
      throw new DomainError('FORBIDDEN', `This needs the ${needed} role; your key has ${caller.role}`);
    }
    return true;
  }
}
