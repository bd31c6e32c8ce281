import { createDirectReader, Decimal } from '@tokenomics/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkNonCirculatingHoldings,
  configuredHoldings,
  holdingBucket,
  holdingRequests,
  isChainAddress,
  MAX_NON_CIRCULATING_HOLDINGS,
  readHoldings,
} from '../src/index.js';
import { type FakeLcd, startFakeLcd } from '../src/testing/index.js';
import { EXAMPLE_CHAIN_STATE } from './example-chain.js';

const TREASURY = 'synt1nwhx5p30n9xw88czjq4j45tuz53qw50yllrg5d';
const MODERATOR = 'synt1m8kdtcvhx4pdndxfwsn2az52sxyq09mfexfxgs';
/** A 32-byte (module or contract) account. */
const CONTRACT = 'synt1qurswpc8qurswpc8qurswpc8qurswpc8qurswpc8qurswpc8qurs22t9jw';
const rules = { prefix: 'synt', decimals: 6, requireAmount: false, reserved: [TREASURY] };

function configurationMessage(input: unknown, overrides: Partial<typeof rules> = {}): string {
  try {
    checkNonCirculatingHoldings(input, { ...rules, ...overrides });
  } catch (error) {
    expect(error).toMatchObject({ code: 'CONFIGURATION' });
    return (error as Error).message;
  }
  throw new Error('expected a CONFIGURATION error');
}

describe('isChainAddress (bech32, the chain’s prefix, 20 or 32 bytes)', () => {
  it('takes valid accounts of the chain, and nothing else', () => {
    expect(isChainAddress(MODERATOR, 'synt')).toBe(true);
    expect(isChainAddress(CONTRACT, 'synt')).toBe(true);
    expect(isChainAddress('cosmos1m8kdtcvhx4pdndxfwsn2az52sxyq09mfkp6tvc', 'cosmos')).toBe(true);
    expect(isChainAddress('cosmos1m8kdtcvhx4pdndxfwsn2az52sxyq09mfkp6tvc', 'synt')).toBe(false);
    expect(isChainAddress(`${MODERATOR.slice(0, -1)}h`, 'synt')).toBe(false); // checksum
    expect(isChainAddress(MODERATOR.toUpperCase(), 'synt')).toBe(false); // the LCD path is lowercase
    expect(isChainAddress('synt1qyqszqgpqyqszqgpl3gcux', 'synt')).toBe(false); // valid bech32 of 10 bytes
    expect(isChainAddress('synt1', 'synt')).toBe(false);
    expect(isChainAddress('synt1../../cosmos/bank/v1beta1/supply', 'synt')).toBe(false);
  });
});

describe('checkNonCirculatingHoldings', () => {
  it('checks and parses each holding; none is an empty list', () => {
    expect(checkNonCirculatingHoldings(undefined, rules)).toEqual([]);
    const [holding] = checkNonCirculatingHoldings(
      [{ address: MODERATOR, label: 'Billing moderator', amount: '100000800.5' }],
      rules,
    );
    expect(holding).toEqual({
      address: MODERATOR,
      label: 'Billing moderator',
      amount: new Decimal('100000800.5'),
    });
    expect(
      checkNonCirculatingHoldings([{ address: CONTRACT, label: 'Vesting' }], rules)[0]?.amount,
    ).toBeNull();
  });

  it.each<[string, unknown, RegExp]>([
    ['a non-list', {}, /option "nonCirculating" must be a list/],
    ['a non-object entry', ['synt1'], /nonCirculating\[0\] must be \{ "address", "label", "amount"\? \}/],
    [
      'a bad address',
      [{ address: 'synt1x', label: 'x' }],
      /nonCirculating\[0\]\.address must be a synt1… account address/,
    ],
    ['the treasury', [{ address: TREASURY, label: 'x' }], /is the treasury, already out of circulation/],
    [
      'a duplicate',
      [
        { address: MODERATOR, label: 'a' },
        { address: MODERATOR, label: 'b' },
      ],
      /nonCirculating\[1\]\.address .* is listed twice/,
    ],
    [
      'a blank label',
      [{ address: MODERATOR, label: ' ' }],
      /label must be a line of text of 1–80 characters/,
    ],
    ['a control character', [{ address: MODERATOR, label: 'a\nb' }], /label must be a line of text/],
    ['a long label', [{ address: MODERATOR, label: 'x'.repeat(81) }], /label must be a line of text/],
    [
      'a number amount',
      [{ address: MODERATOR, label: 'x', amount: 5 }],
      /amount must be a decimal string, got 5/,
    ],
    [
      'a text amount',
      [{ address: MODERATOR, label: 'x', amount: 'five' }],
      /amount must be a decimal string/,
    ],
    [
      'a huge amount',
      [{ address: MODERATOR, label: 'x', amount: '1e30' }],
      /amount must be a decimal ≥ 0 below 10\^30/,
    ],
    ['an unknown field', [{ address: MODERATOR, label: 'x', note: '' }], /unknown field\(s\) note/],
  ])('refuses %s', (_what, input, message) => {
    expect(configurationMessage(input)).toMatch(message);
  });

  it('needs an amount for a snapshot, and bounds the list', () => {
    expect(configurationMessage([{ address: MODERATOR, label: 'x' }], { requireAmount: true })).toMatch(
      /nonCirculating\[0\]\.amount is required for a snapshot/,
    );
    const many = Array.from({ length: MAX_NON_CIRCULATING_HOLDINGS + 1 }, () => ({
      address: MODERATOR,
      label: 'x',
    }));
    expect(configurationMessage(many)).toMatch(/lists 17 holdings; at most 16/);
  });
});

describe('holdings read through the reader from the fake LCD', () => {
  let lcd: FakeLcd;
  beforeAll(async () => {
    lcd = await startFakeLcd({
      base: EXAMPLE_CHAIN_STATE,
      state: {
        balances: {
          [MODERATOR]: [
            { denom: 'uother', amount: '5' },
            { denom: 'usynt', amount: '100000800000000' },
          ],
        },
      },
    });
  });
  afterAll(() => lcd.close());

  it('reads each balance of the denom, with a chain: source; an account without one holds 0', async () => {
    const holdings = checkNonCirculatingHoldings(
      [
        { address: MODERATOR, label: 'Billing moderator' },
        { address: CONTRACT, label: 'Vesting' },
      ],
      rules,
    );
    const requests = holdingRequests(lcd.url, holdings);
    const reader = createDirectReader({ timeoutMs: 5_000 });
    const answers = await Promise.all(requests.map((request) => reader.read(request)));
    const held = readHoldings(holdings, requests, answers, { denom: 'usynt', decimals: 6 }, 'at block 7 (t)');
    expect(held.map((holding) => [holding.label, holding.amount.toFixed(), holding.source])).toEqual([
      [
        'Billing moderator',
        '100000800',
        `chain: GET /cosmos/bank/v1beta1/balances/${MODERATOR} (usynt ÷ 10^6) at block 7 (t)`,
      ],
      ['Vesting', '0', `chain: GET /cosmos/bank/v1beta1/balances/${CONTRACT} (usynt ÷ 10^6) at block 7 (t)`],
    ]);
  });

  it('a snapshot’s holdings carry a configuration: source; a bucket says what staking took from it', () => {
    const [held] = configuredHoldings(
      checkNonCirculatingHoldings([{ address: MODERATOR, label: 'Billing moderator', amount: '10' }], rules),
    );
    expect(held?.source).toBe(
      `configuration: nonCirculating "Billing moderator" (${MODERATOR}), amount as configured`,
    );
    expect(holdingBucket(held!, new Decimal(0), 'docs/x.md#y')).toEqual({
      key: `held-${MODERATOR}`,
      label: `Billing moderator (${MODERATOR})`,
      amount: new Decimal(10),
      circulating: false,
      source: held!.source,
    });
    const taken = holdingBucket(held!, new Decimal(4), 'docs/x.md#y');
    expect([taken.amount.toFixed(), taken.source]).toEqual([
      '6',
      `${held!.source}; less 4 counted as staked beyond the circulating supply (docs/x.md#y)`,
    ]);
  });
});
