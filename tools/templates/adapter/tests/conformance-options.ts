import type { ConformanceOptions } from '@tokenomics/core/testing';

/** What the conformance kit checks this adapter over: instants after genesis and what-if overrides. */
export const conformanceOptions: ConformanceOptions = {
  instants: [
    new Date('2025-01-01T00:00:00Z'),
    new Date('2026-06-30T12:00:00Z'),
    new Date('2035-01-01T00:00:00Z'),
  ],
  overrideSets: [
    [{ key: 'treasury', value: '0' }],
    [
      { key: 'supply', value: '21000000' },
      { key: 'treasury', value: '21000000' },
    ],
  ],
};
