/** `npm run doctor`: the same settings as `npm start` (environment, then .env), every check, exit 0 only when none failed. */
import fs from 'node:fs';
import { formatReport } from './format-report';
import { diagnoseSettings } from './run-doctor';

async function main(): Promise<void> {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const report = await diagnoseSettings();
  process.stdout.write(formatReport(report));
  // Exit now: keep-alive sockets to Entra and Graph would otherwise hold the process open.
  process.exit(report.ok ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`The doctor itself failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
