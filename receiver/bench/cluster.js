// Runs WORKERS receiver processes on one port (node:cluster hands connections out in turn), the
// way `npm run bench:receiver` measures one and two processes. Each worker is the ordinary
// receiver, configured by the environment.
import cluster from 'node:cluster';
import { start } from '../src/receiver.js';

const workers = Number(process.env.WORKERS ?? 1);

if (cluster.isPrimary) {
  for (let i = 0; i < workers; i += 1) cluster.fork();
  const stop = () => {
    for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGTERM');
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  const receiver = await start(process.env);
  // A worker's channel to the primary keeps it alive: leave once the receiver has stopped.
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => receiver.stop(signal).then(() => process.exit(0)));
  }
}
