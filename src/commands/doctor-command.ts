/**
 * `doctor`: the deployment checks of `npm run doctor`, answered as a card, for approvers only (the
 * route's 'diagnose' action: the card names app ids, groups and tenant settings).
 */
import { CardFactory } from 'botbuilder';
import { doctorCard } from '../doctor/doctor-card-view';
import type { DoctorReport } from '../doctor/doctor-check';
import type { CommandHandler } from '../teams/route';
import type { NoArguments } from './parse-command';

export interface DoctorCommandDeps {
  /** The running app's checks (see createDoctorRunner): cached briefly, one run at a time. */
  diagnose(): Promise<DoctorReport>;
}

export function doctorCommand(deps: DoctorCommandDeps): CommandHandler<NoArguments> {
  return async ({ context }) => {
    await context.sendActivity({ type: 'typing' });
    const report = await deps.diagnose();
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(doctorCard(report))] });
  };
}
