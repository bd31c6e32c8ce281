import { Decimal } from '../decimal.js';
import {
  type AdapterDefinition,
  type AdapterMemoOptions,
  defineAdapter,
  type StateSource,
  snapshotSource,
} from '../define-adapter.js';
import { derive } from '../derivation.js';
import type { Capability, TokenEconomy } from '../economy.js';
import { TokenomicsError } from '../errors.js';
import { decimalKind, defineParameters, instantKind } from '../parameters.js';

/** The example economy's parameters. */
export const exampleParameters = defineParameters({
  supply: {
    label: 'Supply',
    unit: 'EX',
    description: 'Fixed supply.',
    kind: decimalKind({ min: '0', amount: true }),
  },
  treasury: {
    label: 'Treasury',
    unit: 'EX',
    description: 'Not circulating.',
    kind: decimalKind({ min: '0', amount: true }),
  },
  rewardRate: {
    label: 'Reward rate',
    description: 'Share of the treasury paid to stakers per year.',
    kind: decimalKind({ min: '0', max: '1', maxExclusive: true }),
  },
  feeRate: {
    label: 'Fee rate',
    description: 'Protocol fee on top of the price.',
    kind: decimalKind({ min: '0', max: '1' }),
  },
  slashFraction: {
    label: 'Slash fraction',
    description: 'Share of each stake slashed.',
    kind: decimalKind({ min: '0', max: '1' }),
  },
  genesis: { label: 'Genesis', description: 'First block.', kind: instantKind() },
});

/**
 * The example's sources: sections of the adapter guide, a file of this
 * repository (the conformance kit checks every source can be followed).
 */
const GUIDE = 'docs/adding-an-adapter.md';
const EXAMPLE_SOURCE = {
  1: `${GUIDE}#2-the-tokeneconomy-contract (example supply)`,
  2: `${GUIDE}#2-the-tokeneconomy-contract (example treasury)`,
  3: `${GUIDE}#2-the-tokeneconomy-contract (example rewards)`,
  4: `${GUIDE}#2-the-tokeneconomy-contract (example fee)`,
  5: `${GUIDE}#2-the-tokeneconomy-contract (example penalty)`,
  6: `${GUIDE}#3-parameters-presets-and-provenance (example genesis)`,
} as const;

/** Options of {@link exampleEconomy}. */
export interface ExampleEconomyOptions {
  id?: string;
  /** Where its state comes from; default the snapshot of its preset. */
  source?: StateSource<typeof exampleParameters, unknown>;
  /** For a live source: the snapshot its published tokenomics make (what drift compares with). */
  publishedSource?: StateSource<typeof exampleParameters, unknown>;
  /** Keep only these capabilities (default: all six). */
  only?: readonly Capability[];
  /** Bounds of its memos (default: defineAdapter's). */
  memo?: AdapterMemoOptions;
  /** Judges a live source's reads (see `AdapterDefinition.plausible`). */
  plausible?: AdapterDefinition<typeof exampleParameters, unknown>['plausible'];
}

const MEMBERS: Record<Capability, keyof AdapterDefinition<typeof exampleParameters, unknown>> = {
  SUPPLY: 'supply',
  REWARDS: 'rewards',
  FEES: 'fees',
  PENALTIES: 'penalties',
  SCHEDULE: 'schedule',
  FLOWS: 'flows',
};

/**
 * A small but complete economy that keeps every invariant: 1,000 EX, 250 in a
 * treasury, rewards, a fee, a penalty, a schedule, a flow. For tests of code
 * that consumes TokenEconomies (the gateway's), and the kit's own tests, which
 * break it on purpose.
 *
 * @example
 * ```ts
 * import { exampleEconomy } from '@tokenomics/core/testing';
 *
 * const economy = exampleEconomy({ id: 'a', only: ['SUPPLY'] });
 * (await economy.supply!()).circulating.toFixed(); // '750'
 * ```
 */
export function exampleEconomy(options: ExampleEconomyOptions = {}): TokenEconomy {
  const definition: AdapterDefinition<typeof exampleParameters, unknown> = {
    id: options.id ?? 'example',
    name: 'Example',
    token: { symbol: 'EX', name: 'Example', decimals: 6 },
    parameters: exampleParameters,
    preset: {
      name: 'seed',
      description: 'Example figures.',
      values: {
        supply: { value: '1000', source: EXAMPLE_SOURCE[1] },
        treasury: { value: '250', source: EXAMPLE_SOURCE[2] },
        rewardRate: { value: '0.1', source: EXAMPLE_SOURCE[3] },
        feeRate: { value: '0.25', source: EXAMPLE_SOURCE[4] },
        slashFraction: { value: '0.01', source: EXAMPLE_SOURCE[5] },
        genesis: { value: '2025-01-01T00:00:00Z', source: EXAMPLE_SOURCE[6] },
      },
    },
    source: options.source ?? snapshotSource('Example preset.'),
    ...(options.publishedSource ? { publishedSource: options.publishedSource } : {}),
    ...(options.memo ? { memo: options.memo } : {}),
    genesis: (params) => params.genesis,
    genesisParameter: 'genesis',
    ...(options.plausible ? { plausible: options.plausible } : {}),
    validate(params) {
      if (params.treasury.gt(params.supply)) {
        throw new TokenomicsError('BAD_INPUT', 'treasury must not exceed supply', {
          details: { keys: ['treasury', 'supply'] },
        });
      }
    },
    supply: ({ params }, at) => {
      const circulating = params.supply.minus(params.treasury);
      return {
        at,
        max: params.supply,
        total: params.supply,
        circulating,
        staked: null,
        liquid: null,
        burned: null,
        circulatingDefinition: 'total − treasury',
        buckets: [
          {
            key: 'treasury',
            label: 'Treasury',
            amount: params.treasury,
            circulating: false,
            source: EXAMPLE_SOURCE[2],
          },
        ],
        derivations: {
          circulating: derive(
            'total − treasury',
            { total: params.supply, treasury: params.treasury },
            circulating,
            EXAMPLE_SOURCE[2],
          ),
        },
      };
    },
    rewards: ({ params }, at) => {
      const annualEmission = params.treasury.times(params.rewardRate);
      const apr = annualEmission.div(params.supply);
      return {
        at,
        annualEmission,
        emissionRate: params.rewardRate,
        stakingApr: apr,
        stakingApy: null,
        bondedRatio: null,
        participants: null,
        perParticipantDaily: null,
        delegatorApr: null,
        derivation: derive(
          'treasury × rate / supply',
          { treasury: params.treasury, rate: params.rewardRate },
          apr,
          EXAMPLE_SOURCE[3],
        ),
      };
    },
    fees: {
      schedules: ({ parameters }) => [
        {
          key: 'service',
          label: 'Service fee',
          model: 'PER_UNIT',
          description: 'A share of the price on top.',
          parameters: parameters.filter((p) => p.key === 'feeRate'),
          destinations: [
            { target: 'treasury', share: new Decimal('0.5') },
            { target: 'burn', share: new Decimal('0.5') },
          ],
        },
      ],
      quote: ({ params }, input) => {
        const base = input.unitPrice.times(input.quantity);
        const protocolFee = base.times(params.feeRate);
        const half = protocolFee.div(2);
        return {
          fee: input.fee,
          quantity: input.quantity,
          base,
          protocolFee,
          total: base.plus(protocolFee),
          allocations: [
            { target: 'treasury', amount: half },
            { target: 'burn', amount: protocolFee.minus(half) },
          ],
          derivation: derive(
            'base × (1 + feeRate)',
            { base, feeRate: params.feeRate },
            base.plus(protocolFee),
            EXAMPLE_SOURCE[4],
          ),
        };
      },
    },
    penalties: {
      rules: ({ parameters }) => [
        {
          key: 'slash',
          label: 'Slash',
          trigger: 'Always.',
          parameters: parameters.filter((p) => p.key === 'slashFraction'),
        },
      ],
      simulate: ({ params }, input) => {
        const stakes = input.stakes.map((before) => {
          const slashed = before.times(params.slashFraction).toDecimalPlaces(6, Decimal.ROUND_DOWN);
          return { before, slashed, after: before.minus(slashed) };
        });
        const slashedTotal = stakes.reduce((sum, stake) => sum.plus(stake.slashed), new Decimal(0));
        return {
          rule: input.rule,
          triggered: true,
          slashedTotal,
          stakes,
          jailedSeconds: null,
          tombstoned: false,
          lockedSeconds: null,
          allocations: [{ target: 'burn', amount: slashedTotal }],
          derivation: derive(
            'Σ stake × fraction',
            { fraction: params.slashFraction },
            slashedTotal,
            EXAMPLE_SOURCE[5],
          ),
        };
      },
    },
    schedule: ({ params }, instants) =>
      instants.map((at, index) => ({
        at,
        total: params.supply,
        circulating: params.supply.minus(params.treasury),
        emitted: index === 0 ? new Decimal(0) : new Decimal(0),
        emissionRate: params.rewardRate,
        poolBalance: params.treasury,
      })),
    flows: [
      {
        key: 'rewards',
        from: 'treasury',
        to: 'stakers',
        kind: 'INFLATIONARY',
        description: 'Yearly rewards.',
      },
    ],
  };
  if (options.only) {
    for (const [capability, member] of Object.entries(MEMBERS)) {
      if (!options.only.includes(capability as Capability)) delete definition[member];
    }
  }
  return defineAdapter(definition);
}
