import { type FakeArbitrum, startFakeArbitrum } from '@tokenomics/adapter-session/testing';
import { SYNTERNET_GENESIS_STATE } from '@tokenomics/adapter-synternet/testing';
import { type FakeLcd, startFakeLcd } from '@tokenomics/cosmos-rest/testing';

/** The loopback fake upstreams of the live scenarios, run in the harness process. */
export interface Upstreams {
  arbitrum: FakeArbitrum;
  lcd: FakeLcd;
  /** The gateway environment that points at them. */
  env: Record<string, string>;
  /** Reads per resource since the last reset: LCD paths, Arbitrum JSON-RPC calls by function (or method). */
  counts(): UpstreamCounts;
  resetCounts(): void;
  close(): Promise<void>;
}

export interface UpstreamCounts {
  /** Cosmos REST GETs by path. */
  lcd: Record<string, number>;
  /** Arbitrum JSON-RPC calls by function name (eth_call) or method. */
  arbitrum: Record<string, number>;
  /** Arbitrum HTTP requests (a JSON-RPC batch is one). */
  arbitrumHttpRequests: number;
}

export async function startUpstreams(): Promise<Upstreams> {
  // The fake LCD knows no protocol: it serves Synternet's genesis state (usynt supply, pool, params).
  const [arbitrum, lcd] = await Promise.all([
    startFakeArbitrum(),
    startFakeLcd({ base: SYNTERNET_GENESIS_STATE }),
  ]);
  return {
    arbitrum,
    lcd,
    env: { SESSION_RPC_URL: arbitrum.url, SYNTERNET_LCD_URL: lcd.url },
    counts() {
      const byCall: Record<string, number> = {};
      for (const call of arbitrum.calls) {
        const name = call.functionName ?? call.method;
        byCall[name] = (byCall[name] ?? 0) + 1;
      }
      return { lcd: { ...lcd.requestCounts() }, arbitrum: byCall, arbitrumHttpRequests: arbitrum.requests };
    },
    resetCounts() {
      arbitrum.resetCounts();
      lcd.resetCounts();
    },
    close: async () => {
      await Promise.all([arbitrum.close(), lcd.close()]);
    },
  };
}

/** The most reads any one resource had. */
export function maxReads(counts: UpstreamCounts): number {
  return Math.max(0, ...Object.values(counts.lcd), ...Object.values(counts.arbitrum));
}
