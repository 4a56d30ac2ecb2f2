/** The parts of a Teams app manifest the packager reads. The JSON Schema is the full contract. */
export interface BotCommand {
  title?: string;
  description?: string;
}

export interface BotCommandList {
  scopes?: string[];
  commands?: BotCommand[];
}

export interface TeamsManifest {
  $schema?: string;
  manifestVersion?: string;
  id?: string;
  developer?: { name?: string; websiteUrl?: string; privacyUrl?: string; termsOfUseUrl?: string };
  icons?: { color?: string; outline?: string };
  bots?: Array<{ botId?: string; scopes?: string[]; commandLists?: BotCommandList[] }>;
  validDomains?: string[];
}

/** Every command of every list, with where it is: for checks and tests. */
export function listBotCommands(manifest: TeamsManifest): Array<{ path: string; scopes: string[]; command: BotCommand }> {
  const found: Array<{ path: string; scopes: string[]; command: BotCommand }> = [];
  (manifest.bots ?? []).forEach((bot, b) =>
    (bot.commandLists ?? []).forEach((list, l) =>
      (list.commands ?? []).forEach((command, c) =>
        found.push({ path: `bots[${b}].commandLists[${l}].commands[${c}]`, scopes: list.scopes ?? [], command }),
      ),
    ),
  );
  return found;
}
