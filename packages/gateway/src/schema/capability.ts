import type { TokenEconomy } from '@tokenomics/core';
import { forProtocol } from '../errors.js';

/** The optional methods of a {@link TokenEconomy}: each comes with one of its capabilities. */
export type CapabilityMethod =
  | 'supply'
  | 'rewards'
  | 'fees'
  | 'quoteFee'
  | 'penalties'
  | 'simulatePenalty'
  | 'schedule'
  | 'flows'
  | 'unlocks';

/**
 * Resolves a field that only some protocols answer. When the protocol has
 * `method`, `run` is called with it under {@link forProtocol} (what it throws
 * becomes a coded GraphQL error naming the protocol); when the protocol lacks
 * it, the field is `absent` (null for a value, `[]` for a list), without an
 * error. The method is handed over as the protocol has it, unbound: adapters'
 * methods never rely on `this`.
 *
 * @example
 * ```ts
 * import type { TokenEconomy } from '@tokenomics/core';
 * import { whenCapable } from './capability.js';
 *
 * declare const economy: TokenEconomy;
 * const supply = await whenCapable(economy, 'supply', null, (read) => read({}));
 * const fees = await whenCapable(economy, 'fees', [], (read) => read());
 * ```
 */
export function whenCapable<M extends CapabilityMethod, T, A>(
  economy: TokenEconomy,
  method: M,
  absent: A,
  run: (call: NonNullable<TokenEconomy[M]>) => Promise<T> | T,
): Promise<T> | A {
  const call = economy[method];
  if (call === undefined) return absent;
  return forProtocol(economy.id, () => run(call as NonNullable<TokenEconomy[M]>));
}
