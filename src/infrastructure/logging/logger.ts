import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

export function createPino(level: string): Logger {
  return pino({
    level,
    base: { service: 'streamfit' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'headers.authorization'], censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  });
}

/**
 * Nest's start-up chatter: one line per module, controller and route (~90 lines at every start). It goes to debug,
 * so `info` shows what an operator needs (the service's own lines) and `LOG_LEVEL=debug` still lists every route.
 */
export const NEST_STARTUP_CONTEXTS: ReadonlySet<string> = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'GraphQLModule',
  'NestFactory',
  'NestApplication',
]);

/**
 * Nest's logger writing JSON through pino, so every line of the process is one JSON object.
 *
 * Why not nestjs-pino: its request logging is pino-http, while Fastify already logs each request through this same
 * pino instance with its request id (echoed as x-request-id); on Fastify it would log requests twice or need
 * Fastify's logging off. What is left for it to do here is this adapter, whose one rule of its own (Nest's
 * start-up chatter at debug, not info) nestjs-pino's Logger does not have.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}
  log(message: unknown, context?: string): void {
    this.write(context && NEST_STARTUP_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }
  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    context?: string,
    trace?: string,
  ): void {
    if (message !== null && typeof message === 'object') this.pino[level]({ context, trace, ...(message as object) });
    else this.pino[level]({ context, trace }, String(message));
  }
}
