import { isTokenomicsError } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { historyInstants } from './history-instants.js';

const at = (iso: string) => new Date(iso);

describe('historyInstants', () => {
  it('steps by hour, day and week from `from`, never past `to`', () => {
    expect(
      historyInstants(at('2026-01-01T00:00Z'), at('2026-01-01T02:30Z'), 'HOUR').map((d) => d.toISOString()),
    ).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z']);
    expect(historyInstants(at('2026-01-01Z'), at('2026-01-03Z'), 'DAY')).toHaveLength(3);
    expect(historyInstants(at('2026-01-01Z'), at('2026-01-21Z'), 'WEEK').map((d) => d.toISOString())).toEqual(
      ['2026-01-01T00:00:00.000Z', '2026-01-08T00:00:00.000Z', '2026-01-15T00:00:00.000Z'],
    );
    expect(historyInstants(at('2026-01-01Z'), at('2026-01-01Z'), 'DAY')).toHaveLength(1);
  });

  it('refuses a reversed range and too many steps', () => {
    const reversed = (() => {
      try {
        historyInstants(at('2026-02-01Z'), at('2026-01-01Z'), 'DAY');
      } catch (error) {
        return error;
      }
    })();
    expect(isTokenomicsError(reversed) && reversed.code).toBe('BAD_INPUT');
    const tooMany = (() => {
      try {
        historyInstants(at('2026-01-01Z'), at('2027-01-01Z'), 'HOUR', 100);
      } catch (error) {
        return error;
      }
    })();
    expect(isTokenomicsError(tooMany) && tooMany.code).toBe('LIMIT_EXCEEDED');
    expect(historyInstants(at('2026-01-01Z'), at('2026-01-05Z'), 'DAY', 5)).toHaveLength(5);
  });
});
