/** `whoami`: your Entra object id, and whether you may request and approve, and why. */
import type { AccessFilter } from '../authorization/access-filter';
import type { CommandHandler } from './command';

export function whoamiCommand(deps: { filter: AccessFilter }): CommandHandler<'whoami'> {
  return {
    name: 'whoami',
    // Anyone of our tenant may ask who they are; the filter has checked identity and tenant.
    action: 'help',
    async run({ context, texts, actor }) {
      let roles: { isApprover: boolean; isRequester: boolean };
      try {
        roles = await deps.filter.roles(actor.objectId!);
      } catch {
        return void (await context.sendActivity(texts.denied('directory-unavailable')));
      }
      await context.sendActivity(texts.whoami({ objectId: actor.objectId!, name: actor.name, tenantId: actor.tenantId ?? '', ...roles }));
    },
  };
}
