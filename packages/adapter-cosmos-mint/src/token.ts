/** What a chain preset says about the chain besides its parameters: its token and name. */
export interface ChainInfo {
  /** The chain's display name, e.g. "Cosmos Hub". */
  name: string;
  /** The mint (and bond) denom, e.g. `uatom`. */
  denom: string;
  /** Decimals of the base unit, e.g. 6. */
  decimals: number;
  /** The token's symbol, e.g. `ATOM`. */
  symbol: string;
  /** The token's name, e.g. "Cosmos Hub Atom". */
  tokenName: string;
  /** The chain's bech32 account prefix, e.g. `cosmos`: needed to check configured non-circulating addresses. */
  bech32Prefix?: string;
  /** The chain id a live node must answer for, e.g. `cosmoshub-4` (the live option `chainId` replaces it). */
  chainId?: string;
}

/**
 * The Cosmos Hub's token and chain, the default preset's: ATOM, `uatom`, 6
 * decimals, bech32 prefix `cosmos`, chain `cosmoshub-4`. Another chain's
 * token comes from its preset or the options (`denom`, `decimals`, `symbol`, `tokenName`).
 */
export const COSMOSHUB_CHAIN: ChainInfo = {
  name: 'Cosmos Hub',
  denom: 'uatom',
  decimals: 6,
  symbol: 'ATOM',
  tokenName: 'Cosmos Hub Atom',
  bech32Prefix: 'cosmos',
  chainId: 'cosmoshub-4',
};
