import { repositoryRoot, sourceViolation } from '@tokenomics/core/testing';
import { createGateway } from '@tokenomics/gateway';
import { describe, expect, it } from 'vitest';
import { post, type ResponseBody } from '../../gateway/tests/fixtures.js';
import { createAdapters } from './server-config.js';

/**
 * Every `source` the API serves can be followed by a user (MODEL.md, second
 * edition): a public URL or a file this repository contains, never a file it
 * does not ship. Checked over the whole answer, for every built-in preset.
 */
const QUERY = `{ protocols {
  id
  parameters { key source }
  supply(at: "2027-01-01T00:00:00Z") {
    buckets { key source }
    max: derivation(figure: MAX) { source }
    total: derivation(figure: TOTAL) { source }
    circulating: derivation(figure: CIRCULATING) { source }
    staked: derivation(figure: STAKED) { source }
    liquid: derivation(figure: LIQUID) { source }
  }
  rewards(at: "2027-01-01T00:00:00Z") { derivation { source } }
  fees { key parameters { key source } }
  penalties { key parameters { key source } }
  unlocks { bucket source }
} }`;

/** Every string under a `source` key of an answer, with where it stands. */
function sources(value: unknown, path: string, found: Array<[string, string]>): Array<[string, string]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) sources(item, `${path}[${i}]`, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'source' && typeof item === 'string') found.push([path, item]);
      else sources(item, `${path}.${key}`, found);
    }
  }
  return found;
}

const PRESETS = [
  { session: 'seed', synternet: 'seed' },
  { session: 'tge-2025-05-21', synternet: 'chain-2025' },
];

describe('every served source can be followed', () => {
  const root = repositoryRoot();

  it('finds the repository root, and the rule refuses a missing file and a shared/ reference', () => {
    expect(root).not.toBeNull();
    expect(sourceViolation('docs/methodology/session.md#pool-release', root)).toBeNull();
    expect(sourceViolation('docs/methodology/nowhere.md', root)).toMatch(/does not contain/);
    expect(sourceViolation('MODEL.md, Rewards', root)).toMatch(/does not ship/);
  });

  it.each(PRESETS)(
    'session $session, synternet $synternet: every source is a URL or a repository file',
    async (presets) => {
      const adapters = await createAdapters({
        baseDir: process.cwd(),
        protocols: [
          { adapter: '@tokenomics/adapter-session', options: { preset: presets.session } },
          { adapter: '@tokenomics/adapter-synternet', options: { preset: presets.synternet } },
        ],
      });
      const gateway = createGateway({ adapters, now: () => new Date('2026-06-01T00:00:00Z') });
      const { body } = await post(gateway, QUERY);
      expect(body.errors).toBeUndefined();
      const found = sources(body.data as ResponseBody, 'data', []);
      // Parameters, buckets, derivations, fee and penalty parameters, unlocks: many of each.
      expect(found.length).toBeGreaterThan(60);
      const problems = found.flatMap(([path, source]) => {
        const problem = sourceViolation(source, root);
        return problem ? [`${path}: "${source}" ${problem}`] : [];
      });
      expect(problems).toEqual([]);
    },
  );
});
