/** The load generator's worker thread (see load-generator.ts): runs one load and posts its result. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadFromData, type WorkerLoadOptions } from './load-generator';

loadFromData(workerData as WorkerLoadOptions).then(
  (result) => parentPort!.postMessage(result),
  (error: unknown) => {
    throw error;
  },
);
