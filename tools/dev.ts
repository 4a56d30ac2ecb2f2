/**
 * `npm run dev`: Token Guard on this machine with no tenant and no secrets. Starts the local
 * simulator (Entra ID, Intune Graph with seeded profiles, Bot Framework channel), the bot wired to
 * it, and the M365 Agents Playground as Alice, plus a second browser seat on the same Playground
 * as Bruno, the other approver (`-- --as NAME` picks other seats). Prints the URLs and who is who;
 * Ctrl-C stops all of it.
 */
import path from 'node:path';
import { startDevEnvironment } from './dev/dev-environment';
import { DEV_CONVERSATIONS, DEV_PEOPLE, devPerson, type DevPerson } from './dev/playground-config';

const USAGE = `npm run dev [-- --user NAME] [-- --as NAME ...]
  --user NAME   who the Playground itself acts as (default alice)
  --as NAME     an extra browser seat acting as NAME (repeatable; default bruno)
  people: ${DEV_PEOPLE.map((p) => p.key).join(', ')}
  ports: PORT (bot, 3978), SIMULATOR_PORT (56200), PLAYGROUND_PORT (56150; seats use the next ones)`;

export function parseDevArguments(argv: string[]): { mainPerson: DevPerson; seatPeople: DevPerson[] } {
  let mainPerson = devPerson('alice');
  const seats: DevPerson[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag === '--as' || flag === '--user') && value) {
      if (flag === '--as') seats.push(devPerson(value));
      else mainPerson = devPerson(value);
      i++;
    } else {
      throw new Error(`Unexpected argument "${flag}".\n${USAGE}`);
    }
  }
  const seatPeople = (seats.length ? seats : [devPerson(mainPerson.key === 'bruno' ? 'alice' : 'bruno')]).filter(
    (p, i, all) => p.key !== mainPerson.key && all.findIndex((q) => q.key === p.key) === i,
  );
  return { mainPerson, seatPeople };
}

async function main(): Promise<void> {
  const { mainPerson, seatPeople } = parseDevArguments(process.argv.slice(2));
  const botPort = Number(process.env.PORT ?? 3978);
  const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
  process.stdout.write('Starting the simulator, the bot and the M365 Agents Playground…\n');
  const env = await startDevEnvironment({
    botPort,
    simulatorPort: Number(process.env.SIMULATOR_PORT ?? 56200),
    playgroundPort,
    mainPerson,
    seats: seatPeople.map((person, i) => ({ person, port: playgroundPort + 1 + i })),
    dataDir: process.env.DATA_DIR ?? path.resolve('data', 'dev'),
    certDir: path.resolve('.simulator'),
    playgroundDir: path.resolve('.playground'),
    botOutput: 'inherit',
  });

  const seatLine = (who: DevPerson, url: string) => `  ${who.name.padEnd(16)} ${url}`;
  const people = DEV_PEOPLE.map((p) => `  ${p.name.padEnd(16)} ${p.role.padEnd(44)} ${p.aadObjectId}`).join('\n');
  const c = DEV_CONVERSATIONS;
  process.stdout.write(
    `\nToken Guard (local development: no tenant, authentication OFF, everything on 127.0.0.1)\n\n` +
      `Open in a browser, one tab per person (both are the same Playground, seen by different people):\n` +
      `${seatLine(mainPerson, env.playground.url)}\n` +
      `${env.seats.map((s) => seatLine(s.person, s.url)).join('\n')}\n\n` +
      `Try: in "${c.team.name}" → "${c.team.approvalsChannel.name}" (or "${c.groupChat.name}"), type\n` +
      `  @Token Guard revoke "Kiosk Lisbon" QR code photographed by a visitor\n` +
      `then approve on the card in the other person's tab. Personal chat: just "help".\n\n` +
      `Who is who (Entra object ids of the simulated tenant ${env.simulator.tenantId}):\n${people}\n\n` +
      `  bot        ${env.botEndpoint}\n` +
      `  simulator  ${env.simulator.baseUrl} (Entra, Intune Graph, Bot Framework channel)\n\n` +
      `Ctrl-C stops everything.\n\n`,
  );

  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping…\n');
    void env.stop().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  void env.botExited.then((code) => {
    if (!stopping) process.stderr.write(`The bot stopped (code ${code}); stopping the rest.\n`);
    stop(stopping ? 0 : (code ?? 1));
  });
  void env.playground.exited.then((code) => {
    if (!stopping) process.stderr.write(`The Playground stopped (code ${code}); see ${env.playground.logFile}. Stopping the rest.\n`);
    stop(stopping ? 0 : 1);
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`npm run dev failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
