import { clip, type TokenEconomy, TokenomicsError } from '@tokenomics/core';

/**
 * Finds a served protocol by id, or else by its token's symbol, case-insensitively.
 * Ids win over symbols; a symbol two protocols share is refused rather than guessed.
 *
 * @throws TokenomicsError NOT_FOUND when neither an id nor a symbol matches,
 *   BAD_INPUT when the symbol names more than one protocol
 * @example
 * ```ts
 * import { exampleEconomy } from '@tokenomics/core/testing';
 * import { protocolFinder } from './protocol-lookup.js';
 *
 * const alpha = exampleEconomy({ id: 'alpha' }); // token EX
 * const beta = { ...exampleEconomy({ id: 'beta' }), token: { symbol: 'BETA', name: 'Beta', decimals: 6 } };
 *
 * const find = protocolFinder(new Map([['alpha', alpha], ['beta', beta]]));
 * find('alpha').id; // 'alpha'
 * find('ex').id; // 'alpha' (its token symbol EX, any case)
 * ```
 */
export function protocolFinder(byId: ReadonlyMap<string, TokenEconomy>): (key: string) => TokenEconomy {
  const bySymbol = new Map<string, TokenEconomy[]>();
  for (const economy of byId.values()) {
    const symbol = economy.token.symbol.toLowerCase();
    bySymbol.set(symbol, [...(bySymbol.get(symbol) ?? []), economy]);
  }
  return (key) => {
    const byIdMatch = byId.get(key);
    if (byIdMatch) return byIdMatch;
    const matches = bySymbol.get(key.toLowerCase()) ?? [];
    const asked = clip(key);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      const ids = matches.map((economy) => economy.id);
      throw new TokenomicsError(
        'BAD_INPUT',
        `the symbol ${JSON.stringify(asked)} is ambiguous: protocols ${ids.join(', ')} share it; ask by id`,
        { details: { id: asked, matchingIds: ids } },
      );
    }
    const known = [...byId.keys()];
    throw new TokenomicsError(
      'NOT_FOUND',
      `no protocol ${JSON.stringify(asked)}; served: ${known.join(', ')}`,
      {
        details: { id: asked, validIds: known },
      },
    );
  };
}
