import { Decimal, isTokenomicsError } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { COSMOSHUB_PRESET, type CosmosMintAdapterOptions, cosmosMintAdapter } from '../src/index.js';

const d = (text: string) => new Decimal(text);
const LAUNCH = new Date('2019-03-13T23:00:00Z');
// 365.25 days after launch: exactly 4,360,000 blocks at the preset's blocks_per_year
const ONE_YEAR = new Date('2020-03-13T05:00:00Z');

function configurationError(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isTokenomicsError(error)) return error;
    throw error;
  }
  throw new Error('expected a TokenomicsError');
}

describe('cosmosMintAdapter (snapshot, Cosmos Hub preset)', () => {
  const hub = cosmosMintAdapter({ id: 'cosmoshub' });

  it('is the Cosmos Hub with the ATOM token, and lists what it implements', () => {
    expect(hub.id).toBe('cosmoshub');
    expect(hub.name).toBe('Cosmos Hub');
    expect(hub.token).toEqual({ symbol: 'ATOM', name: 'Cosmos Hub Atom', decimals: 6 });
    expect(hub.preset).toBe('cosmoshub');
    expect(hub.capabilities).toEqual(['SUPPLY', 'REWARDS', 'PENALTIES', 'SCHEDULE', 'FLOWS']);
  });

  it('refuses an anchor supply finer than the base unit (ATOM: 6 decimals), naming the rule', async () => {
    await expect(
      hub.supply!({ at: ONE_YEAR, overrides: [{ key: 'anchorSupply', value: '260000000.0000001' }] }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'parameter "anchorSupply" has 7 decimal places; a ATOM amount has at most 6 (its base unit)',
      details: { violation: 'BASE_UNIT', limit: 6, key: 'anchorSupply' },
    });
    const fine = await hub.supply!({
      at: ONE_YEAR,
      overrides: [{ key: 'anchorSupply', value: '260000000.000001' }],
    });
    expect(fine.total.gt(d('260000000'))).toBe(true);
  });

  it('every parameter has a source that cites where it comes from', async () => {
    const parameters = await hub.parameters();
    expect(parameters.map((p) => p.key)).toEqual(Object.keys(COSMOSHUB_PRESET.values));
    for (const parameter of parameters) {
      expect(parameter.source).toMatch(/https:\/\/github\.com\/cosmos\/governance\/|https:\/\/chorus\.one\//);
    }
    expect(parameters.find((p) => p.key === 'blocksPerYear')).toMatchObject({
      value: '4360000',
      source: expect.stringContaining(
        'https://github.com/cosmos/governance/blob/c80871118a3f99f3cdcda69184c88de26c2965a7/current-parameters.json',
      ),
    });
  });

  it('at launch: 236.2 million ATOM, 7 % inflation, APR = 0.07 × 0.98 / 0.67', async () => {
    const supply = await hub.supply!({ at: LAUNCH });
    expect(supply.total.toFixed()).toBe('236200000');
    expect(supply.circulating.toFixed()).toBe('236200000');
    expect(supply.staked?.toFixed()).toBe('158254000'); // 0.67 × 236,200,000
    const rewards = await hub.rewards!({ at: LAUNCH });
    expect(rewards.emissionRate.toFixed()).toBe('0.07');
    expect(rewards.annualEmission.toFixed()).toBe('16203320'); // 0.07 × 236.2e6 × 0.98
    expect(rewards.stakingApr.toFixed(21)).toBe('0.102388059701492537313');
    expect(rewards.derivation.result.eq(rewards.stakingApr)).toBe(true);
  });

  it('a year later: bonded at the goal holds 7 %, so supply = 236.2e6 × (1 + 0.07/4,360,000)^4,360,000', async () => {
    // Python decimal: 253326432.269895071665971003094559050750…
    const supply = await hub.supply!({ at: ONE_YEAR });
    expect(supply.total.toSignificantDigits(30).toFixed()).toBe('253326432.269895071665971003095');
    expect(supply.derivations.total?.inputs).toContainEqual({ name: 'blocks', value: '4360000' });
    expect((await hub.rewards!({ at: ONE_YEAR })).emissionRate.toFixed()).toBe('0.07');
  });

  it('what if only half were bonded: inflation climbs by (1 − 0.5/0.67) × 0.13 a year', async () => {
    const overrides = [{ key: 'bondedRatio', value: '0.5' }];
    // Δ = 0.0329850746268656717 ÷ 4,360,000 → 0.000000007565384089 (18 decimals); × 4,360,000 = 0.03298507462804
    const rewards = await hub.rewards!({ at: ONE_YEAR, overrides });
    expect(rewards.emissionRate.toFixed()).toBe('0.10298507462804');
    expect(rewards.stakingApr.toFixed()).toBe(d('0.10298507462804').times('0.98').div('0.5').toFixed());
    // …until it reaches inflation_max 0.2 after (0.2 − 0.07)/0.0329850746… ≈ 3.94 years
    expect(
      (await hub.rewards!({ at: new Date('2024-01-01T00:00:00Z'), overrides })).emissionRate.toFixed(),
    ).toBe('0.2');
  });

  it('penalties follow the Hub’s slashing parameters', async () => {
    const stakes = [d('10000'), d('250000')];
    const quiet = await hub.simulatePenalty!({ rule: 'downtime', stakes, missedBlocks: 9_500 });
    expect(quiet.triggered).toBe(false);
    const down = await hub.simulatePenalty!({ rule: 'downtime', stakes, missedBlocks: 9_501 });
    expect(down.stakes.map((s) => s.after.toFixed())).toEqual(['9999', '249975']);
    expect(down.jailedSeconds).toBe(600);
    const double = await hub.simulatePenalty!({ rule: 'double-sign', stakes });
    expect(double).toMatchObject({ tombstoned: true, jailedSeconds: null });
    expect(double.slashedTotal.toFixed()).toBe('13000');
  });

  it('refuses instants before the anchor and inflationMin above inflationMax', async () => {
    await expect(hub.supply!({ at: new Date('2019-01-01T00:00:00Z') })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('(parameter "anchorTime")'),
    });
    await expect(
      hub.supply!({ at: LAUNCH, overrides: [{ key: 'inflationMin', value: '0.3' }] }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'inflationMin (0.3) must not exceed inflationMax (0.2)',
    });
  });
});

describe('one adapter, many chains: options', () => {
  it('another chain: its own id, denom, decimals, symbol and parameters', async () => {
    const test = cosmosMintAdapter({
      id: 'testchain',
      name: 'Test Chain',
      denom: 'utest',
      decimals: 9,
      symbol: 'TEST',
      tokenName: 'Test',
      parameters: {
        anchorTime: { value: '2025-01-01T00:00:00Z', source: 'test chain genesis' },
        anchorSupply: { value: '1000000000', source: 'test chain genesis' },
        anchorInflation: { value: '0.1', source: 'test chain genesis minter' },
        communityTax: { value: '0', source: 'test chain genesis distribution params' },
      },
    });
    expect(test.token).toEqual({ symbol: 'TEST', name: 'Test', decimals: 9 });
    const rewards = await test.rewards!({ at: new Date('2025-01-01T00:00:00Z') });
    expect(rewards.stakingApr.toFixed(20)).toBe('0.14925373134328358209'); // 0.1 / 0.67
    const down = await test.simulatePenalty!({ rule: 'double-sign', stakes: [d('1.00000019')] });
    expect(down.slashedTotal.toFixed()).toBe('0.050000009'); // truncated to 9 decimals
  });

  it.each<[string, unknown, RegExp]>([
    ['no id', {}, /option "id" is required/],
    ['a bad id', { id: 'Cosmos Hub' }, /option "id" is required and must be lowercase/],
    [
      'an unknown preset',
      { id: 'x', preset: 'osmosis' },
      /unknown x\/mint preset "osmosis"; valid presets: cosmoshub/,
    ],
    ['an unknown option', { id: 'x', lcd: 'http://x' }, /unknown option\(s\) lcd; valid options: id, name/],
    ['a bad denom', { id: 'x', denom: '1atom' }, /option "denom" must be a Cosmos denom/],
    ['bad decimals', { id: 'x', decimals: 6.5 }, /option "decimals" must be an integer from 0 to 24/],
    ['a bad URL', { id: 'x', live: { lcdUrl: 'ftp://node' } }, /the LCD URL must be an http\(s\) URL/],
    ['a live block without a URL', { id: 'x', live: {} }, /option "live" must be \{ "lcdUrl"/],
    [
      'an unknown parameter',
      { id: 'x', parameters: { inflation: { value: '0.1', source: 's' } } },
      /option "parameters" names unknown parameter "inflation"; valid keys: anchorTime/,
    ],
    [
      'a parameter without a source',
      { id: 'x', parameters: { anchorInflation: { value: '0.1', source: '' } } },
      /option "parameters".anchorInflation must be \{ "value"/,
    ],
    [
      'a bad parameter value',
      { id: 'x', parameters: { goalBonded: { value: '1.5', source: 's' } } },
      /parameter "goalBonded" must be a decimal in \(0, 1\]/,
    ],
    [
      'inflation_min above inflation_max',
      { id: 'x', parameters: { inflationMin: { value: '0.5', source: 's' } } },
      /preset "cosmoshub": inflationMin \(0.5\) must not exceed inflationMax \(0.2\)/,
    ],
    [
      'a preset object without chain',
      { id: 'x', preset: { name: 'p', description: 'd', values: {} } },
      /needs chain/,
    ],
  ])('%s is a CONFIGURATION error naming the option', (_what, options, message) => {
    const error = configurationError(() => cosmosMintAdapter(options as CosmosMintAdapterOptions));
    expect(error.code).toBe('CONFIGURATION');
    expect(error.message).toMatch(message);
  });

  it('takes a whole preset object for another chain', async () => {
    const economy = cosmosMintAdapter({
      id: 'other',
      preset: {
        ...COSMOSHUB_PRESET,
        name: 'other-chain',
        chain: { name: 'Other', denom: 'uother', decimals: 6, symbol: 'OTH', tokenName: 'Other' },
      },
    });
    expect([economy.name, economy.preset, economy.token.symbol]).toEqual(['Other', 'other-chain', 'OTH']);
  });
});
