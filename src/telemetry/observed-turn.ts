/**
 * Every Teams turn in a span, and every log line written during it (and by the work it starts)
 * carrying the activity id and conversation.
 */
import type { TurnContext } from 'botbuilder';
import { withLogFields } from '../support/logger';
import type { Telemetry } from './telemetry';

export function observedTurn(run: (context: TurnContext) => Promise<void>, telemetry: Telemetry): (context: TurnContext) => Promise<void> {
  return (context) => {
    const { activity } = context;
    const fields = { activityId: activity.id, conversationId: activity.conversation?.id, activityType: activity.type };
    const name = `turn ${activity.type}${activity.type === 'invoke' && activity.name ? ` ${activity.name}` : ''}`;
    return withLogFields(fields, () =>
      telemetry.inSpan(name, { 'activity.type': activity.type, 'activity.name': activity.name, 'conversation.type': activity.conversation?.conversationType }, () => run(context)),
    );
  };
}
