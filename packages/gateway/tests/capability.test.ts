import { type TokenEconomy, TokenomicsError } from '@tokenomics/core';
import { exampleEconomy } from '@tokenomics/core/testing';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../src/index.js';
import { whenCapable } from '../src/schema/capability.js';
import { post } from './fixtures.js';

const now = () => new Date('2026-01-01T00:00:00Z');

describe('whenCapable (the one helper of capability-gated fields)', () => {
  it('answers the absent value at once, without calling anything, when the protocol lacks the method', () => {
    const economy = exampleEconomy({ id: 'bare', only: [] });
    let called = false;
    const answer = whenCapable(economy, 'supply', null, () => {
      called = true;
      return 'never';
    });
    expect(answer).toBeNull();
    expect(called).toBe(false);
    expect(whenCapable(economy, 'fees', [], () => ['never'])).toEqual([]);
  });

  it("runs the protocol's own method when it has it", async () => {
    const economy = exampleEconomy({ id: 'full' });
    const supply = await whenCapable(economy, 'supply', null, (read) => read({}));
    expect(supply?.total.toFixed()).toBe('1000');
    expect(supply?.circulating.toFixed()).toBe('750');
    const flows = await whenCapable(economy, 'flows', [], (read) => [...read()]);
    expect(flows.length).toBeGreaterThan(0);
  });

  it('turns what the method throws into a coded GraphQL error naming the protocol', async () => {
    const economy = exampleEconomy({ id: 'failing' });
    const failing = whenCapable(economy, 'supply', null, () => {
      throw new TokenomicsError('BAD_INPUT', 'no such instant');
    });
    await expect(failing).rejects.toBeInstanceOf(GraphQLError);
    await expect(failing).rejects.toMatchObject({
      message: 'no such instant',
      extensions: { code: 'BAD_INPUT', protocol: 'failing' },
    });
  });

  it('codes a failing flows() with the protocol it comes from', async () => {
    // Before the helper, flows() was called bare: its error reached the client uncoded by protocol.
    const good = exampleEconomy({ id: 'good' });
    const base = exampleEconomy({ id: 'bad' });
    const bad: TokenEconomy = {
      ...base,
      flows: () => {
        throw new TokenomicsError('UPSTREAM_UNAVAILABLE', 'flows unavailable');
      },
    };
    const gateway = createGateway({ adapters: [good, bad], now });
    const { body } = await post(gateway, '{ protocols { id flows { key } } }');
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      message: 'flows unavailable',
      path: ['protocols', 1, 'flows'],
      extensions: { code: 'UPSTREAM_UNAVAILABLE', protocol: 'bad' },
    });
    expect(body.data).toBeNull();
  });
});
