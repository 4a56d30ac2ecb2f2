/**
 * Child process for the multi-process test: increments a counter kept in a request's JSON
 * `rounds` times by compare-and-set, and prints how many of its writes won.
 * Usage: node cas-worker.js <dataDir> <requestId> <rounds>
 */
import { openSqliteStorage } from '../../../src/storage/open-sqlite-storage';

async function main(): Promise<void> {
  const [dataDir, requestId, rounds] = process.argv.slice(2);
  const storage = openSqliteStorage(dataDir);
  let wins = 0;
  let losses = 0;
  for (let i = 0; i < Number(rounds); i++) {
    const current = (await storage.requests.get(requestId))!;
    const counter = Number(current.justification);
    const next = { ...current, version: current.version + 1, justification: String(counter + 1) };
    if (await storage.requests.replace(next, current.version)) wins++;
    else losses++;
  }
  storage.close();
  process.stdout.write(JSON.stringify({ wins, losses }));
}

main().catch((error) => {
  process.stderr.write(String(error));
  process.exit(1);
});
