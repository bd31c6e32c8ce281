import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adapter as session } from '@tokenomics/adapter-session';
import { type FakeArbitrum, startFakeArbitrum } from '@tokenomics/adapter-session/testing';
import { adapter as synternet } from '@tokenomics/adapter-synternet';
import { createGateway, createLogger } from '@tokenomics/gateway';
import {
  createRecorder,
  createUpdateBus,
  embeddedHistoryStore,
  type Recorder,
  type UpdateBus,
} from '@tokenomics/history';

type TokenEconomy = ReturnType<typeof session.create>;
type HistoryStore = Awaited<ReturnType<typeof embeddedHistoryStore>>;

/** A gateway on loopback serving the explorer at `/` and GraphQL at `/graphql`. */
export interface ExplorerGateway {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `http://127.0.0.1:<port>/graphql` */
  graphqlUrl: string;
  close(): Promise<void>;
}

/** An economy from an adapter's descriptor, as the server's configuration loads it. */
function economy<Options>(
  descriptor: {
    id: string;
    optionsSchema: { safeParse(data: unknown): { success: boolean; data?: Options; error?: unknown } };
    create(options: Options): TokenEconomy;
  },
  options: Record<string, unknown>,
): TokenEconomy {
  const parsed = descriptor.optionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`${descriptor.id}: bad options: ${String(parsed.error)}`);
  return descriptor.create(parsed.data as Options);
}

/**
 * The one place the explorer's tests build a gateway: the Session and Synternet economies (snapshot
 * presets, no network; Session's TGE preset, whose lockups schedule unlocks for the chart to mark)
 * with the built explorer at `/` (`siteDir`), on 127.0.0.1 at a free port.
 */
export async function startGateway(siteDir: string): Promise<ExplorerGateway> {
  const gateway = createGateway({
    adapters: [economy(session, { preset: 'tge-2025-05-21' }), economy(synternet, {})],
    site: { dir: siteDir },
    logger: createLogger('silent'),
    drainGraceMs: 0,
  });
  const running = await gateway.listen(0, '127.0.0.1');
  return {
    origin: new URL(running.url).origin,
    graphqlUrl: running.url,
    async close() {
      await running.close();
      await gateway.close();
    },
  };
}

/** A gateway whose Session reads a fake Arbitrum, with recorded history and an update bus. */
export interface LiveExplorerGateway extends ExplorerGateway {
  /** The fake chain Session reads (one block a day, the head a few days back). */
  chain: FakeArbitrum;
  /** The live Session economy the gateway serves (id `session`). */
  session: TokenEconomy;
  /** The embedded history store (PGlite in a temporary folder). */
  store: HistoryStore;
  /** The bus `protocolUpdated` hears; publish on it to send an event. */
  bus: UpdateBus;
  /**
   * The recorder as the server runs it, without timers: `sampleOnce()` reads the chain through the
   * gateway's cached reads, stores a new height and publishes on the bus when the figures changed.
   */
  recorder: Recorder;
  /** `protocolUpdated` subscriptions open on the gateway now. */
  listeners(id: string): number;
}

/**
 * A gateway on loopback with Session live on a fake Arbitrum (one block a day, starting 30 days ago),
 * Synternet from its snapshot, the embedded history store in a temporary folder (`history`), an
 * in-process update bus (`updates`) whose open subscriptions are counted, and a recorder (sampled by
 * the test). Reads are cached 1 s, so
 * an event after the chain advances answers the new block.
 */
export async function startLiveGateway(siteDir: string): Promise<LiveExplorerGateway> {
  const chain = await startFakeArbitrum({
    blockSeconds: 86_400,
    startTime: Math.floor(Date.now() / 1000) - 30 * 86_400,
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'explorer-history-'));
  const store = await embeddedHistoryStore({ dataDir });
  const bus = createUpdateBus();
  const open = new Map<string, number>();
  const sessionEconomy = economy(session, { preset: 'tge-2025-05-21', live: { rpcUrl: chain.url } });
  const gateway = createGateway({
    adapters: [sessionEconomy, economy(synternet, {})],
    site: { dir: siteDir },
    history: store,
    updates: {
      subscribe(id) {
        const updates = bus.subscribe(id);
        return {
          async *[Symbol.asyncIterator]() {
            open.set(id, (open.get(id) ?? 0) + 1);
            try {
              yield* updates;
            } finally {
              open.set(id, (open.get(id) ?? 1) - 1);
              await updates.return?.();
            }
          },
        };
      },
    },
    cacheTtlSeconds: 1,
    logger: createLogger('silent'),
    drainGraceMs: 0,
  });
  const running = await gateway.listen(0, '127.0.0.1');
  const recorder = createRecorder({
    store,
    protocols: [{ id: sessionEconomy.id, history: sessionEconomy.history }],
    context: () => gateway.economyContext(),
    onObservation: (id, observation, changed) => {
      if (changed)
        bus.publish(id, { height: observation.height.toString(), at: observation.at.toISOString() });
    },
    start: false,
  });
  return {
    origin: new URL(running.url).origin,
    graphqlUrl: running.url,
    chain,
    session: sessionEconomy,
    store,
    bus,
    recorder,
    listeners: (id) => open.get(id) ?? 0,
    async close() {
      await recorder.stop();
      await running.close();
      await gateway.close();
      await bus.close();
      await store.close();
      await chain.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
