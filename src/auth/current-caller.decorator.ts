import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from './api-key';
import { requestOf } from './auth.guard';

/** The authenticated caller (set by AuthGuard), for REST handlers and GraphQL resolvers alike. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = (requestOf(context).request as { caller?: Caller }).caller;
  if (!caller) throw new Error('CurrentCaller used on a public route');
  return caller;
});
