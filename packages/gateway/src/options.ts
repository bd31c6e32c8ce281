import { type TokenEconomy, TokenomicsError } from '@tokenomics/core';
import { z } from 'zod';

/** A whole number ≥ `min` (a count, a size in bytes, milliseconds). */
const whole = (min = 0) =>
  z
    .number({ error: `must be a number` })
    .int({ error: `must be a whole number` })
    .min(min, { error: `must be ${min} or more` });
/** A number ≥ 0 (seconds, milliseconds). */
const nonNegative = z.number({ error: 'must be a number' }).min(0, { error: 'must be 0 or more' });
/** Anything of the right kind: objects the gateway only hands on (stores, loggers, readers). */
const object = z.custom<object>((value) => typeof value === 'object' && value !== null, {
  error: 'must be an object',
});

// The bounds of caches (plans, response texts, documents) and of schedules are at least 1.
const limitsSchema = z.strictObject({
  maxDepth: whole(),
  maxAliases: whole(),
  maxTokens: whole(),
  maxCost: whole(),
  maxBodyBytes: whole(),
  requestBudget: whole(),
  maxStakes: whole(),
  maxOverrides: whole(),
  heavyRequestCost: whole(1),
  maxHeavyRequests: whole(1),
  maxQueuedHeavyRequests: whole(),
  heavyAnswerHoldMs: whole(),
  maxSchedulePoints: whole(1),
  responseCacheBytes: whole(1),
  responseDocumentBytes: whole(1),
  maxPlans: whole(1),
  maxSubscriptions: whole(),
  maxSubscriptionsPerClient: whole(),
});

/**
 * The options of `createGateway` as zod checks them: every key known (a
 * typo'd key fails), numbers in range, and adapter ids unique. Objects the
 * gateway only hands on (stores, loggers, readers, tracing) are checked to be
 * objects, not deeper.
 */
export const gatewayOptionsSchema = z.strictObject({
  adapters: z
    .array(object)
    .readonly()
    .superRefine((adapters, ctx) => {
      const seen = new Set<string>();
      for (const adapter of adapters as readonly TokenEconomy[]) {
        if (seen.has(adapter.id))
          ctx.addIssue({
            code: 'custom',
            message: `two adapters have the id "${adapter.id}"; ids must be unique`,
            params: { id: adapter.id },
          });
        seen.add(adapter.id);
      }
    }),
  cacheStore: object.optional(),
  cacheTtlSeconds: nonNegative.optional(),
  cacheOpTimeoutMs: nonNegative.optional(),
  upstreamTimeoutMs: nonNegative.optional(),
  upstreamMaxBodyBytes: whole().optional(),
  upstreamCircuit: z
    .strictObject({ failures: whole(1).optional(), cooldownMs: nonNegative.optional() })
    .optional(),
  reader: object.optional(),
  limits: limitsSchema.partial().optional(),
  production: z.boolean().optional(),
  graphiql: z.boolean().optional(),
  corsOrigins: z.union([z.literal('*'), z.array(z.string()).readonly()]).optional(),
  introspection: z.boolean().optional(),
  metrics: z
    .strictObject({
      enabled: z.boolean().optional(),
      token: z.string().min(1, { error: 'must not be empty' }).optional(),
      port: whole().max(65_535, { error: 'must be a port, 0 to 65535' }).optional(),
      host: z.string().min(1, { error: 'must not be empty' }).optional(),
    })
    .optional(),
  drainGraceMs: nonNegative.optional(),
  logger: object.optional(),
  responseCache: z.boolean().optional(),
  compiledExecution: z.boolean().optional(),
  streamLargeAnswers: z.boolean().optional(),
  requestTurns: z.boolean().optional(),
  persistedOperations: object.optional(),
  httpCache: z.boolean().optional(),
  now: z
    .custom<() => Date>((value) => typeof value === 'function', { error: 'must be a function' })
    .optional(),
  rateLimit: z
    .strictObject({
      perMinute: whole(1),
      trustProxy: z.union([z.boolean(), whole()]).optional(),
      apiKeyHeader: z.string().min(1).nullable().optional(),
      redisUrl: z.string().min(1).nullable().optional(),
    })
    .optional(),
  tracing: object.nullable().optional(),
  exampleTabs: z
    .array(z.strictObject({ query: z.string().min(1), variables: z.string().optional() }))
    .readonly()
    .optional(),
  site: z.strictObject({ dir: z.string().min(1) }).optional(),
  history: object.optional(),
  updates: object.optional(),
});

/**
 * Checks `createGateway`'s options with {@link gatewayOptionsSchema}.
 *
 * @throws TokenomicsError CONFIGURATION naming the first wrong option, e.g.
 *   `createGateway: limits.maxDepth: must be 0 or more`
 * @example
 * ```ts
 * import { checkGatewayOptions } from './options.js';
 *
 * checkGatewayOptions({ adapters: [], limits: { maxPlans: 100 } }); // passes
 * ```
 */
export function checkGatewayOptions(options: unknown): void {
  const result = gatewayOptionsSchema.safeParse(options);
  if (result.success) return;
  const issue = result.error.issues[0]!;
  const where = issue.path.map(String).join('.');
  const duplicate = (issue as { params?: { id?: string } }).params?.id;
  throw new TokenomicsError(
    'CONFIGURATION',
    duplicate !== undefined ? issue.message : `createGateway: ${where || 'options'}: ${issue.message}`,
    duplicate !== undefined ? { details: { id: duplicate } } : {},
  );
}
