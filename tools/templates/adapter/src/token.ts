import type { TokenInfo } from '@tokenomics/core';

/** The token, as plain data. TODO: check the decimals of the base unit on chain. */
export const TOKEN: TokenInfo = {
  symbol: '__SYMBOL__',
  name: '__DISPLAY_NAME__',
  decimals: 6,
};
