/** The protocol's token. */
export interface TokenInfo {
  symbol: string;
  name: string;
  /** Decimals of the base unit on chain (SESH 9, SYNT 6). */
  decimals: number;
}
