import { redactUrls } from '@tokenomics/core';
import type { YogaLogger } from 'graphql-yoga';
import { type Logger, pino, stdSerializers } from 'pino';

/**
 * Text fit for a log line: every URL cut to its scheme, host and port (no
 * credentials, query, fragment or path: provider keys ride in paths too).
 *
 * @example
 * ```ts
 * import { redactLogText } from '@tokenomics/gateway';
 *
 * redactLogText('GET https://u:p@rpc.example/v2/KEY failed'); // 'GET https://rpc.example/… failed'
 * ```
 */
export function redactLogText(text: string): string {
  return redactUrls(text);
}

/** Log levels, from the most to the least verbose. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Strings anywhere in a serialized error, URLs redacted; depth-bounded (a cycle or a deep object stops). */
function redactStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactLogText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      redactStrings(item, depth + 1),
    ]),
  );
}

/**
 * An error as a log line carries it: pino's standard serialization (type,
 * message and stack with their causes, own properties such as `code`), with
 * every URL cut to its host (no credentials, paths or queries: provider URLs
 * carry API keys). An object (an error serialized already) keeps its shape,
 * redacted the same way, so serializing twice changes nothing; anything else
 * is logged as its text.
 *
 * @example
 * ```ts
 * import { createLogger, serializeError } from '@tokenomics/gateway';
 *
 * declare const error: unknown;
 * const logger = createLogger('info');
 *
 * logger.error({ err: serializeError(error) }, 'upstream failed');
 * ```
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return redactStrings(stdSerializers.err(error)) as Record<string, unknown>;
  if (typeof error === 'object' && error !== null) return redactStrings(error) as Record<string, unknown>;
  return { type: typeof error, message: redactLogText(String(error)) };
}

/**
 * A structured (JSON lines) logger on standard output, through pino. Errors
 * logged as `err` go through {@link serializeError}: no URL credentials.
 *
 * @example
 * ```ts
 * import { createLogger } from '@tokenomics/gateway';
 *
 * const logger = createLogger('info');
 * logger.info({ port: 4000 }, 'listening');
 * ```
 */
export function createLogger(level: LogLevel = 'info'): Logger {
  return pino({ level, base: { service: 'tokenomics-gateway' }, serializers: { err: serializeError } });
}

/**
 * yoga's logger interface over pino: errors keep their stack in the log, never
 * in responses, and lose the credentials of any URL in them.
 *
 * @example
 * ```ts
 * import { createLogger } from '@tokenomics/gateway';
 * import { type GraphQLSchema } from 'graphql';
 * import { createYoga } from 'graphql-yoga';
 * import { yogaLogger } from './logger.js';
 *
 * declare const schema: GraphQLSchema;
 *
 * createYoga({ schema, logging: yogaLogger(createLogger('info')) });
 * ```
 */
export function yogaLogger(logger: Logger): YogaLogger {
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      // Yoga logs a debug line per request: below the logger's level, nothing of it is made or redacted.
      if (!logger.isLevelEnabled(level)) return;
      const [first, ...rest] = args;
      const details = rest.length ? redactStrings(rest) : undefined;
      if (first instanceof Error)
        logger[level]({ err: serializeError(first), details }, redactLogText(first.message));
      else logger[level]({ details }, redactLogText(String(first)));
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
