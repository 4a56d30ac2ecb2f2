/** `whoami`: your Entra object id, and whether you may request and approve, and why. */
import type { CommandHandler } from '../teams/route';
import type { NoArguments } from './parse-command';

export interface WhoamiDeps {
  /** Both roles of a person, to tell them (never to allow anything). Throws when the directory cannot answer. */
  rolesOf(objectId: string): Promise<{ isApprover: boolean; isRequester: boolean }>;
}

export function whoamiCommand(deps: WhoamiDeps): CommandHandler<NoArguments> {
  return async ({ context, texts, actor }) => {
    let roles: { isApprover: boolean; isRequester: boolean };
    try {
      roles = await deps.rolesOf(actor.objectId!);
    } catch {
      return void (await context.sendActivity(texts.denied('directory-unavailable')));
    }
    await context.sendActivity(texts.whoami({ objectId: actor.objectId!, name: actor.name, tenantId: actor.tenantId ?? '', ...roles }));
  };
}
