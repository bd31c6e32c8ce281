import { z } from 'zod';

/**
 * A strict zod object for an adapter's options: an unknown key (a typo) is
 * refused with the adapter's own message naming the valid keys, e.g.
 * `unknown Synternet option(s) "prest"; valid: id, preset, live, nonCirculating`.
 *
 * @param adapter - how the message names the adapter, e.g. `Synternet`
 * @param where - what the keys are, e.g. `option(s)`, `live option(s)`
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { strictOptions } from '@tokenomics/cosmos-rest';
 *
 * const schema = strictOptions('Example', 'option(s)', { id: z.string().optional() });
 * schema.safeParse({ idd: 'x' }).error?.issues[0]?.message; // 'unknown Example option(s) "idd"; valid: id'
 * ```
 */
export function strictOptions<Shape extends z.ZodRawShape>(adapter: string, where: string, shape: Shape) {
  const valid = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown ${adapter} ${where} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}; valid: ${valid}`
        : undefined,
  });
}
