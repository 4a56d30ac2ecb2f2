/**
 * What a card action handler is: a verb on the wire (Action.Execute `verb`), the policy action it
 * needs, and a function from a stored request to the clicker's answer. Card data is read for the
 * request id and typed inputs only; identity comes from the activity, state from storage.
 */
import type { ActionName } from '../approvals/policy';
import type { RevokeRequest } from '../approvals/revoke-request';
import type { TurnActor } from '../teams/turn-actor';
import type { Texts } from '../i18n/texts';

export interface CardActionInput {
  actor: TurnActor;
  request: RevokeRequest;
  /** Whether the actor is an approver (already checked by the access filter where it matters). */
  isApprover: boolean;
  /** The card's inputs (e.g. `reason`), untrusted text. */
  inputs: Record<string, unknown>;
  /** Texts in the clicker's language; absent: the handler's own. */
  texts?: Texts;
}

/** The clicker's answer: their copy of the card, or a message when nothing changed. */
export type CardActionAnswer = { card: object } | { message: string };

export interface CardActionHandler {
  verb: string;
  action: ActionName;
  handle(input: CardActionInput): Promise<CardActionAnswer>;
}

export function textInput(inputs: Record<string, unknown>, name: string): string | undefined {
  const value = inputs[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
