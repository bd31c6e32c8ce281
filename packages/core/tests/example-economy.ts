import {
  Decimal,
  decimalKind,
  defineAdapter,
  defineParameters,
  derive,
  instantKind,
  snapshotSource,
  type TokenEconomy,
} from '../src/index.js';

const schema = defineParameters({
  supply: { label: 'Supply', unit: 'EX', description: 'Fixed supply.', kind: decimalKind({ min: '0' }) },
  treasury: {
    label: 'Treasury',
    unit: 'EX',
    description: 'Not circulating.',
    kind: decimalKind({ min: '0' }),
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

/** A small but complete economy: every capability, every invariant kept. The kit's tests break it on purpose. */
export function exampleEconomy(): TokenEconomy {
  return defineAdapter({
    id: 'example',
    name: 'Example',
    token: { symbol: 'EX', name: 'Example', decimals: 6 },
    parameters: schema,
    preset: {
      name: 'seed',
      description: 'Example figures.',
      values: {
        supply: { value: '1000', source: 'example §1' },
        treasury: { value: '250', source: 'example §2' },
        rewardRate: { value: '0.1', source: 'example §3' },
        feeRate: { value: '0.25', source: 'example §4' },
        slashFraction: { value: '0.01', source: 'example §5' },
        genesis: { value: '2025-01-01T00:00:00Z', source: 'example §6' },
      },
    },
    source: snapshotSource('Example preset.'),
    genesis: (params) => params.genesis,
    supply: ({ params }, at) => {
      const circulating = params.supply.minus(params.treasury);
      return {
        at,
        max: params.supply,
        total: params.supply,
        circulating,
        staked: null,
        burned: null,
        circulatingDefinition: 'total − treasury',
        buckets: [{ key: 'treasury', label: 'Treasury', amount: params.treasury, circulating: false }],
        derivations: {
          circulating: derive(
            'total − treasury',
            { total: params.supply, treasury: params.treasury },
            circulating,
            'example §2',
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
          'example §3',
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
            'example §4',
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
            'example §5',
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
  });
}
