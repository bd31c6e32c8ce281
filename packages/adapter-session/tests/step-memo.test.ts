/**
 * Supply and rewards are kept per day and lockup phase (figures.ts, atStep):
 * an answer at a new instant of a day already computed must be the answer
 * computed from scratch, to the last digit and word.
 */
import { Decimal, type Rewards, type Supply } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { SESSION_PRESET_NAMES, sessionAdapter } from '../src/index.js';
import { DAY_MS, TGE } from './helpers.js';

/** A deterministic pseudo-random sequence (a linear congruential generator). */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Every Decimal written out, so two answers compare digit for digit. */
const text = (value: Supply | Rewards) =>
  JSON.stringify(value, (_key, v) => (v instanceof Decimal ? `D${v.toFixed()}` : v));

/** Instants of a few hundred days from before the TGE to 30 years on, several per day, with month ends (tranches). */
function instantsOf(seed: number): Date[] {
  const next = sequence(seed);
  const instants: Date[] = [];
  for (let i = 0; i < 120; i++) {
    const dayStart = TGE.getTime() + Math.floor(next() * 30 * 365 - 30) * DAY_MS;
    for (let j = 0; j < 3; j++) instants.push(new Date(dayStart + Math.floor(next() * DAY_MS)));
  }
  for (let month = 0; month <= 40; month++) {
    const boundary = new Date(TGE);
    boundary.setUTCMonth(boundary.getUTCMonth() + month);
    instants.push(new Date(boundary.getTime() - 1), boundary, new Date(boundary.getTime() + 3_600_000));
  }
  return instants;
}

describe('Session answers kept per day and lockup phase', () => {
  it.each(SESSION_PRESET_NAMES)(
    'preset %s: supply and rewards at 480 instants equal fresh ones',
    async (preset) => {
      const kept = sessionAdapter({ preset });
      const commission = new Decimal('0.05');
      for (const at of instantsOf(preset.length)) {
        // A new economy has new models: nothing kept.
        const fresh = sessionAdapter({ preset });
        const supply = await kept.supply!({ at }).catch((error: Error) => error);
        const expected = await fresh.supply!({ at }).catch((error: Error) => error);
        if (expected instanceof Error) {
          expect((supply as Error).message).toBe(expected.message);
          continue;
        }
        expect(text(supply as Supply)).toBe(text(expected));
        expect((supply as Supply).at).toEqual(at);
        for (const query of [{ at }, { at, commission }]) {
          const rewards = await kept.rewards!(query);
          expect(text(rewards)).toBe(text(await fresh.rewards!(query)));
          expect(rewards.at).toEqual(at);
        }
      }
    },
  );
});
