/**
 * The gateway on every core: a node:cluster primary that forks N workers, each
 * running the gateway's own CLI (`packages/server/dist/cli.js serve`). The
 * workers' `listen(PORT)` calls share one listening socket owned by the
 * primary, which hands connections out round-robin (Node's default on Linux).
 *
 * This is the measuring stand-in for a `--workers N` flag of the gateway CLI
 * (see bench/README.md). Usage: `node --import tsx src/cluster-gateway.ts --workers N`
 * with the gateway's usual environment (PORT, HOST, NODE_ENV, …). Prints
 * `ready N` once every worker listens.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { gatewayCliPath } from './lib/paths.js';

const { values } = parseArgs({ options: { workers: { type: 'string' } } });
const count = Math.max(1, Number(values.workers ?? availableParallelism()) || 1);

cluster.setupPrimary({ exec: gatewayCliPath(), args: ['serve'], execArgv: [], silent: false });

let listening = 0;
let stopping = false;
const workers: Worker[] = [];
for (let i = 0; i < count; i++) {
  const worker = cluster.fork();
  workers.push(worker);
  worker.on('listening', () => {
    listening += 1;
    if (listening === count) process.stdout.write(`ready ${count}\n`);
  });
}
cluster.on('exit', (worker, code, signal) => {
  if (stopping) return;
  process.stderr.write(
    `cluster-gateway: worker ${worker.process.pid} exited (${signal ?? code}); stopping\n`,
  );
  stop(1);
});

function stop(exitCode: number): void {
  if (stopping) return;
  stopping = true;
  const alive = workers.filter((worker) => !worker.isDead());
  if (alive.length === 0) process.exit(exitCode);
  let left = alive.length;
  for (const worker of alive) {
    worker.once('exit', () => {
      left -= 1;
      if (left === 0) process.exit(exitCode);
    });
    worker.process.kill('SIGTERM');
  }
  setTimeout(() => {
    for (const worker of alive) if (!worker.isDead()) worker.process.kill('SIGKILL');
    process.exit(exitCode);
  }, 5_000).unref();
}
process.once('SIGTERM', () => stop(0));
process.once('SIGINT', () => stop(0));
