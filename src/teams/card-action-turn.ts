/**
 * An `adaptiveCard/action` invoke: check the wire shape, find the verb's handler in the table,
 * load the request from storage (card data carries only its id), pass the access filter, run the
 * handler, and answer at once. Every refusal is a 200 with a message (a non-200 makes Teams retry
 * or show an error) and is audited.
 */
import type { TurnContext } from 'botbuilder';
import type { ApprovalService } from '../approvals/approval-service';
import type { AccessFilter } from '../authorization/access-filter';
import type { AuditLog } from '../approvals/audit-log';
import type { CardActionAnswer, CardActionHandler } from '../card-actions/card-action';
import type { CardCommandHandler } from '../card-actions/card-command';
import type { Texts } from '../i18n/texts';
import type { Clock } from '../support/clock';
import type { Logger } from '../support/logger';
import { actorOf, type TurnActor } from './turn-actor';
import { conversationKeyOf } from './conversation-key';

export interface InvokeAnswer {
  statusCode: 200;
  type: 'application/vnd.microsoft.card.adaptive' | 'application/vnd.microsoft.activity.message';
  value: unknown;
}

export interface CardActionTurnDeps {
  handlers: ReadonlyMap<string, CardActionHandler>;
  /** Buttons about no stored request (list paging, "Request revoke"). */
  commands?: ReadonlyMap<string, CardCommandHandler>;
  service: ApprovalService;
  filter: AccessFilter;
  audit: AuditLog;
  texts: Texts;
  clock: Clock;
  logger: Logger;
}

const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

export class CardActionTurn {
  constructor(private readonly deps: CardActionTurnDeps) {}

  async handle(context: TurnContext): Promise<InvokeAnswer> {
    const actor = actorOf(context.activity);
    const texts = this.deps.texts.forLocale(context.activity.locale);
    const command = readCommandClick(context.activity.value, this.deps.commands);
    if (command) {
      const access = await this.deps.filter.check(actor, command.handler.action);
      if (!access.allowed) return message(texts.denied(access.reason));
      return answer(await command.handler.handle({ context, actor, data: command.data, texts }));
    }
    const click = readClick(context.activity.value);
    if (!click) {
      await this.refuse(actor, 'malformed', undefined, 'card action without an Action.Execute verb and request id');
      return message(texts.malformedAction());
    }
    const handler = this.deps.handlers.get(click.verb);
    if (!handler) {
      await this.refuse(actor, 'unknown-verb', click.requestId, click.verb.slice(0, 40));
      return message(texts.unknownAction());
    }
    const request = await this.deps.service.get(click.requestId);
    if (!request) {
      await this.refuse(actor, 'unknown-request', click.requestId);
      return message(texts.unknownRequest(click.requestId));
    }
    const access = await this.deps.filter.check({ ...actor, conversationKey: conversationKeyOf(context.activity) }, handler.action, request);
    if (!access.allowed) return message(texts.denied(access.reason));
    return answer(await handler.handle({ actor, request, isApprover: access.isApprover, inputs: click.inputs, texts }));
  }

  private async refuse(actor: TurnActor, outcome: string, requestId?: string, detail?: string): Promise<void> {
    await this.deps.audit
      .append({ at: this.deps.clock.now().toISOString(), action: 'action.refused', actorId: actor.objectId ?? 'unknown', actorName: actor.name, tenantId: actor.tenantId, requestId, outcome, detail })
      .catch((error: unknown) => this.deps.logger.error('could not audit a refused card action', { error }));
  }
}

interface Click {
  verb: string;
  requestId: string;
  inputs: Record<string, unknown>;
}

/** A click on a button about no request: its handler and its data. */
function readCommandClick(
  value: unknown,
  commands: ReadonlyMap<string, CardCommandHandler> | undefined,
): { handler: CardCommandHandler; data: Record<string, unknown> } | undefined {
  const action = (value as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | undefined)?.action;
  if (!commands || !action || action.type !== 'Action.Execute' || typeof action.verb !== 'string') return undefined;
  const handler = commands.get(action.verb);
  if (!handler) return undefined;
  const data = action.data && typeof action.data === 'object' && !Array.isArray(action.data) ? (action.data as Record<string, unknown>) : {};
  return { handler, data };
}

/** The only fields read from a click: the verb, the request id and the card's inputs. */
function readClick(value: unknown): Click | undefined {
  const action = (value as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | undefined)?.action;
  if (!action || action.type !== 'Action.Execute' || typeof action.verb !== 'string') return undefined;
  const data = action.data && typeof action.data === 'object' && !Array.isArray(action.data) ? (action.data as Record<string, unknown>) : {};
  const requestId = data.requestId;
  if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) return undefined;
  return { verb: action.verb, requestId, inputs: data };
}

export function message(text: string): InvokeAnswer {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

function answer(result: CardActionAnswer): InvokeAnswer {
  return 'card' in result ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card } : message(result.message);
}
