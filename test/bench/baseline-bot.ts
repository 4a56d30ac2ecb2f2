/**
 * The bench's baseline: the least a botbuilder bot can do per turn on this machine. A bare
 * CloudAdapter behind the same restify, authenticated exactly like Token Guard (same settings,
 * same botbuilder authentication, same private-authority MSAL client), that echoes a message with
 * one reply to the connector and answers an invoke with a fixed message. No storage, no Graph.
 * Run as its own process: `node baseline-bot.js` with PORT and the Bot Framework settings.
 */
import { ActivityTypes, CloudAdapter, type TurnContext } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import { BOT_ENDPOINT_KEYS, type BotEndpointKey, type BotSettings } from '../../src/config';
import { MAX_BODY_BYTES } from '../../src/server';
import { createBotFrameworkAuthentication } from '../../src/teams/bot-authentication';

function settingsFromEnvironment(): BotSettings {
  const endpoints = Object.fromEntries(BOT_ENDPOINT_KEYS.map((key) => [key, process.env[key] ?? ''])) as Record<BotEndpointKey, string>;
  return {
    appId: process.env.MicrosoftAppId,
    appPassword: process.env.MicrosoftAppPassword,
    appType: (process.env.MicrosoftAppType as BotSettings['appType'] | undefined) ?? 'MultiTenant',
    appTenantId: process.env.MicrosoftAppTenantId,
    endpoints: Object.values(endpoints).every(Boolean) ? endpoints : undefined,
  };
}

async function echo(context: TurnContext): Promise<void> {
  if (context.activity.type === ActivityTypes.Message) {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    return;
  }
  if (context.activity.type === ActivityTypes.Invoke) {
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' } },
    });
  }
}

const adapter = new CloudAdapter(createBotFrameworkAuthentication(settingsFromEnvironment()));
adapter.onTurnError = async (_context, error) => {
  process.stderr.write(`baseline turn failed: ${error instanceof Error ? error.message : String(error)}\n`);
};

const server = restify.createServer({ name: 'bench-baseline', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));
server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req, res, echo);
});
server.get('/healthz', async (_req: Request, res: Response) => {
  res.send(200, { status: 'ok' });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`baseline listening on ${(server.address() as { port: number }).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
