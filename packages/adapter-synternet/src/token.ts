/** Synternet's base denom. */
export const SYNT_DENOM = 'usynt';

/** SYNT's base-unit decimals (usynt). */
export const SYNT_DECIMALS = 6;

/** The token: SYNT, 6 decimals (usynt). */
export const SYNT_TOKEN = { symbol: 'SYNT', name: 'Synternet', decimals: SYNT_DECIMALS } as const;

/** The mint module's `treasury_address` (synternet-facts.md §2). */
export const SYNTERNET_TREASURY_ADDRESS = 'synt1nwhx5p30n9xw88czjq4j45tuz53qw50yllrg5d';

/** Synternet mainnet's chain id (synternet-facts.md §1, the mainnet genesis). */
export const SYNTERNET_CHAIN_ID = 'synternet-1';

/** Synternet mainnet's genesis time (synternet-facts.md §1): no block can be older. */
export const SYNTERNET_GENESIS_TIME = new Date('2024-06-11T08:14:53.390Z');
