/**
 * `doctor`: the deployment checks of `npm run doctor`, answered as a card, for approvers only (the
 * card names app ids, groups and tenant settings). Written against TurnContext alone so that it
 * can be registered in the route table under the policy action approvers hold (`export`).
 */
import { CardFactory, type TurnContext } from 'botbuilder';
import { doctorCard } from '../cards/doctor-card-view';
import type { DoctorReport } from '../doctor/doctor-check';

export interface DoctorCommandDeps {
  /** The running app's checks (see createDoctorRunner): cached briefly, one run at a time. */
  diagnose(): Promise<DoctorReport>;
}

export function answerDoctorCommand(deps: DoctorCommandDeps): (context: TurnContext) => Promise<void> {
  return async (context) => {
    await context.sendActivity({ type: 'typing' });
    const report = await deps.diagnose();
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(doctorCard(report))] });
  };
}
