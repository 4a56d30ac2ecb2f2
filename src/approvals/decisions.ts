/**
 * Deciding on a request, the one way every door does it (Approve/Reject/Cancel buttons, `cancel
 * <request>` in chat): the compare-and-set decision, then what must follow it — the revoke for an
 * approval that completes the request, the conversation told for anything else (an approval
 * short of the quorum included) — queued to run after the caller has answered.
 * The caller then answers with the result. Authorization happened before (the route's filter check).
 */
import type { ApprovalService, DecideResult } from './approval-service';
import type { Person, RevokeRequest, Verdict } from './revoke-request';

export interface DecisionsDeps {
  service: ApprovalService;
  /** Starts the revoke of an approved request (in the background). */
  execute(request: RevokeRequest): void;
  /** Updates the request's card for everyone and replies in its thread (in the background). */
  tellConversation(request: RevokeRequest): void;
}

export class Decisions {
  constructor(private readonly deps: DecisionsDeps) {}

  async decide(requestId: string, actor: Person, verdict: Verdict, reason?: string): Promise<DecideResult> {
    const result = await this.deps.service.decide(requestId, actor, verdict, reason);
    if (!result.ok) {
      // A click on an overdue request has just expired it: everyone's card must say so.
      if (result.refusal === 'expired' && result.request) this.deps.tellConversation(result.request);
      return result;
    }
    // An approval short of the quorum leaves the request pending: everyone's card shows the count.
    if (result.request.state === 'approved') this.deps.execute(result.request);
    else this.deps.tellConversation(result.request);
    return result;
  }
}
