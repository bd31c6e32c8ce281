import type { z } from 'zod';
import type { TokenEconomy } from './economy.js';
import { TokenomicsError } from './errors.js';

/** One environment variable an adapter reads, for `--help` and the README. */
export interface AdapterEnvVar {
  /** The variable's name, e.g. `EXAMPLE_RPC_URL`. */
  name: string;
  /** What it sets, in one line. */
  description: string;
}

/**
 * What an adapter package exports for a gateway to load it: who it is, the
 * options it takes (validated by its own zod schema), how the environment
 * sets them, and how to make an economy from them. Every adapter is loaded
 * the same way, by package name or path; the gateway names no protocol.
 *
 * Plain data and functions, in the spirit of viem's `defineChain`: build one
 * with {@link defineAdapterDescriptor} and export it as `adapter` (and as the
 * module's default export).
 */
export interface AdapterDescriptor<Options = unknown> {
  /** The protocol id an instance gets by default, e.g. `session`. */
  id: string;
  /** The protocol's display name. */
  name: string;
  /**
   * The options, as a configuration file writes them: a strict zod schema,
   * so a typo'd key fails start-up with the adapter's own message.
   */
  optionsSchema: z.ZodType<Options>;
  /** The environment variables {@link AdapterDescriptor.fromEnv} reads. */
  env: readonly AdapterEnvVar[];
  /**
   * Options from the environment over a configuration's options (which are
   * not validated yet): the result is validated by `optionsSchema`.
   */
  fromEnv(
    env: Readonly<Record<string, string | undefined>>,
    options: Record<string, unknown>,
  ): Record<string, unknown>;
  /** An economy from validated options. */
  create(options: Options): TokenEconomy;
}

/**
 * Checks an adapter descriptor's shape and returns it, typed.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineAdapterDescriptor, type TokenEconomy } from '@tokenomics/core';
 *
 * declare function exampleEconomy(options: { preset: string }): TokenEconomy;
 *
 * export const adapter = defineAdapterDescriptor({
 *   id: 'example',
 *   name: 'Example',
 *   optionsSchema: z.object({ preset: z.string().default('seed') }).strict(),
 *   env: [{ name: 'EXAMPLE_PRESET', description: 'the parameter preset' }],
 *   fromEnv: (env, options) => (env.EXAMPLE_PRESET ? { ...options, preset: env.EXAMPLE_PRESET } : options),
 *   create: (options) => exampleEconomy(options),
 * });
 * ```
 */
export function defineAdapterDescriptor<Options>(
  descriptor: AdapterDescriptor<Options>,
): AdapterDescriptor<Options> {
  if (!isAdapterDescriptor(descriptor)) {
    throw new TokenomicsError(
      'CONFIGURATION',
      'an adapter descriptor needs id, name, optionsSchema, env, fromEnv and create',
    );
  }
  return descriptor;
}

/**
 * Whether a value (a module's `adapter` or default export) has the shape of an
 * {@link AdapterDescriptor}.
 *
 * @example
 * ```ts
 * import { isAdapterDescriptor } from '@tokenomics/core';
 *
 * isAdapterDescriptor({ id: 'x' }); // false
 * ```
 */
export function isAdapterDescriptor(value: unknown): value is AdapterDescriptor {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof AdapterDescriptor, unknown>>;
  return (
    typeof candidate.id === 'string' &&
    candidate.id.length > 0 &&
    typeof candidate.name === 'string' &&
    typeof candidate.optionsSchema === 'object' &&
    candidate.optionsSchema !== null &&
    typeof (candidate.optionsSchema as { safeParse?: unknown }).safeParse === 'function' &&
    Array.isArray(candidate.env) &&
    typeof candidate.fromEnv === 'function' &&
    typeof candidate.create === 'function'
  );
}
