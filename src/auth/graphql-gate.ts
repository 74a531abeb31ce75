import type { BaseContext } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { DomainError } from '../domain';
import type { DocumentShape } from '../graphql-support/document-shape';
import { gateError, type OperationCost, type OperationGate } from '../graphql-support/query-limits.plugin';
import type { Caller } from './api-key';
import type { AuthService } from './auth.service';

type GraphqlRequest = FastifyRequest & { caller?: Caller };
export interface GraphqlContext {
  req: GraphqlRequest;
  reply: FastifyReply;
}

/**
 * Root fields a caller without a key may ask for: serviceInfo (the one resolver marked @Public) and introspection.
 * Any other root field needs a key, and an anonymous document that asks for one is refused before validation.
 * (test/security/graphql-preauth.e2e.spec.ts checks every other root field of the schema is refused.)
 */
export const PUBLIC_ROOT_FIELDS: ReadonlySet<string> = new Set(['serviceInfo', '__schema', '__type', '__typename']);

/**
 * Apollo's context function: authentication comes first, before the document is even parsed. With a key, the key
 * is verified (a bad one answers 401 and counts against the client address); without one, the request is charged
 * to the client address as anonymous (429 past ANONYMOUS_RATE_LIMIT_PER_MINUTE). The caller is left on the request,
 * so field guards do not authenticate again.
 */
export function graphqlContext(auth: AuthService) {
  return async (req: GraphqlRequest, reply: FastifyReply): Promise<GraphqlContext> => {
    try {
      const authorization = req.headers.authorization;
      if (authorization) req.caller = await auth.authenticate(authorization, req.ip);
      else auth.chargeAnonymous(req.ip);
    } catch (error) {
      if (error instanceof DomainError) throw gateError(error);
      throw error;
    }
    return { req, reply };
  };
}

/**
 * Admission and rate limiting of a GraphQL operation: an anonymous caller may only ask for PUBLIC_ROOT_FIELDS (any
 * other root field answers 401 before validation); a caller with a key is charged the operation's units against the
 * key and its team once its cost is known.
 */
export function graphqlGate(auth: AuthService): OperationGate {
  return {
    admit(context: BaseContext, shape: DocumentShape, schema: GraphQLSchema) {
      const { req } = context as Partial<GraphqlContext>;
      if (!req || req.caller) return;
      const exists = (field: string) =>
        [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].some(
          (type) => type?.getFields()[field] !== undefined,
        );
      // A root field the schema does not have is left to validation, which names it.
      for (const field of shape.rootFields)
        if (!PUBLIC_ROOT_FIELDS.has(field) && exists(field))
          throw new DomainError(
            'UNAUTHENTICATED',
            `An API key is required for ${field}: send \`Authorization: Bearer <key>\``,
          );
    },
    async charge(context: BaseContext, cost: OperationCost) {
      const { req, reply } = context as Partial<GraphqlContext>;
      if (!req?.caller) return;
      const quota = await auth.enforceRateLimit(req.caller, cost.units);
      if (reply && !reply.sent) {
        void reply.header('x-ratelimit-limit', String(quota.limit));
        void reply.header('x-ratelimit-remaining', String(quota.remaining));
      }
    },
  };
}
