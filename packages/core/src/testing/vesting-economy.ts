import { Decimal } from '../decimal.js';
import { defineAdapter } from '../define-adapter.js';
import { derive } from '../derivation.js';
import type { SupplyBucket, TokenEconomy } from '../economy.js';
import { TokenomicsError } from '../errors.js';
import { decimalKind, defineParameters, instantKind, integerKind } from '../parameters.js';
import { ExactSchedulePoint } from '../schedule-point.js';
import { monthlySteps } from '../unlocks/monthly-steps.js';
import { unlockedAt } from '../unlocks/unlocked-at.js';

const GUIDE = 'docs/adding-an-adapter.md#2-the-tokeneconomy-contract';

/** The vesting example's parameters. */
export const vestingParameters = defineParameters({
  supply: {
    label: 'Supply',
    unit: 'VX',
    description: 'Fixed supply, all minted at genesis.',
    kind: decimalKind({ min: '0', minExclusive: true, amount: true }),
  },
  vesting: {
    label: 'Vesting allocation',
    unit: 'VX',
    description: 'Locked at genesis, unlocked in equal monthly tranches.',
    kind: decimalKind({ min: '0', amount: true }),
  },
  tranches: {
    label: 'Tranches',
    description: 'Monthly tranches of the vesting allocation.',
    kind: integerKind({ min: 1, max: 120 }),
  },
  firstUnlock: { label: 'First unlock', description: 'The first tranche.', kind: instantKind() },
  staked: {
    label: 'Staked',
    unit: 'VX',
    description: 'Tokens staked; beyond the circulating supply, staked from the vesting allocation.',
    kind: decimalKind({ min: '0', amount: true }),
  },
  genesis: { label: 'Genesis', description: 'First block.', kind: instantKind() },
});

const DECIMALS = 6;

/**
 * A second small economy for the kit's tests and for adapter authors: 1,000 VX,
 * 400 of them vesting in 4 monthly tranches from 2025-07-01, 300 staked. It
 * keeps the second-edition invariants the way an adapter should: staked
 * tokens circulate and `liquid` = circulating − staked; unlocks are data
 * (`monthlySteps`) and the vesting bucket is exactly what they leave locked;
 * where more is staked than circulates, the excess is its own non-circulating
 * bucket, "staked from the vesting allocation" (`staked: true`).
 *
 * @example
 * ```ts
 * import { vestingEconomy } from '@tokenomics/core/testing';
 *
 * const economy = vestingEconomy();
 * (await economy.supply!({ at: new Date('2025-01-01Z') })).liquid?.toFixed(); // '300'
 * (await economy.unlocks!()).map((u) => u.kind); // ['STEP']
 * ```
 */
export function vestingEconomy(): TokenEconomy {
  const unlocksOf = (params: { vesting: Decimal; tranches: number; firstUnlock: Date }) =>
    params.vesting.isZero()
      ? []
      : [
          monthlySteps({
            bucket: 'vesting',
            label: 'Vesting allocation',
            start: params.firstUnlock,
            steps: params.tranches,
            amount: params.vesting,
            source: GUIDE,
          }),
        ];
  const figures = (
    params: Parameters<typeof unlocksOf>[0] & { supply: Decimal; staked: Decimal },
    at: Date,
  ) => {
    let locked = params.vesting;
    for (const unlock of unlocksOf(params)) locked = locked.minus(unlockedAt(unlock, at, DECIMALS));
    const circulating = params.supply.minus(locked);
    const excess = Decimal.max(params.staked.minus(circulating), 0);
    if (excess.gt(locked)) {
      throw new TokenomicsError(
        'BAD_INPUT',
        'staked exceeds the circulating supply and the vesting allocation',
        {
          details: { keys: ['staked', 'vesting'] },
        },
      );
    }
    return { locked, circulating, excess, liquid: Decimal.max(circulating.minus(params.staked), 0) };
  };
  return defineAdapter({
    id: 'vesting',
    name: 'Vesting example',
    token: { symbol: 'VX', name: 'Vesting example', decimals: DECIMALS },
    parameters: vestingParameters,
    preset: {
      name: 'seed',
      description: 'Example figures.',
      values: {
        supply: { value: '1000', source: GUIDE },
        vesting: { value: '400', source: GUIDE },
        tranches: { value: '4', source: GUIDE },
        firstUnlock: { value: '2025-07-01T00:00:00Z', source: GUIDE },
        staked: { value: '300', source: GUIDE, assumption: true },
        genesis: { value: '2025-01-01T00:00:00Z', source: GUIDE },
      },
    },
    source: {
      read: async () => ({
        state: null,
        info: { kind: 'SNAPSHOT', description: 'Example preset.', fetchedAt: null, stale: false },
      }),
    },
    genesis: (params) => params.genesis,
    genesisParameter: 'genesis',
    validate(params) {
      if (params.vesting.gt(params.supply) || params.vesting.decimalPlaces() > DECIMALS) {
        throw new TokenomicsError('BAD_INPUT', 'vesting must not exceed supply nor the base unit', {
          details: { keys: ['vesting', 'supply'] },
        });
      }
    },
    supply: ({ params }, at) => {
      const f = figures(params, at);
      const buckets: SupplyBucket[] = [
        {
          key: 'vesting',
          label: 'Vesting allocation',
          amount: f.locked.minus(f.excess),
          circulating: false,
          source: GUIDE,
        },
      ];
      if (!f.excess.isZero()) {
        buckets.push({
          key: 'staked-from-vesting',
          label: 'Staked from the vesting allocation (an assumption)',
          amount: f.excess,
          circulating: false,
          staked: true,
          source: GUIDE,
        });
      }
      return {
        at,
        max: params.supply,
        total: params.supply,
        circulating: f.circulating,
        staked: params.staked,
        liquid: f.liquid,
        burned: null,
        circulatingDefinition: 'total − still-vesting tokens; staked tokens circulate',
        buckets,
        derivations: {
          circulating: derive(
            'total − vesting still locked',
            { total: params.supply, locked: f.locked },
            f.circulating,
            GUIDE,
          ),
          liquid: derive(
            'max(circulating − staked, 0)',
            { circulating: f.circulating, staked: params.staked },
            f.liquid,
            GUIDE,
          ),
        },
      };
    },
    schedule: ({ params }, instants) =>
      instants.map((at) => {
        const f = figures(params, at);
        return new ExactSchedulePoint(at, {
          total: params.supply,
          circulating: f.circulating,
          emitted: new Decimal(0),
          emissionRate: new Decimal(0),
          poolBalance: null,
          liquid: f.liquid,
        });
      }),
    unlocks: ({ params }) => unlocksOf(params),
  });
}
