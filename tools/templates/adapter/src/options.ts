import { z } from 'zod';

/**
 * The adapter's options, as a `gateway.config.json` entry writes them: a strict
 * schema, so a typo'd key fails start-up with this adapter's message.
 *
 * @example
 * ```ts
 * import { optionsSchema } from '__PACKAGE_NAME__';
 *
 * optionsSchema.parse({}); // { id: '__ADAPTER_ID__', preset: 'default' }
 * optionsSchema.safeParse({ presett: 'default' }).success; // false: an unknown key
 * ```
 */
export const optionsSchema = z.strictObject(
  {
    /** The protocol id; default `__ADAPTER_ID__`. */
    id: z.string().min(1).default('__ADAPTER_ID__'),
    /** The preset name; default `default`. */
    preset: z.string().min(1).default('default'),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `__DISPLAY_NAME__ adapter: unknown option ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}; valid options: id, preset`
        : undefined,
  },
);

/** Options as a configuration writes them (every key optional). */
export type __PASCAL_NAME__Options = z.input<typeof optionsSchema>;

/** Options once validated (defaults filled in). */
export type __PASCAL_NAME__ResolvedOptions = z.output<typeof optionsSchema>;

/** The environment variables {@link fromEnv} reads. */
export const env = [
  { name: '__ENV_PREFIX___PRESET', description: 'the parameter preset (default: default)' },
] as const;

/**
 * Options from the environment over a configuration's options: a set
 * `__ENV_PREFIX___PRESET` wins over the configuration's `preset`.
 *
 * @example
 * ```ts
 * import { fromEnv } from '__PACKAGE_NAME__';
 *
 * fromEnv({ __ENV_PREFIX___PRESET: 'default' }, { id: 'mine' }); // { id: 'mine', preset: 'default' }
 * ```
 */
export function fromEnv(
  environment: Readonly<Record<string, string | undefined>>,
  options: Record<string, unknown>,
): Record<string, unknown> {
  const preset = environment.__ENV_PREFIX___PRESET;
  return preset === undefined || preset === '' ? options : { ...options, preset };
}
