import { createDirectReader, Decimal } from '@tokenomics/core';
import { LCD_PATHS } from '@tokenomics/cosmos-rest';
import {
  ALTERED_CHAIN_PARAMS,
  codedFailure,
  type FakeLcd,
  memoReader,
  STANDARD_MINT_STATE,
  startFakeLcd,
} from '@tokenomics/cosmos-rest/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COSMOSHUB_PRESET, cosmosMintAdapter } from '../src/index.js';

const d = (text: string) => new Decimal(text);
const BLOCK_TIME = new Date('2025-09-01T00:00:00Z');
const MINT = { ...STANDARD_MINT_STATE, params: { ...STANDARD_MINT_STATE.params, mint_denom: 'uatom' } };
// Served state: every figure differs from the cosmoshub preset.
const STATE = {
  chainId: 'cosmoshub-4',
  supply: [{ denom: 'uatom', amount: '390000000000000' }], // 390,000,000 ATOM
  pool: { bonded_tokens: '250000000000000', not_bonded_tokens: '5000000000000' }, // bonded 250,000,000 → 25/39
  ...ALTERED_CHAIN_PARAMS, // window 20,000 at 0.95, 1,800 s, 10 % and 0.1 %; community tax 2 %
  latestBlock: { height: '26000000', time: '2025-09-01T00:00:00Z' },
  // inflation 0.130016465508894587; rate change 0.13, 7–20 %, goal 0.67, 6,311,520 blocks a year
  mint: MINT,
};

describe('live source against a fake LCD on 127.0.0.1', () => {
  let lcd: FakeLcd;
  const ctx = { reader: createDirectReader({ timeoutMs: 5_000 }), now: BLOCK_TIME };
  const live = () => cosmosMintAdapter({ id: 'cosmoshub', live: { lcdUrl: lcd.url } });

  beforeAll(async () => {
    lcd = await startFakeLcd({ state: STATE });
  });
  afterAll(() => lcd.close());
  beforeEach(() => {
    lcd.setState(STATE);
    lcd.setFault('*', null);
    for (const path of Object.values(LCD_PATHS)) lcd.setFault(path, null);
    lcd.resetCounts();
  });

  it('reports a LIVE source naming the chain and block', async () => {
    const info = await live().source(ctx);
    expect(info).toMatchObject({ kind: 'LIVE', stale: false });
    expect(info.description).toMatch(/chain cosmoshub-4, block 26000000 \(2025-09-01T00:00:00Z\)/);
  });

  it('at the block time: the chain’s supply, bonded tokens and x/mint inflation', async () => {
    const economy = live();
    const supply = await economy.supply!({}, ctx); // at defaults to ctx.now = the block time
    expect(supply.total.toFixed()).toBe('390000000');
    expect(supply.staked?.toFixed()).toBe('250000000');
    expect(supply.derivations.total?.source).toMatch(/anchored at the chain's total at block 26000000/);
    const rewards = await economy.rewards!({}, ctx);
    expect(rewards.emissionRate.toFixed()).toBe('0.130016465508894587');
    expect(rewards.bondedRatio?.toSignificantDigits(20).toFixed()).toBe('0.64102564102564102564'); // 25/39
    // APR = 0.130016465508894587 × 0.98 / (25/39) = 0.1987691724699980446056
    expect(rewards.stakingApr.toSignificantDigits(30).toFixed()).toBe('0.1987691724699980446056');
    // annual emission to stakers = inflation × 390,000,000 × 0.98
    expect(rewards.annualEmission.toFixed()).toBe(
      d('0.130016465508894587').times('390000000').times('0.98').toFixed(),
    );
  });

  it('a day later: 17,280 blocks of the x/mint step, bonded ratio held', async () => {
    // 6,311,520 blocks a year / 365.25 days = 17,280 a day.
    // Δ: (25/39) / 0.67 = 0.956754688097971680 (18 decimals); (1 − that) × 0.13 → 0.005621890547263882;
    // ÷ 6,311,520 → 0.000000000890734807; inflation = 0.130016465508894587 + 17,280 × Δ = 0.130031857406359547
    const at = new Date('2025-09-02T00:00:00Z');
    const rewards = await live().rewards!({ at }, ctx);
    expect(rewards.emissionRate.toFixed()).toBe('0.130031857406359547');
    // The product over 17,280 blocks, by a block-by-block loop in Python decimal: 390138859.547247781701213812945…
    const supply = await live().supply!({ at }, ctx);
    expect(supply.total.toSignificantDigits(30).toFixed()).toBe('390138859.547247781701213812945');
  });

  it('replaces the preset’s values with the chain’s and says so in their source', async () => {
    const byKey = Object.fromEntries((await live().parameters(undefined, ctx)).map((p) => [p.key, p]));
    expect(byKey.blocksPerYear).toMatchObject({
      value: '6311520',
      source:
        'chain: GET /cosmos/mint/v1beta1/params (blocks_per_year) at block 26000000 (2025-09-01T00:00:00Z)',
    });
    expect(byKey.anchorInflation).toMatchObject({
      value: '0.130016465508894587',
      source: expect.stringMatching(/^chain: GET \/cosmos\/mint\/v1beta1\/inflation \(inflation\)/),
    });
    expect(byKey.anchorTime?.value).toBe('2025-09-01T00:00:00.000Z');
    expect(byKey.anchorSupply?.value).toBe('390000000');
    expect(byKey.communityTax?.value).toBe('0.02');
    expect(byKey.signedBlocksWindow?.value).toBe('20000');
    expect(byKey.downtimeJailSeconds?.value).toBe('1800s');
    expect(byKey.slashFractionDoubleSign?.value).toBe('0.1');
    for (const parameter of Object.values(byKey)) expect(parameter.source).toMatch(/^chain: GET /);
  });

  it('reads each path once, with keys naming the base URL and path', async () => {
    const memo = memoReader();
    const economy = live();
    await economy.supply!({}, { reader: memo, now: BLOCK_TIME });
    await economy.rewards!({}, { reader: memo, now: BLOCK_TIME });
    expect(memo.keys.sort()).toEqual(
      [
        `GET ${lcd.url}/cosmos/bank/v1beta1/supply/by_denom?denom=uatom @26000000`,
        `GET ${lcd.url}/cosmos/staking/v1beta1/pool @26000000`,
        `GET ${lcd.url}/cosmos/slashing/v1beta1/params @26000000`,
        `GET ${lcd.url}/cosmos/distribution/v1beta1/params @26000000`,
        `GET ${lcd.url}/cosmos/base/tendermint/v1beta1/blocks/latest`,
        `GET ${lcd.url}/cosmos/mint/v1beta1/inflation @26000000`,
        `GET ${lcd.url}/cosmos/mint/v1beta1/params @26000000`,
      ].sort(),
    );
    expect(Object.values(lcd.requestCounts())).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('penalties follow the served slashing parameters; query overrides still win', async () => {
    const stakes = [d('10000'), d('250000')];
    // window 20,000 × 0.95 = 19,000 to sign: more than 1,000 missed triggers
    expect(
      (await live().simulatePenalty!({ rule: 'downtime', stakes, missedBlocks: 1000 }, ctx)).triggered,
    ).toBe(false);
    const down = await live().simulatePenalty!({ rule: 'downtime', stakes, missedBlocks: 1001 }, ctx);
    expect(down.stakes.map((s) => s.after.toFixed())).toEqual(['9990', '249750']);
    expect(down.jailedSeconds).toBe(1800);
    const supply = await live().supply!({ overrides: [{ key: 'bondedRatio', value: '0.5' }] }, ctx);
    expect(supply.staked?.toFixed()).toBe('195000000');
  });

  it('another denom and decimals on the same kind of chain', async () => {
    lcd.setState({
      supply: [{ denom: 'utest', amount: '5000000000000000000' }], // 5,000,000,000 TEST at 9 decimals
      pool: { bonded_tokens: '2500000000000000000', not_bonded_tokens: '0' },
      mint: { ...MINT, params: { ...MINT.params, mint_denom: 'utest' } },
    });
    const economy = cosmosMintAdapter({
      id: 'testchain',
      denom: 'utest',
      decimals: 9,
      symbol: 'TEST',
      live: { lcdUrl: lcd.url },
    });
    const supply = await economy.supply!({}, ctx);
    expect([supply.total.toFixed(), supply.staked?.toFixed()]).toEqual(['5000000000', '2500000000']);
  });

  it('a chain that mints another denom than configured is a coded error saying what to set', async () => {
    const error = await codedFailure(
      cosmosMintAdapter({ id: 'x', denom: 'uosmo', live: { lcdUrl: lcd.url } }).supply!({}, ctx),
    );
    expect(error.code).toBe('UPSTREAM_INVALID');
    expect(error.details).toEqual({
      resource: 'GET /cosmos/mint/v1beta1/params',
      mintDenom: 'uatom',
      denom: 'uosmo',
      reason: 'denom',
    });
    expect(error.message).toBe(
      'GET /cosmos/mint/v1beta1/params says the chain mints uatom, but the adapter is configured for uosmo: set the "denom" option',
    );
  });

  it('a chain without the standard x/mint (501) is a coded error naming the path', async () => {
    lcd.setState({ mint: null });
    const error = await codedFailure(live().rewards!({}, ctx));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toMatch(
      /^GET \/cosmos\/mint\/v1beta1\/(inflation|params) answered HTTP 501 \(Not Implemented\)$/,
    );
  });

  it.each([
    [
      LCD_PATHS.stakingPool,
      { kind: 'status', status: 500 } as const,
      /^GET \/cosmos\/staking\/v1beta1\/pool answered HTTP 500/,
    ],
    [
      LCD_PATHS.mintParams,
      { kind: 'malformed' } as const,
      /^GET \/cosmos\/mint\/v1beta1\/params answered a body that is not JSON$/,
    ],
    [
      LCD_PATHS.mintInflation,
      { kind: 'wrong-shape' } as const,
      /^GET \/cosmos\/mint\/v1beta1\/inflation answered an unexpected shape: inflation/,
    ],
    [
      LCD_PATHS.supplyByDenom,
      { kind: 'wrong-shape' } as const,
      /^GET \/cosmos\/bank\/v1beta1\/supply\/by_denom\?denom=uatom answered an unexpected shape: amount\.amount/,
    ],
    [
      LCD_PATHS.latestBlock,
      { kind: 'status', status: 503 } as const,
      /^GET \/cosmos\/base\/tendermint\/v1beta1\/blocks\/latest answered HTTP 503/,
    ],
  ])('a fault on %s is a coded UPSTREAM error naming the path', async (path, fault, message) => {
    lcd.setFault(path, fault);
    const error = await codedFailure(live().supply!({}, ctx));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toMatch(message);
  });

  it.each([
    [
      { mint: { ...MINT, params: { ...MINT.params, goal_bonded: '0.000000000000000000' } } },
      /params gives goalBonded = 0.000000000000000000/,
    ],
    [
      { mint: { ...MINT, inflation: '1.500000000000000000' } },
      /inflation gives anchorInflation = 1.500000000000000000/,
    ],
    [
      { pool: { bonded_tokens: '0', not_bonded_tokens: '0' } },
      /pool reports 0 ATOM bonded of a 390000000 ATOM supply/,
    ],
    [{ supply: [] }, /supply\/by_denom\?denom=uatom reports a total supply of 0/],
  ])('an inconsistent answer is a coded UPSTREAM_INVALID error: %#', async (patch, message) => {
    lcd.setState(patch);
    const error = await codedFailure(live().supply!({}, ctx));
    expect(error.code).toBe('UPSTREAM_INVALID');
    expect(error.message).toMatch(message);
  });

  describe('implausible answers', () => {
    it('a node of another chain than the preset’s (cosmoshub-4), unless configured', async () => {
      lcd.setState({ chainId: 'osmosis-1' });
      expect(await codedFailure(live().supply!({}, ctx))).toMatchObject({
        code: 'UPSTREAM_INVALID',
        message:
          'GET /cosmos/base/tendermint/v1beta1/blocks/latest answers chain "osmosis-1", expected cosmoshub-4',
        details: { reason: 'chain-id' },
      });
      const osmosis = cosmosMintAdapter({ id: 'osmosis', live: { lcdUrl: lcd.url, chainId: 'osmosis-1' } });
      expect((await osmosis.supply!({}, ctx)).total.toFixed()).toBe('390000000');
    });

    it('a block time in 2999 is UPSTREAM_INVALID, not every query "before genesis" (BAD_INPUT)', async () => {
      lcd.setState({ latestBlock: { height: '26000001', time: '2999-01-01T00:00:00Z' } });
      expect(await codedFailure(live().rewards!({}, ctx))).toMatchObject({
        code: 'UPSTREAM_INVALID',
        details: { reason: 'block-time' },
      });
      lcd.setState({ latestBlock: { height: '26000001', time: '2019-03-13T22:59:59Z' } });
      expect((await codedFailure(live().rewards!({}, ctx))).message).toMatch(
        /answers a block time 2019-03-13T22:59:59.000Z, before 2019-03-13T23:00:00.000Z$/,
      );
    });

    it('a supply falling 10 % or a height going backwards: the last good state, stale, then a plausible read again', async () => {
      const economy = live();
      expect((await economy.supply!({}, ctx)).total.toFixed()).toBe('390000000');
      lcd.setState({ supply: [{ denom: 'uatom', amount: '351000000000000' }] });
      expect((await economy.supply!({}, ctx)).total.toFixed()).toBe('390000000');
      expect((await economy.source(ctx)).stale).toBe(true);
      lcd.setState({
        supply: STATE.supply,
        latestBlock: { height: '25999999', time: '2025-09-01T00:00:00Z' },
      });
      expect((await economy.source(ctx)).description).toMatch(
        /answers block 25999999, below the last good state's block 26000000$/,
      );
      lcd.setState({
        supply: [{ denom: 'uatom', amount: '390000100000000' }],
        latestBlock: STATE.latestBlock,
      });
      expect((await economy.supply!({}, ctx)).total.toFixed()).toBe('390000100');
      expect((await economy.source(ctx)).stale).toBe(false);
    });

    it('the chain id: required live for a preset that names none; checked', () => {
      const other = {
        ...COSMOSHUB_PRESET,
        name: 'other-chain',
        chain: { name: 'Other', denom: 'uother', decimals: 6, symbol: 'OTH', tokenName: 'Other' },
      };
      expect(() => cosmosMintAdapter({ id: 'other', preset: other, live: { lcdUrl: lcd.url } })).toThrow(
        'option "live.chainId" is required: preset "other-chain" names no chain id (set "chain.chainId" or "live.chainId", e.g. "osmosis-1")',
      );
      expect(() =>
        cosmosMintAdapter({ id: 'other', preset: other, live: { lcdUrl: lcd.url, chainId: 'other 1' } }),
      ).toThrow('option "live.chainId" must be a Cosmos chain id such as "cosmoshub-4", got "other 1"');
      expect(
        cosmosMintAdapter({ id: 'other', preset: other, live: { lcdUrl: lcd.url, chainId: 'other-1' } }).id,
      ).toBe('other');
    });
  });
});
