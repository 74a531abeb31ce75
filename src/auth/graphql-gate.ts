import type { BaseContext } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OperationCost, OperationGate } from '../graphql-support/query-limits.plugin';
import type { Caller } from './api-key';
import type { AuthService } from './auth.service';

/**
 * Authentication and rate limiting of a GraphQL operation, once its cost is known: without a key, one anonymous
 * request for the client address (introspection included); with one, the operation's units against the key and
 * its team. The caller is left on the request, so field guards do not authenticate or charge again.
 */
export function graphqlGate(auth: AuthService): OperationGate {
  return async (context: BaseContext, cost: OperationCost) => {
    const { req, reply } = context as { req?: FastifyRequest & { caller?: Caller }; reply?: FastifyReply };
    if (!req) return;
    const authorization = req.headers.authorization;
    if (!authorization) {
      auth.chargeAnonymous(req.ip);
      return;
    }
    const caller = await auth.authenticate(authorization, req.ip);
    req.caller = caller;
    const quota = await auth.enforceRateLimit(caller, cost.units);
    if (reply && !reply.sent) {
      void reply.header('x-ratelimit-limit', String(quota.limit));
      void reply.header('x-ratelimit-remaining', String(quota.remaining));
    }
  };
}
