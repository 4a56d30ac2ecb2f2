/** The load generator's worker thread (see LoadWorker in load-generator.ts): runs a load per message and posts its result. */
import { parentPort, workerData } from 'node:worker_threads';
import { serveLoads, type WorkerLoadSetup } from './load-generator';

serveLoads(workerData as WorkerLoadSetup, parentPort!);
