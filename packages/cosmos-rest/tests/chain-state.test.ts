import {
  createDirectReader,
  Decimal,
  decimalKind,
  defineParameters,
  integerKind,
  type UpstreamReader,
  type UpstreamValue,
} from '@tokenomics/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  chainSource,
  checkChainParameters,
  inconsistentAnswer,
  LCD_PATHS,
  parseStandardChainState,
  readStandardChainAnswers,
  readStandardChainState,
  readsFreshness,
  standardChainRequests,
} from '../src/index.js';
import { codedFailure, type FakeLcd, memoReader, startFakeLcd } from '../src/testing/index.js';
import { EXAMPLE_CHAIN_STATE } from './example-chain.js';

const SYNT = { denom: 'usynt', decimals: 6, symbol: 'SYNT' };
const AT = 'at block 838 (2024-08-01T00:00:00.000000000Z)';

describe('the standard chain state against the fake LCD', () => {
  let lcd: FakeLcd;
  const reader = createDirectReader({ timeoutMs: 5_000 });

  beforeAll(async () => {
    lcd = await startFakeLcd({ base: EXAMPLE_CHAIN_STATE });
  });
  afterAll(() => lcd.close());
  beforeEach(() => {
    lcd.setState(EXAMPLE_CHAIN_STATE);
    for (const path of Object.values(LCD_PATHS)) lcd.setFault(path, null);
    lcd.resetCounts();
  });

  it('reads supply, pool, slashing and distribution params and the block, in whole tokens and Decimals', async () => {
    const state = await readStandardChainState(reader, lcd.url, SYNT);
    expect([state.chainId, state.denom, state.height, state.time]).toEqual([
      'synternet-1',
      'usynt',
      '838',
      '2024-08-01T00:00:00.000000000Z',
    ]);
    expect(state.blockTime.toISOString()).toBe('2024-08-01T00:00:00.000Z');
    expect(state.at).toBe(AT);
    expect([state.total, state.bonded, state.notBonded, state.bondedRatio].map((x) => x.toFixed())).toEqual([
      '1000000000',
      '504000000',
      '1000000',
      '0.504',
    ]);
    expect(state.communityTax.isZero()).toBe(true);
    expect(state.slashing).toEqual({
      signedBlocksWindow: 16000,
      minSignedPerWindow: new Decimal('0.5'),
      downtimeJailSeconds: 600,
      slashFractionDowntime: new Decimal('0.0001'),
      slashFractionDoubleSign: new Decimal('0.05'),
    });
    expect(state.reads).toHaveLength(5);
  });

  it('gives each value as parameter data with its chain: source', async () => {
    lcd.setState({ slashingParams: { downtime_jail_duration: '1800.5s' } });
    const { parameters } = await readStandardChainState(reader, lcd.url, SYNT);
    expect(parameters).toEqual({
      bondedRatio: {
        value: '0.504',
        source: `chain: GET /cosmos/staking/v1beta1/pool bonded_tokens ÷ GET /cosmos/bank/v1beta1/supply/by_denom?denom=usynt amount ${AT}`,
      },
      communityTax: {
        value: '0.000000000000000000',
        source: `chain: GET /cosmos/distribution/v1beta1/params (community_tax) ${AT}`,
      },
      signedBlocksWindow: {
        value: '16000',
        source: `chain: GET /cosmos/slashing/v1beta1/params (signed_blocks_window) ${AT}`,
      },
      minSignedPerWindow: {
        value: '0.500000000000000000',
        source: `chain: GET /cosmos/slashing/v1beta1/params (min_signed_per_window) ${AT}`,
      },
      downtimeJailSeconds: {
        value: '1800s', // whole seconds
        source: `chain: GET /cosmos/slashing/v1beta1/params (downtime_jail_duration) ${AT}`,
      },
      slashFractionDowntime: {
        value: '0.000100000000000000',
        source: `chain: GET /cosmos/slashing/v1beta1/params (slash_fraction_downtime) ${AT}`,
      },
      slashFractionDoubleSign: {
        value: '0.050000000000000000',
        source: `chain: GET /cosmos/slashing/v1beta1/params (slash_fraction_double_sign) ${AT}`,
      },
    });
  });

  it('reads each path once, with the request keys of the endpoint functions', async () => {
    const memo = memoReader();
    const requests = standardChainRequests(lcd.url, 'usynt');
    await readStandardChainState(memo, requests, SYNT);
    await readStandardChainState(memo, lcd.url, SYNT);
    expect(memo.keys.sort()).toEqual(
      [
        `GET ${lcd.url}/cosmos/bank/v1beta1/supply/by_denom?denom=usynt`,
        `GET ${lcd.url}/cosmos/staking/v1beta1/pool`,
        `GET ${lcd.url}/cosmos/slashing/v1beta1/params`,
        `GET ${lcd.url}/cosmos/distribution/v1beta1/params`,
        `GET ${lcd.url}/cosmos/base/tendermint/v1beta1/blocks/latest`,
      ].sort(),
    );
    expect(Object.values(lcd.requestCounts())).toEqual([1, 1, 1, 1, 1]);
  });

  it('reads first and judges after: the two steps give the same state', async () => {
    const answers = await readStandardChainAnswers(reader, standardChainRequests(lcd.url, 'usynt'));
    expect(answers.pool.value.pool.bonded_tokens).toBe('504000000000000');
    const state = parseStandardChainState(answers, SYNT);
    expect(state.total.toFixed()).toBe('1000000000');
  });

  it('refuses inconsistent answers with coded errors naming the path', async () => {
    lcd.setState({ supply: [] });
    expect((await codedFailure(readStandardChainState(reader, lcd.url, SYNT))).message).toBe(
      'GET /cosmos/bank/v1beta1/supply/by_denom?denom=usynt reports a total supply of 0 SYNT',
    );
    expect(
      (await codedFailure(readStandardChainState(reader, lcd.url, { denom: 'usynt', decimals: 6 }))).message,
    ).toMatch(/reports a total supply of 0 tokens$/);
    lcd.setState(EXAMPLE_CHAIN_STATE);
    lcd.setState({ pool: { bonded_tokens: '0', not_bonded_tokens: '0' } });
    const nothingBonded = await codedFailure(readStandardChainState(reader, lcd.url, SYNT));
    expect(nothingBonded).toMatchObject({
      code: 'UPSTREAM_INVALID',
      message:
        'GET /cosmos/staking/v1beta1/pool reports 0 SYNT bonded of a 1000000000 SYNT supply; the bonded ratio must be in (0, 1]',
      details: { resource: 'GET /cosmos/staking/v1beta1/pool', reason: 'inconsistent' },
    });
    lcd.setState({ pool: { bonded_tokens: '1000000000000001', not_bonded_tokens: '0' } });
    expect((await codedFailure(readStandardChainState(reader, lcd.url, SYNT))).message).toMatch(
      /reports 1000000000.000001 SYNT bonded of a 1000000000 SYNT supply/,
    );
  });

  it('an unreadable block time is a coded error', () => {
    const answers = {
      requests: standardChainRequests('http://lcd.invalid', 'usynt'),
      supply: served({ amount: { denom: 'usynt', amount: '5' } }),
      pool: served({ pool: { bonded_tokens: '1', not_bonded_tokens: '0' } }),
      slashing: served({ params: EXAMPLE_CHAIN_STATE.slashingParams }),
      distribution: served({
        params: { ...EXAMPLE_CHAIN_STATE.distributionParams },
      }),
      block: served({
        block: { header: { chain_id: 'x', height: '1', time: '2024-02-30T00:00:00Z' } },
        sdk_block: null,
      }),
    };
    expect(() => parseStandardChainState(answers, SYNT)).toThrow(
      expect.objectContaining({
        code: 'UPSTREAM_INVALID',
        message:
          'GET /cosmos/base/tendermint/v1beta1/blocks/latest carries an unreadable block time "2024-02-30T00:00:00Z"',
        details: expect.objectContaining({ reason: 'block-time' }),
      }),
    );
  });

  it('a failed read is the endpoint’s coded error', async () => {
    lcd.setFault(LCD_PATHS.slashingParams, { kind: 'status', status: 500 });
    expect((await codedFailure(readStandardChainState(reader, lcd.url, SYNT))).message).toBe(
      'GET /cosmos/slashing/v1beta1/params answered HTTP 500 (internal error)',
    );
  });

  it('says when the state was fetched and whether any read was stale', async () => {
    const staleReader: UpstreamReader = {
      async read(request) {
        const value = await reader.read(request);
        return { ...value, stale: request.key.endsWith('/pool') };
      },
    };
    const state = await readStandardChainState(staleReader, lcd.url, SYNT);
    expect(readsFreshness(state.reads).stale).toBe(true);
  });
});

function served<T>(value: T, fetchedAt = new Date('2025-01-01T00:00:00Z')): UpstreamValue<T> {
  return { value, fetchedAt, stale: false };
}

describe('helpers', () => {
  it('readsFreshness: the oldest fetch, stale when any is', () => {
    const reads = [served(1, new Date('2025-01-01T00:00:02Z')), served(2, new Date('2025-01-01T00:00:01Z'))];
    expect(readsFreshness(reads)).toEqual({ fetchedAt: new Date('2025-01-01T00:00:01Z'), stale: false });
    expect(readsFreshness([...reads, { ...served(3), stale: true }]).stale).toBe(true);
  });

  it('chainSource and inconsistentAnswer', () => {
    expect(chainSource('GET /x', 'field', 'at block 1 (t)')).toBe('chain: GET /x (field) at block 1 (t)');
    const error = inconsistentAnswer('GET /x', 'reports nonsense', { key: 'k' });
    expect(error).toMatchObject({
      code: 'UPSTREAM_INVALID',
      message: 'GET /x reports nonsense',
      details: { resource: 'GET /x', reason: 'inconsistent', key: 'k' },
    });
    expect(inconsistentAnswer('GET /y', 'mints uosmo', { reason: 'denom' }).details.reason).toBe('denom');
  });

  it('checkChainParameters: a chain value outside the model’s kind is the upstream’s fault, naming the path', () => {
    const schema = defineParameters({
      communityTax: {
        label: 'Community tax',
        description: 'x',
        kind: decimalKind({ min: '0', max: '1', maxExclusive: true }),
      },
      signedBlocksWindow: { label: 'Window', description: 'x', kind: integerKind({ min: 1 }) },
    });
    const source = (field: string) =>
      chainSource('GET /cosmos/slashing/v1beta1/params', field, 'at block 1 (t)');
    expect(() =>
      checkChainParameters(schema, {
        communityTax: {
          value: '0.02',
          source: 'chain: GET /cosmos/distribution/v1beta1/params (community_tax)',
        },
        signedBlocksWindow: { value: '100', source: source('signed_blocks_window') },
      }),
    ).not.toThrow();
    expect(() =>
      checkChainParameters(schema, {
        signedBlocksWindow: { value: '0', source: source('signed_blocks_window') },
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'UPSTREAM_INVALID',
        message: expect.stringMatching(
          /^GET \/cosmos\/slashing\/v1beta1\/params gives signedBlocksWindow = 0, which must be /,
        ),
        details: expect.objectContaining({ key: 'signedBlocksWindow', reason: 'parameter' }),
      }),
    );
    expect(() => checkChainParameters(schema, { communityTax: { value: '1', source: 'a preset' } })).toThrow(
      /^the LCD gives communityTax = 1/,
    );
  });
});
