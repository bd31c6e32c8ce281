import { describe, expect, it } from 'vitest';
import { bearerMatches } from '../src/bearer.js';

describe('bearerMatches', () => {
  const token = 'metrics-token-0123456789';

  it('accepts exactly "Bearer <token>" (the scheme in any case)', () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
  });

  it.each([
    [undefined],
    [null],
    [''],
    [token],
    ['Bearer'],
    ['Bearer '],
    [`Basic ${token}`],
    [`Bearer ${token}x`],
    [`Bearer ${token.slice(0, -1)}`],
    [`Bearer ${token} extra`],
    [`Bearer  ${token.toUpperCase()}`],
  ])('refuses %j', (header) => {
    expect(bearerMatches(header, token)).toBe(false);
  });

  it('refuses everything when no token is set', () => {
    expect(bearerMatches('Bearer ', '')).toBe(false);
    expect(bearerMatches('Bearer x', '')).toBe(false);
  });
});
