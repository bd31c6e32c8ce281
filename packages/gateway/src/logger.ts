import type { YogaLogger } from 'graphql-yoga';
import { type Logger, pino } from 'pino';

/** Log levels, from the most to the least verbose. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * A structured (JSON lines) logger on standard output, through pino.
 *
 * @example
 * ```ts
 * const logger = createLogger('info');
 * logger.info({ port: 4000 }, 'listening');
 * ```
 */
export function createLogger(level: LogLevel = 'info'): Logger {
  return pino({ level, base: { service: 'tokenomics-gateway' } });
}

/** yoga's logger interface over pino: errors keep their stack in the log, never in responses. */
export function yogaLogger(logger: Logger): YogaLogger {
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const [first, ...rest] = args;
      if (first instanceof Error)
        logger[level]({ err: first, details: rest.length ? rest : undefined }, first.message);
      else logger[level]({ details: rest.length ? rest : undefined }, String(first));
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
