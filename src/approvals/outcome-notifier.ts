import type { AuditLog } from './audit-log';
import type { Clock } from '../support/clock';
import { describeError } from '../support/describe-error';
import type { Logger } from '../support/logger';
import { about, SYSTEM_ACTOR } from './audit-fields';
import type { RevokeRequest } from './revoke-request';

/**
 * Tells people what happened to a request. Implemented by the Teams layer.
 * Its failures (card gone, bot removed, Teams down) must never change a request's state.
 */
export interface OutcomeNotifier {
  /** Update the card for everyone: approved/executing ("revoking…"), rejected, cancelled, expired. */
  requestDecided(request: RevokeRequest): Promise<void>;
  /** Reply in the thread and show the final card (succeeded | failed). */
  revokeFinished(request: RevokeRequest): Promise<void>;
}

export interface NotifyDeps {
  notifier: OutcomeNotifier;
  logger: Logger;
  clock: Clock;
  /** Where 'notify.failed' goes; without it failures are only logged. */
  audit?: AuditLog;
}

const DETAIL_MAX_LENGTH = 200;

/** Calls the notifier; a failure is logged and audited as 'notify.failed', never rethrown. */
export async function notifySafely(which: keyof OutcomeNotifier, request: RevokeRequest, deps: NotifyDeps): Promise<void> {
  try {
    await deps.notifier[which](request);
  } catch (error) {
    deps.logger.warn('notification failed', { notification: which, requestId: request.id, error });
    try {
      await deps.audit?.append({
        at: deps.clock.now().toISOString(),
        action: 'notify.failed',
        actorId: SYSTEM_ACTOR,
        outcome: which,
        detail: describeError(error, DETAIL_MAX_LENGTH),
        ...about(request),
      });
    } catch (auditError) {
      deps.logger.error('could not audit a notification failure', { requestId: request.id, error: auditError });
    }
  }
}
