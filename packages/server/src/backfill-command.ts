import { parseArgs } from 'node:util';
import { type HistoryInterval, type HistoryStore, TokenomicsError } from '@tokenomics/core';
import {
  type BackfillResult,
  backfill,
  MAX_BACKFILL_CONCURRENCY,
  openHistoryStore,
} from '@tokenomics/history';
import { SingleBar } from 'cli-progress';
import { createServerAdapters, loadServerConfig } from './config.js';
import { historySettings } from './history.js';

/** The usage of `tokenomics-gateway backfill`. */
export const BACKFILL_USAGE = `  backfill              Fill the history from an archive node (idempotent: a rerun adds nothing)
    --protocol ID       The protocol (a live source whose node keeps past states)
    --from DATE         The first instant (ISO 8601, e.g. 2026-01-01 or 2026-01-01T12:00:00Z)
    --to DATE           The last instant (default: now)
    --interval STEP     HOUR, DAY (default) or WEEK
    --concurrency N     Instants read at once (default 4, at most ${MAX_BACKFILL_CONCURRENCY})
    Exit code: 0 complete, 2 some instants were pruned by the node (the rest is filled), 1 an error.`;

const INTERVALS = ['HOUR', 'DAY', 'WEEK'] as const;

/** Where {@link runBackfillCommand} writes. */
export interface BackfillOutput {
  /** The progress bar and the summary. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** The one-line JSON result (for scripts). */
  stdout: NodeJS.WritableStream;
}

function parseDate(text: string | undefined, flag: string): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `${flag} must be a date (ISO 8601, e.g. 2026-01-01), got ${JSON.stringify(text.slice(0, 40))}`,
    );
  }
  return date;
}

/** The day of an instant (`2026-01-10`), or the minute when it is not midnight UTC. */
function shortInstant(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 16)}Z`;
}

/**
 * The summary of a backfill: what was added, what was already there, and
 * the pruned instants in one message.
 *
 * @example
 * ```ts
 * import { backfillSummary } from '@tokenomics/server';
 *
 * backfillSummary('session', { total: 3, added: 3, skipped: 0, beforeGenesis: 0, pruned: [] });
 * // 'session: 3 instants: 3 added, 0 already there; complete'
 * ```
 */
export function backfillSummary(protocolId: string, result: BackfillResult): string {
  const lines = [
    `${protocolId}: ${result.total} instants: ${result.added} added, ${result.skipped} already there` +
      (result.beforeGenesis > 0 ? `, ${result.beforeGenesis} before the chain's first block` : '') +
      (result.pruned.length === 0 ? '; complete' : ''),
  ];
  if (result.pruned.length > 0) {
    const pruned = [...result.pruned].sort((a, b) => a.at.getTime() - b.at.getTime());
    const heights = pruned.map((p) => p.height).filter((h): h is bigint => h !== null);
    const newest = heights.reduce<bigint | null>((max, h) => (max === null || h > max ? h : max), null);
    const first = shortInstant(pruned[0]!.at);
    const last = shortInstant(pruned.at(-1)!.at);
    const span = pruned.length === 1 ? `(${first})` : `(${first} … ${last})`;
    lines.push(
      `the node has pruned heights${newest === null ? '' : ` below ${newest + 1n}`}: ${pruned.length} instant${pruned.length === 1 ? '' : 's'} could not be read ${span}; the rest is filled`,
    );
  }
  return lines.join('\n');
}

/**
 * `tokenomics-gateway backfill`: reads the configuration (the protocols, the
 * history store), fills the protocol's history from its archive node through
 * `@tokenomics/history`'s `backfill`, with a progress bar on a terminal (a
 * line per ~10 % otherwise), and prints the summary. Resolves the exit code:
 * 0 complete, 2 when some instants were pruned, 1 on other errors (thrown).
 *
 * @throws TokenomicsError BAD_INPUT for the arguments, NOT_FOUND for an unknown protocol, NOT_SUPPORTED without archive access, CONFIGURATION for the store
 * @example
 * ```ts
 * import { runBackfillCommand } from '@tokenomics/server';
 *
 * const code = await runBackfillCommand(['--protocol', 'session', '--from', '2026-01-01'], process.env, {
 *   stderr: process.stderr,
 *   stdout: process.stdout,
 * });
 * process.exitCode = code;
 * ```
 */
export async function runBackfillCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  output: BackfillOutput,
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      protocol: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      interval: { type: 'string', default: 'DAY' },
      concurrency: { type: 'string' },
    },
  });
  if (!values.protocol) throw new TokenomicsError('BAD_INPUT', 'backfill needs --protocol <id>');
  const from = parseDate(values.from, '--from');
  if (from === undefined) throw new TokenomicsError('BAD_INPUT', 'backfill needs --from <date>');
  const to = parseDate(values.to, '--to') ?? new Date();
  const interval = values.interval.toUpperCase();
  if (!(INTERVALS as readonly string[]).includes(interval)) {
    throw new TokenomicsError('BAD_INPUT', `--interval must be one of ${INTERVALS.join(', ')}`);
  }
  let concurrency: number | undefined;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!/^\d+$/.test(values.concurrency) || concurrency < 1 || concurrency > MAX_BACKFILL_CONCURRENCY) {
      throw new TokenomicsError(
        'BAD_INPUT',
        `--concurrency must be an integer from 1 to ${MAX_BACKFILL_CONCURRENCY}`,
      );
    }
  }

  const config = loadServerConfig({ env });
  const settings = historySettings(config, env);
  const economies = await createServerAdapters(config, env);
  const economy = economies.find((candidate) => candidate.id === values.protocol);
  if (!economy) {
    throw new TokenomicsError(
      'NOT_FOUND',
      `no protocol "${values.protocol}" is configured (configured: ${economies.map((e) => e.id).join(', ')})`,
    );
  }
  const history = economy.history;
  if (!history?.head || !history.blockAt || !history.observeAt) {
    throw new TokenomicsError(
      'NOT_SUPPORTED',
      `protocol "${economy.id}" has no archive access: backfill reads past blocks from a live source (${
        history
          ? 'this source cannot read blocks by height'
          : `its source is a snapshot (preset ${economy.preset}); configure its live endpoint, an archive node`
      })`,
    );
  }

  let store: HistoryStore;
  try {
    store = await openHistoryStore(
      settings.databaseUrl ? { databaseUrl: settings.databaseUrl } : { dataDir: settings.dataDir },
    );
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(
      /postgres(ql)?:\/\/[^\s'"]*/g,
      '[DATABASE_URL]',
    );
    throw new TokenomicsError('CONFIGURATION', `the history store cannot be opened: ${reason}`, {
      cause: error,
    });
  }

  const tty = output.stderr.isTTY === true;
  const bar = tty
    ? new SingleBar({
        stream: output.stderr,
        format: `${economy.id} [{bar}] {percentage}% | {value}/{total} instants | ETA {eta_formatted}`,
        hideCursor: true,
      })
    : null;
  let started = false;
  let lastTenth = -1;
  const controller = new AbortController();
  const abort = () =>
    controller.abort(new TokenomicsError('BAD_INPUT', 'backfill interrupted (rerun to resume)'));
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  try {
    const result = await backfill({
      store,
      protocolId: economy.id,
      history,
      from,
      to,
      interval: interval as HistoryInterval,
      ...(concurrency === undefined ? {} : { concurrency }),
      signal: controller.signal,
      onProgress(done, total) {
        if (bar) {
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
          return;
        }
        const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          output.stderr.write(
            `${economy.id}: ${done}/${total} instants (${Math.round((done * 100) / Math.max(total, 1))}%)\n`,
          );
        }
      },
    });
    bar?.stop();
    output.stderr.write(`${backfillSummary(economy.id, result)}\n`);
    output.stdout.write(
      `${JSON.stringify({
        protocol: economy.id,
        total: result.total,
        added: result.added,
        skipped: result.skipped,
        beforeGenesis: result.beforeGenesis,
        pruned: result.pruned.map((p) => ({ at: p.at.toISOString(), height: p.height?.toString() ?? null })),
      })}\n`,
    );
    return result.pruned.length > 0 ? 2 : 0;
  } finally {
    bar?.stop();
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
    await store.close();
  }
}
