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

/** Nest's logger writing JSON through pino, so every line of the process is one JSON object. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}
  log(message: unknown, context?: string): void {
    this.write('info', message, context);
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
