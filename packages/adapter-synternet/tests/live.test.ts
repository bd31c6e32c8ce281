import { createDirectReader, Decimal, type UpstreamReader } from '@tokenomics/core';
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
import { SYNTERNET_TREASURY_ADDRESS, synternetAdapter } from '../src/index.js';
import { SYNTERNET_GENESIS_STATE } from '../src/testing/index.js';

const d = (text: string) => new Decimal(text);
// Served state, every figure different from the seed preset.
const BLOCK_TIME = new Date('2025-02-01T00:00:00Z'); // 184 of 365 days into inflation year 1
const STATE = {
  chainId: 'synternet-1',
  supply: [{ denom: 'usynt', amount: '1250000000000000' }], // 1,250,000,000 SYNT
  balances: { [SYNTERNET_TREASURY_ADDRESS]: [{ denom: 'usynt', amount: '850000000000000' }] }, // 850,000,000
  pool: { bonded_tokens: '500000000000000', not_bonded_tokens: '2000000000000' }, // 500,000,000 bonded → 0.4
  ...ALTERED_CHAIN_PARAMS, // window 20,000 at 0.95, 1,800 s, 10 % and 0.1 %; community tax 2 %
  latestBlock: { height: '1234567', time: '2025-02-01T00:00:00Z' },
  mint: null,
};

describe('live source against a fake LCD on 127.0.0.1', () => {
  let lcd: FakeLcd;
  const reader = createDirectReader({ timeoutMs: 5_000 });
  const ctx = { reader, now: BLOCK_TIME };

  beforeAll(async () => {
    lcd = await startFakeLcd({ base: SYNTERNET_GENESIS_STATE, state: STATE });
  });
  afterAll(() => lcd.close());
  beforeEach(() => {
    lcd.setState(STATE);
    for (const path of [...Object.values(LCD_PATHS), `${LCD_PATHS.balances}/${SYNTERNET_TREASURY_ADDRESS}`]) {
      lcd.setFault(path, null);
    }
    lcd.resetCounts();
  });

  // The hand-computed figures below follow the seed's schedule; a live source's default preset,
  // chain-2025, is tested in second-edition.test.ts.
  const live = () => synternetAdapter({ preset: 'seed', live: { lcdUrl: lcd.url } });

  it('reports a LIVE source with the block it read', async () => {
    const info = await live().source(ctx);
    expect(info.kind).toBe('LIVE');
    expect(info.stale).toBe(false);
    expect(info.fetchedAt).toBeInstanceOf(Date);
    expect(info.description).toMatch(/chain synternet-1, block 1234567 \(2025-02-01T00:00:00Z\)/);
    expect(info.description).toMatch(/x\/mint inflation not served \(HTTP 501\), the preset's schedule used/);
  });

  it('supply, circulating, staked and bonded ratio follow the served state at the block time', async () => {
    const supply = await live().supply!({}, ctx); // at defaults to ctx.now = the block time
    expect(supply.total.toFixed()).toBe('1250000000');
    expect(supply.circulating.toFixed()).toBe('400000000'); // 1,250,000,000 − 850,000,000
    expect(supply.staked?.toFixed()).toBe('500000000');
    // The fake node bonds 500,000,000 of 400,000,000 circulating: 100,000,000 counts as staked from the treasury.
    expect(supply.buckets.slice(0, 2)).toMatchObject([
      { key: 'treasury', amount: d('750000000'), circulating: false },
      { key: 'staked-from-treasury', amount: d('100000000'), circulating: false, staked: true },
    ]);
    expect(supply.liquid?.toFixed()).toBe('0');
    expect(supply.derivations.total?.result.eq(supply.total)).toBe(true);
    expect(supply.derivations.total?.source).toMatch(/anchored at the chain's total at block 1234567/);
    const rewards = await live().rewards!({}, ctx);
    expect(rewards.bondedRatio?.toFixed()).toBe('0.4');
  });

  it('reads each path once per call, with keys naming the base URL and path', async () => {
    const memo = memoReader();
    const economy = live();
    await economy.supply!({}, { reader: memo, now: BLOCK_TIME });
    await economy.rewards!({}, { reader: memo, now: BLOCK_TIME });
    expect(memo.keys.sort()).toEqual(
      [
        `GET ${lcd.url}/cosmos/bank/v1beta1/supply/by_denom?denom=usynt @1234567`,
        `GET ${lcd.url}/cosmos/bank/v1beta1/balances/${SYNTERNET_TREASURY_ADDRESS} @1234567`,
        `GET ${lcd.url}/cosmos/staking/v1beta1/pool @1234567`,
        `GET ${lcd.url}/cosmos/slashing/v1beta1/params @1234567`,
        `GET ${lcd.url}/cosmos/distribution/v1beta1/params @1234567`,
        `GET ${lcd.url}/cosmos/base/tendermint/v1beta1/blocks/latest`,
        `GET ${lcd.url}/cosmos/mint/v1beta1/inflation @1234567 (optional)`,
      ].sort(),
    );
    expect(Object.values(lcd.requestCounts())).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('replaces the preset’s chain parameters and says so in their source', async () => {
    const parameters = await live().parameters(undefined, ctx);
    const byKey = Object.fromEntries(parameters.map((p) => [p.key, p]));
    expect(byKey.signedBlocksWindow).toMatchObject({
      value: '20000',
      source:
        'chain: GET /cosmos/slashing/v1beta1/params (signed_blocks_window) at block 1234567 (2025-02-01T00:00:00Z)',
    });
    expect(byKey.minSignedPerWindow?.value).toBe('0.95');
    expect(byKey.downtimeJailSeconds?.value).toBe('1800s');
    expect(byKey.slashFractionDowntime?.value).toBe('0.001');
    expect(byKey.slashFractionDoubleSign?.value).toBe('0.1');
    expect(byKey.communityTax).toMatchObject({
      value: '0.02',
      source: expect.stringMatching(/^chain: GET \/cosmos\/distribution/),
    });
    expect(byKey.bondedRatio).toMatchObject({
      value: '0.4',
      source: expect.stringMatching(/^chain: GET \/cosmos\/staking\/v1beta1\/pool/),
    });
    expect(byKey.treasuryBalance).toMatchObject({
      value: '850000000',
      source: expect.stringMatching(/^chain: GET \/cosmos\/bank/),
    });
    // not provided by the chain: the preset's
    expect(byKey.dataFeePerGB?.value).toBe('4');
  });

  it('penalty outcomes follow the served slashing parameters', async () => {
    const economy = live();
    const stakes = [d('10000'), d('250000')];
    // window 20,000 × 0.95 = 19,000 to sign: more than 1,000 missed triggers
    const quiet = await economy.simulatePenalty!({ rule: 'downtime', stakes, missedBlocks: 1000 }, ctx);
    expect(quiet.triggered).toBe(false);
    const down = await economy.simulatePenalty!({ rule: 'downtime', stakes, missedBlocks: 1001 }, ctx);
    expect(down.stakes.map((s) => s.after.toFixed())).toEqual(['9990', '249750']); // 0.1 %
    expect(down.jailedSeconds).toBe(1800);
    const double = await economy.simulatePenalty!({ rule: 'double-sign', stakes }, ctx);
    expect(double.stakes.map((s) => s.after.toFixed())).toEqual(['9000', '225000']); // 10 %
    expect(double.slashedTotal.toFixed()).toBe('26000');
  });

  it('rewards: momentary inflation from the schedule through the chain’s total, APR with the chain’s community tax', async () => {
    const rewards = await live().rewards!({}, ctx);
    // year-1 start total S = 1.25e9 / (1 + 0.08 × 184/365); m = 0.08 S / 1.25e9 (Python decimal, 60 digits)
    expect(rewards.emissionRate.toSignificantDigits(30).toFixed()).toBe('0.0768987675129042452333298219741');
    // annualEmission = 0.08 S × (1 − 0.02): 96123459.3911303065416622774676077… × 0.98
    expect(rewards.annualEmission.toSignificantDigits(30).toFixed()).toBe('94200990.2033077004108290319183');
    // APR = m / 0.4 × 0.98
    expect(rewards.stakingApr.toSignificantDigits(30).toFixed()).toBe('0.188401980406615400821658063837');
  });

  it('steps from the chain’s total to other instants by the schedule', async () => {
    const later = await live().supply!({ at: new Date('2026-02-01T00:00:00Z') }, ctx);
    // 1.08 S × (1 + 0.065 × 184/365) = 1340187506.58379858843358263983988…
    expect(later.total.toSignificantDigits(30).toFixed()).toBe('1340187506.58379858843358263984');
    const start = await live().supply!({ at: new Date('2024-08-01T00:00:00Z') }, ctx);
    expect(start.total.toSignificantDigits(30).toFixed()).toBe('1201543242.38912883177077846835');
    expect(start.circulating.lte(start.total)).toBe(true);
  });

  it('query overrides still win over live values', async () => {
    const supply = await live().supply!({ overrides: [{ key: 'bondedRatio', value: '0.5' }] }, ctx);
    expect(supply.staked?.toFixed()).toBe('625000000');
  });

  it('uses x/mint inflation for the current year when the chain serves it', async () => {
    lcd.setState({ mint: STANDARD_MINT_STATE });
    const economy = live();
    expect((await economy.source(ctx)).description).toMatch(
      /x\/mint inflation 0.130016465508894587 read and used/,
    );
    const rewards = await economy.rewards!({}, ctx);
    expect(rewards.emissionRate.toFixed()).toBe('0.130016465508894587');
    // 0.130016465508894587 × 1.25e9 (the seed has no treasury rate to take off), × 0.98 to stakers
    expect(rewards.annualEmission.toFixed()).toBe('159270170.248395869075');
    expect(rewards.stakingApr.toFixed()).toBe('0.31854034049679173815'); // ÷ 0.4 × 0.98
    expect(rewards.derivation.source).toMatch(/x\/mint inflation/);
    // Year 1 ends at 1.25e9 − allowance × 184/365 + allowance
    const end = await economy.supply!({ at: new Date('2025-08-01T00:00:00Z') }, ctx);
    expect(end.total.toSignificantDigits(30).toFixed()).toBe('1330592398.14078739810616438356');
    // an overridden schedule wins over the chain's inflation
    const overridden = await economy.rewards!(
      { overrides: [{ key: 'inflationSchedule', value: '0.08,0.065,0.055,0.045,0.03' }] },
      ctx,
    );
    expect(overridden.emissionRate.toSignificantDigits(30).toFixed()).toBe(
      '0.0768987675129042452333298219741',
    );
  });

  it('falls back to the schedule on 404 from x/mint too', async () => {
    lcd.setFault(LCD_PATHS.mintInflation, { kind: 'status', status: 404 });
    expect((await live().source(ctx)).description).toMatch(/not served \(HTTP 404\)/);
  });

  it('a 500 from x/mint is an error, not a fallback', async () => {
    lcd.setFault(LCD_PATHS.mintInflation, { kind: 'status', status: 500 });
    const error = await codedFailure(live().supply!({}, ctx));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toBe('GET /cosmos/mint/v1beta1/inflation answered HTTP 500 (internal error)');
  });

  it.each([
    [
      LCD_PATHS.stakingPool,
      { kind: 'status', status: 500 } as const,
      /^GET \/cosmos\/staking\/v1beta1\/pool answered HTTP 500/,
    ],
    [
      LCD_PATHS.slashingParams,
      { kind: 'malformed' } as const,
      /^GET \/cosmos\/slashing\/v1beta1\/params answered a body that is not JSON$/,
    ],
    [
      LCD_PATHS.supplyByDenom,
      { kind: 'wrong-shape' } as const,
      /^GET \/cosmos\/bank\/v1beta1\/supply\/by_denom\?denom=usynt answered an unexpected shape: amount\.amount/,
    ],
    [
      `${LCD_PATHS.balances}/${SYNTERNET_TREASURY_ADDRESS}`,
      { kind: 'status', status: 501 } as const,
      /^GET \/cosmos\/bank\/v1beta1\/balances\/synt1nwhx5p30n9xw88czjq4j45tuz53qw50yllrg5d answered HTTP 501/,
    ],
    [
      LCD_PATHS.distributionParams,
      { kind: 'wrong-shape' } as const,
      /^GET \/cosmos\/distribution\/v1beta1\/params answered an unexpected shape/,
    ],
  ])('a fault on %s is a coded UPSTREAM error naming the path', async (path, fault, message) => {
    lcd.setFault(path, fault);
    const error = await codedFailure(live().supply!({}, ctx));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toMatch(message);
  });

  it('a slow answer past the reader timeout is a coded error; within it, it is served', async () => {
    lcd.setFault(LCD_PATHS.latestBlock, { kind: 'slow', delayMs: 300 });
    const quick = { reader: createDirectReader({ timeoutMs: 50 }), now: BLOCK_TIME };
    const error = await codedFailure(live().supply!({}, quick));
    expect(error.message).toBe(
      'GET /cosmos/base/tendermint/v1beta1/blocks/latest did not answer within 50 ms',
    );
    expect((await live().supply!({}, ctx)).total.toFixed()).toBe('1250000000');
  });

  it('a hanging path times out with a coded error', async () => {
    lcd.setFault(LCD_PATHS.stakingPool, { kind: 'hang' });
    const quick = { reader: createDirectReader({ timeoutMs: 100 }), now: BLOCK_TIME };
    const error = await codedFailure(live().rewards!({}, quick));
    expect(error).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'GET /cosmos/staking/v1beta1/pool did not answer within 100 ms',
    });
  });

  it('refuses inconsistent state: treasury above supply, nothing bonded', async () => {
    lcd.setState({
      balances: { [SYNTERNET_TREASURY_ADDRESS]: [{ denom: 'usynt', amount: '1250000000000001' }] },
    });
    expect((await codedFailure(live().supply!({}, ctx))).message).toMatch(
      /balances\/.* reports a treasury balance .* above the total supply/,
    );
    lcd.setState(STATE);
    lcd.setState({ pool: { bonded_tokens: '0', not_bonded_tokens: '0' } });
    expect((await codedFailure(live().supply!({}, ctx))).message).toMatch(
      /^GET \/cosmos\/staking\/v1beta1\/pool reports 0 SYNT bonded/,
    );
  });

  it('refuses chain parameters the model cannot use, naming the path', async () => {
    lcd.setState({ distributionParams: { community_tax: '1.000000000000000000' } });
    expect((await codedFailure(live().rewards!({}, ctx))).message).toBe(
      'GET /cosmos/distribution/v1beta1/params gives communityTax = 1.000000000000000000, which must be a decimal in [0, 1)',
    );
    lcd.setState(STATE);
    lcd.setState({ slashingParams: { signed_blocks_window: '0' } });
    const error = await codedFailure(live().simulatePenalty!({ rule: 'downtime', stakes: [d('1')] }, ctx));
    expect(error.code).toBe('UPSTREAM_INVALID');
    expect(error.details).toMatchObject({ reason: 'parameter' });
    expect(error.message).toMatch(/^GET \/cosmos\/slashing\/v1beta1\/params gives signedBlocksWindow = 0/);
    // The rules, a list that cannot be null, answer from the preset (with no last good state).
    expect(await live().penalties!(ctx)).toEqual(await synternetAdapter({ preset: 'seed' }).penalties!());
  });

  it('reads another treasury address when configured', async () => {
    const other = 'synt1m8kdtcvhx4pdndxfwsn2az52sxyq09mfexfxgs';
    lcd.setState({ balances: { [other]: [{ denom: 'usynt', amount: '100000800000000' }] } });
    const supply = await synternetAdapter({
      preset: 'seed',
      live: { lcdUrl: lcd.url, treasuryAddress: other },
    }).supply!({}, ctx);
    expect(supply.circulating.toFixed()).toBe('1149999200'); // 1,250,000,000 − 100,000,800
    expect(supply.buckets[0]!.label).toContain(other);
  });

  it('one read served stale: the last good whole state, marked stale; with none, a coded error', async () => {
    const inner = createDirectReader({ timeoutMs: 5_000 });
    const staleReader: UpstreamReader = {
      async read(request) {
        const value = await inner.read(request);
        return { ...value, stale: request.key.includes('/pool @') };
      },
    };
    // No whole state yet: the pool's last good value alone would mix with fresh reads.
    expect((await codedFailure(live().source({ reader: staleReader, now: BLOCK_TIME }))).code).toBe(
      'UPSTREAM_UNAVAILABLE',
    );
    const economy = live();
    const good = await economy.source(ctx);
    const info = await economy.source({ reader: staleReader, now: BLOCK_TIME });
    expect(info.stale).toBe(true);
    expect(info.fetchedAt).toEqual(good.fetchedAt);
    expect(info.description).toContain(`stale: last good state from ${good.fetchedAt!.toISOString()}`);
  });

  describe('implausible answers: UPSTREAM_INVALID, or the last good state served stale', () => {
    it('a node of another chain, or the configured one', async () => {
      lcd.setState({ chainId: 'osmosis-1' });
      const error = await codedFailure(live().supply!({}, ctx));
      expect(error).toMatchObject({
        code: 'UPSTREAM_INVALID',
        message:
          'GET /cosmos/base/tendermint/v1beta1/blocks/latest answers chain "osmosis-1", expected synternet-1',
        details: { reason: 'chain-id' },
      });
      const osmosis = synternetAdapter({ live: { lcdUrl: lcd.url, chainId: 'osmosis-1' } });
      expect((await osmosis.supply!({}, ctx)).total.toFixed()).toBe('1250000000');
    });

    it('a block time in the future or before Synternet existed', async () => {
      lcd.setState({ latestBlock: { height: '1234568', time: '2999-01-01T00:00:00Z' } });
      expect(await codedFailure(live().rewards!({}, ctx))).toMatchObject({
        code: 'UPSTREAM_INVALID',
        details: { reason: 'block-time' },
      });
      lcd.setState({ latestBlock: { height: '1234568', time: '2024-06-01T00:00:00Z' } });
      expect((await codedFailure(live().rewards!({}, ctx))).message).toMatch(
        /answers a block time 2024-06-01T00:00:00.000Z, before 2024-06-11T08:14:53.390Z$/,
      );
    });

    it('a height going backwards or a supply falling 10 %: the last good state, stale', async () => {
      const economy = live();
      expect((await economy.supply!({}, ctx)).total.toFixed()).toBe('1250000000');
      lcd.setState({ latestBlock: { height: '1234566', time: '2025-02-01T00:00:00Z' } });
      expect((await economy.supply!({}, ctx)).total.toFixed()).toBe('1250000000');
      expect((await economy.source(ctx)).description).toMatch(
        /stale: last good state from .*; GET \/cosmos\/base\/tendermint\/v1beta1\/blocks\/latest answers block 1234566, below the last good state's block 1234567$/,
      );
      lcd.setState({
        latestBlock: { height: '1234568', time: '2025-02-01T00:00:06Z' },
        supply: [{ denom: 'usynt', amount: '1125000000000000' }],
      });
      expect((await economy.supply!({}, ctx)).total.toFixed()).toBe('1250000000');
      expect((await economy.source(ctx)).description).toMatch(/10 % below the last good state's 1250000000/);
      // A plausible read again (a later block, the supply back): served fresh.
      lcd.setState({ supply: STATE.supply });
      const info = await economy.source(ctx);
      expect(info.stale).toBe(false);
      expect(info.description).toMatch(/block 1234568/);
    });
  });
});
