import { createDirectReader, loadWithTimeout, type TokenomicsError } from '@tokenomics/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  balanceOf,
  bankBalances,
  bankSupplyByDenom,
  coinAmount,
  distributionParams,
  isEndpointMissing,
  LCD_PATHS,
  latestBlock,
  mintAnnualProvisions,
  mintInflation,
  mintParams,
  normalizeBaseUrl,
  optionalEndpoint,
  slashingParams,
  stakingPool,
} from '../src/index.js';
import { codedFailure, type FakeLcd, STANDARD_MINT_STATE, startFakeLcd } from '../src/testing/index.js';
import { EXAMPLE_CHAIN_STATE, FAKE_TREASURY_ADDRESS } from './example-chain.js';

const reader = createDirectReader({ timeoutMs: 5_000 });

describe('cosmos-rest client against the fake LCD', () => {
  let lcd: FakeLcd;

  beforeAll(async () => {
    lcd = await startFakeLcd({
      base: EXAMPLE_CHAIN_STATE,
      state: {
        supply: [{ denom: 'usynt', amount: '1234567890123456' }],
        pool: { bonded_tokens: '600000000000001' },
        slashingParams: { signed_blocks_window: '20000' },
        distributionParams: { community_tax: '0.020000000000000000' },
        latestBlock: { height: '4321', time: '2025-10-01T12:00:00.123456789Z' },
      },
    });
  });
  afterAll(() => lcd.close());
  beforeEach(() => {
    lcd.resetCounts();
    for (const path of [...Object.values(LCD_PATHS), '*']) lcd.setFault(path, null);
    lcd.setState({ mint: null });
  });

  it('reads the bank supply of a denom, amounts kept as integer strings', async () => {
    const request = bankSupplyByDenom(lcd.url, 'usynt');
    expect(request.resource).toBe('GET /cosmos/bank/v1beta1/supply/by_denom?denom=usynt');
    expect(request.key).toBe(`GET ${lcd.url}/cosmos/bank/v1beta1/supply/by_denom?denom=usynt`);
    const { value } = await reader.read(request);
    expect(value).toEqual({ amount: { denom: 'usynt', amount: '1234567890123456' } });
    expect(lcd.requestCount(LCD_PATHS.supplyByDenom)).toBe(1);
  });

  it('reads balances and picks one denom', async () => {
    const { value } = await reader.read(bankBalances(lcd.url, FAKE_TREASURY_ADDRESS));
    expect(value.balances).toEqual([{ denom: 'usynt', amount: '899985000000000' }]);
    expect(value.pagination).toEqual({ next_key: null, total: '1' });
    expect(coinAmount(value.balances, 'usynt')).toBe('899985000000000');
    expect(balanceOf(value, 'usynt')).toBe('899985000000000');
    expect(balanceOf(value, 'uatom')).toBe('0');
    expect(lcd.requestCount(`${LCD_PATHS.balances}/${FAKE_TREASURY_ADDRESS}`)).toBe(1);
  });

  it('refuses to call a denom absent when more balance pages exist', () => {
    const page = {
      balances: [{ denom: 'aaa', amount: '1' }],
      pagination: { next_key: 'AQ==', total: '300' },
    };
    expect(() => balanceOf(page, 'usynt')).toThrow(/more than one page/);
  });

  it('reads the staking pool, slashing, distribution params and the latest block', async () => {
    const [pool, slashing, distribution, block] = await Promise.all([
      reader.read(stakingPool(lcd.url)),
      reader.read(slashingParams(lcd.url)),
      reader.read(distributionParams(lcd.url)),
      reader.read(latestBlock(lcd.url)),
    ]);
    expect(pool.value).toEqual({
      pool: { not_bonded_tokens: '1000000000000', bonded_tokens: '600000000000001' },
    });
    expect(slashing.value.params).toEqual({
      signed_blocks_window: '20000',
      min_signed_per_window: '0.500000000000000000',
      downtime_jail_duration: '600s',
      slash_fraction_double_sign: '0.050000000000000000',
      slash_fraction_downtime: '0.000100000000000000',
    });
    expect(distribution.value.params.community_tax).toBe('0.020000000000000000');
    expect(distribution.value.params.withdraw_addr_enabled).toBe(true);
    // Only the header fields the schema names survive validation.
    expect(block.value.block.header).toEqual({
      chain_id: 'synternet-1',
      height: '4321',
      time: '2025-10-01T12:00:00.123456789Z',
    });
    expect(block.value.sdk_block?.header.height).toBe('4321');
  });

  it('reads the standard x/mint endpoints when the chain has them', async () => {
    lcd.setState({ mint: STANDARD_MINT_STATE });
    const [inflation, params, provisions] = await Promise.all([
      reader.read(mintInflation(lcd.url)),
      reader.read(mintParams(lcd.url)),
      reader.read(mintAnnualProvisions(lcd.url)),
    ]);
    expect(inflation.value).toEqual({ inflation: '0.130016465508894587' });
    expect(params.value.params.goal_bonded).toBe('0.670000000000000000');
    expect(params.value.params.blocks_per_year).toBe('6311520');
    expect(provisions.value).toEqual({ annual_provisions: '130019024060848.545708142618272810' });
  });

  it('makes a missing x/mint (501 from the gateway) distinguishable', async () => {
    const error = await codedFailure(reader.read(mintInflation(lcd.url)));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toBe('GET /cosmos/mint/v1beta1/inflation answered HTTP 501 (Not Implemented)');
    expect(error.details).toMatchObject({
      resource: 'GET /cosmos/mint/v1beta1/inflation',
      status: 501,
      reason: 'http',
    });
    expect(isEndpointMissing(error)).toBe(true);
  });

  it('treats 404 as missing and 500 as a failure', async () => {
    lcd.setFault(LCD_PATHS.mintParams, { kind: 'status', status: 404 });
    const notFound = await codedFailure(reader.read(mintParams(lcd.url)));
    expect(notFound.details.status).toBe(404);
    expect(isEndpointMissing(notFound)).toBe(true);

    lcd.setFault(LCD_PATHS.stakingPool, { kind: 'status', status: 500 });
    const broken = await codedFailure(reader.read(stakingPool(lcd.url)));
    expect(broken.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(broken.message).toBe('GET /cosmos/staking/v1beta1/pool answered HTTP 500 (internal error)');
    expect(broken.details.status).toBe(500);
    expect(isEndpointMissing(broken)).toBe(false);
  });

  it('turns a body that is not JSON into a coded error naming the path', async () => {
    lcd.setFault(LCD_PATHS.slashingParams, { kind: 'malformed' });
    const error = await codedFailure(reader.read(slashingParams(lcd.url)));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toBe('GET /cosmos/slashing/v1beta1/params answered a body that is not JSON');
    expect(error.details).toMatchObject({ reason: 'json', status: 200 });
    expect(isEndpointMissing(error)).toBe(false);
  });

  it('turns valid JSON of the wrong shape into a coded error quoting the zod issue', async () => {
    lcd.setFault(LCD_PATHS.supplyByDenom, { kind: 'wrong-shape' });
    const error = await codedFailure(reader.read(bankSupplyByDenom(lcd.url, 'usynt')));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toMatch(
      /^GET \/cosmos\/bank\/v1beta1\/supply\/by_denom\?denom=usynt answered an unexpected shape: amount\.amount: /,
    );
    expect(error.details.reason).toBe('shape');
    expect(error.details.issues).toEqual([{ path: ['amount', 'amount'], message: expect.any(String) }]);
  });

  it('names the path when the node hangs past the reader timeout', async () => {
    lcd.setFault(LCD_PATHS.distributionParams, { kind: 'hang' });
    const quick = createDirectReader({ timeoutMs: 100 });
    const error = await codedFailure(quick.read(distributionParams(lcd.url)));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toBe('GET /cosmos/distribution/v1beta1/params did not answer within 100 ms');
  });

  it('serves a slow path late: a short timeout fails, a long one succeeds', async () => {
    lcd.setFault(LCD_PATHS.latestBlock, { kind: 'slow', delayMs: 300 });
    const quick = await codedFailure(createDirectReader({ timeoutMs: 50 }).read(latestBlock(lcd.url)));
    expect(quick.message).toBe(
      'GET /cosmos/base/tendermint/v1beta1/blocks/latest did not answer within 50 ms',
    );
    const { value } = await reader.read(latestBlock(lcd.url));
    expect(value.block.header.height).toBe('4321');
    expect(lcd.requestCount(LCD_PATHS.latestBlock)).toBe(2);
  });

  it('applies a "*" fault to every path', async () => {
    lcd.setFault('*', { kind: 'status', status: 503 });
    const error = await codedFailure(reader.read(stakingPool(lcd.url)));
    expect(error.details.status).toBe(503);
  });

  it('counts requests per path', async () => {
    await reader.read(stakingPool(lcd.url));
    await reader.read(stakingPool(lcd.url));
    await reader.read(slashingParams(lcd.url));
    expect(lcd.requestCounts()).toEqual({ [LCD_PATHS.stakingPool]: 2, [LCD_PATHS.slashingParams]: 1 });
  });
});

describe('requests and keys', () => {
  it('normalizes the base URL so two gateways share cache keys', () => {
    expect(stakingPool('http://lcd.example:1317/').key).toBe(stakingPool('http://lcd.example:1317').key);
    expect(stakingPool('https://host/rest/').key).toBe('GET https://host/rest/cosmos/staking/v1beta1/pool');
    // Shown with the base URL's own path cut (providers put keys there).
    expect(stakingPool('https://host/rest/').url).toBe('https://host/…/cosmos/staking/v1beta1/pool');
    expect(normalizeBaseUrl('https://api.synternet.com/')).toBe('https://api.synternet.com');
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => stakingPool('ftp://lcd')).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
    expect(() => stakingPool('not a url')).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });

  it('refuses a malformed address or denom before any read', () => {
    expect(() => bankBalances('http://lcd', '../../admin')).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    );
    expect(() => bankSupplyByDenom('http://lcd', 'u synt&x=1')).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    );
  });

  it('encodes IBC denoms in the query', () => {
    expect(bankSupplyByDenom('http://lcd', 'ibc/27394FB092D2ECCD').path).toBe(
      '/cosmos/bank/v1beta1/supply/by_denom?denom=ibc%2F27394FB092D2ECCD',
    );
  });

  it('reports a refused connection as a network failure', async () => {
    const lcd = await startFakeLcd({ base: EXAMPLE_CHAIN_STATE });
    const url = lcd.url;
    await lcd.close();
    const error = await codedFailure(loadWithTimeout(stakingPool(url), 5_000));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toMatch(/^GET \/cosmos\/staking\/v1beta1\/pool could not be read: /);
    expect(error.details.reason).toBe('network');
  });

  it('uses an injected fetch', async () => {
    const request = stakingPool('http://lcd.invalid', {
      fetch: async () =>
        new Response(JSON.stringify({ pool: { not_bonded_tokens: '0', bonded_tokens: '7' } })),
    });
    expect(await loadWithTimeout(request, 1_000)).toEqual({
      pool: { not_bonded_tokens: '0', bonded_tokens: '7' },
    });
  });
});

describe('fake LCD lifecycle', () => {
  it('close() ends hanging connections', async () => {
    const lcd = await startFakeLcd({
      base: EXAMPLE_CHAIN_STATE,
      faults: { [LCD_PATHS.stakingPool]: { kind: 'hang' } },
    });
    const pending = loadWithTimeout(stakingPool(lcd.url), 60_000).then(
      () => 'answered',
      (error: TokenomicsError) => error.details.reason,
    );
    // wait until the server has the request, then close
    while (lcd.requestCount(LCD_PATHS.stakingPool) === 0)
      await new Promise((resolve) => setTimeout(resolve, 5));
    await lcd.close();
    expect(await pending).toBe('network');
  });

  it('answers unknown paths 501 Not Implemented, like the gRPC gateway', async () => {
    const lcd = await startFakeLcd({ base: EXAMPLE_CHAIN_STATE });
    try {
      const response = await fetch(`${lcd.url}/cosmos/gov/v1/proposals`);
      expect(response.status).toBe(501);
      expect(await response.json()).toEqual({ code: 12, message: 'Not Implemented', details: [] });
    } finally {
      await lcd.close();
    }
  });

  it('serves zero for an unknown denom and an empty list for an unknown account', async () => {
    const lcd = await startFakeLcd({ base: EXAMPLE_CHAIN_STATE });
    try {
      const supply = await loadWithTimeout(bankSupplyByDenom(lcd.url, 'uatom'), 5_000);
      expect(supply).toEqual({ amount: { denom: 'uatom', amount: '0' } });
      const balances = await loadWithTimeout(
        bankBalances(lcd.url, 'synt1m8kdtcvhx4pdndxfwsn2az52sxyq09mfexfxgs'),
        5_000,
      );
      expect(balances).toEqual({ balances: [], pagination: { next_key: null, total: '0' } });
    } finally {
      await lcd.close();
    }
  });
});

describe('optionalEndpoint', () => {
  it('answers { served: false } for an endpoint the chain lacks, so a cache keeps it', async () => {
    const lcd = await startFakeLcd({ base: EXAMPLE_CHAIN_STATE });
    try {
      const reader = createDirectReader();
      const missing = await reader.read(optionalEndpoint(mintInflation(lcd.url)));
      expect(missing.value).toEqual({ served: false, status: 501 });
      lcd.setState({ mint: STANDARD_MINT_STATE });
      const served = await reader.read(optionalEndpoint(mintInflation(lcd.url)));
      expect(served.value).toEqual({ served: true, value: { inflation: '0.130016465508894587' } });
      lcd.setFault(LCD_PATHS.mintInflation, { kind: 'status', status: 500 });
      await expect(reader.read(optionalEndpoint(mintInflation(lcd.url)))).rejects.toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        details: { status: 500 },
      });
    } finally {
      await lcd.close();
    }
  });
});
