import { type JsonValue, TokenomicsError } from '@tokenomics/core';
import { z } from 'zod';

/** An unsigned 256-bit integer as decimal text: what a uint view function answers. */
const uint = z.string().regex(/^(0|[1-9][0-9]{0,77})$/, 'expected an unsigned integer as decimal text');

/**
 * A chain id as `eth_chainId` answers it. Which chain is expected (Arbitrum
 * One, Ethereum, or the one configured) is judged with the whole state by the
 * plausibility rules, so a wrong chain never replaces a good state.
 */
const chainId = z.number().int().positive();

/** What the pool read keeps: RewardRatePool and SESH on Arbitrum, base units as decimal strings. */
export const poolReadingSchema = z
  .object({
    chainId,
    blockNumber: uint,
    poolTokenBalance: uint,
    totalPaidOut: uint,
    releasedAmount: uint,
    rewardRate: uint,
    annualSimplePayoutRate: uint,
    basisPoints: uint,
    l2TotalSupply: uint,
  })
  .strict();

/** What the ServiceNodeRewards read keeps. */
export const nodesReadingSchema = z
  .object({
    totalNodes: uint,
    stakingRequirement: uint,
    liquidatorRewardRatio: uint,
    poolShareOfLiquidationRatio: uint,
    recipientRatio: uint,
  })
  .strict();

/** What the L1 read keeps: SESH's total supply on Ethereum. */
export const l1ReadingSchema = z.object({ chainId, totalSupply: uint }).strict();

/**
 * A request's `parse`: checks a reading (a fresh one before it is kept, or a
 * kept one from a shared cache) against its schema.
 *
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE (`details.reason: 'shape'`) naming the resource
 * @example
 * ```ts
 * const parse = readingParser(nodesReadingSchema, 'ServiceNodeRewards (0xC2B9…) on Arbitrum One');
 * parse({ totalNodes: 'seven' }); // throws: totalNodes: expected an unsigned integer…
 * ```
 */
export function readingParser<T extends JsonValue>(
  schema: z.ZodType<T>,
  resource: string,
): (value: JsonValue) => T {
  return (value) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
      .join('; ');
    throw new TokenomicsError(
      'UPSTREAM_UNAVAILABLE',
      `${resource} gave a reading of an unexpected shape: ${issues}`,
      {
        details: { resource, reason: 'shape' },
      },
    );
  };
}
