/** Route-mapping and module-loading lines are debug: `info` shows the service's own lines, not ~90 of Nest's. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { PinoNestLogger } from '../../src/infrastructure/logging/logger';

function capture(level: string) {
  const lines: { level: number; context?: string; msg?: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as never);
      done();
    },
  });
  return { logger: new PinoNestLogger(pino({ level }, sink)), lines };
}

describe('Nest start-up logs', () => {
  it.each([
    ['RouterExplorer', 'Mapped {/v1/evaluations, POST} route'],
    ['RoutesResolver', 'EvaluationController {/v1}:'],
    ['InstanceLoader', 'AppModule dependencies initialized'],
    ['NestApplication', 'Nest application successfully started'],
  ])('%s lines are debug, not info', (context, message) => {
    const info = capture('info');
    info.logger.log(message, context);
    expect(info.lines).toEqual([]);
    const debug = capture('debug');
    debug.logger.log(message, context);
    expect(debug.lines.map((l) => [l.level, l.context, l.msg])).toEqual([[20, context, message]]);
  });

  it("the service's own lines and Nest's warnings stay at their level", () => {
    const info = capture('info');
    info.logger.log('rates refreshed', 'RatesRefresher');
    info.logger.warn('slow start', 'RouterExplorer');
    expect(info.lines.map((l) => [l.level, l.context])).toEqual([
      [30, 'RatesRefresher'],
      [40, 'RouterExplorer'],
    ]);
  });
});
