/**
 * What a route is. Every chat command and every card verb is one route of the table in
 * src/routes.ts: the words or verb Teams sends, the policy action it needs, what it loads before
 * the access filter judges it, and its handler. The router (turn-router.ts) reads the table; it
 * never imports a handler, and no handler checks permissions: the filter ran once before it.
 */
import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { ActionName } from '../approvals/policy';
import type { RevokeRequest } from '../approvals/revoke-request';
import type { AccessDenialReason } from '../authorization/access-filter';
import type { Texts } from '../i18n/texts';
import type { TurnActor } from './turn-actor';

/** What every handler gets, after the access filter has allowed the turn. */
export interface Turn {
  context: TurnContext;
  /** Who sent the activity (from fields Teams sets, never from card data). */
  actor: TurnActor;
  /** The texts in the sender's language (activity.locale). */
  texts: Texts;
  /** Whether the filter found the actor to be an approver (false where the action needed no role lookup). */
  isApprover: boolean;
  /** The conversation's dialogs: read on first use, saved when the turn ends. */
  dialogs(): Promise<DialogContext>;
}

export interface CommandTurn<A> extends Turn {
  /** What the route's `parse` read from the words after the command word. */
  args: A;
}

export interface RequestCommandTurn<A> extends CommandTurn<A> {
  /** The stored request the text named (the one the filter judged). */
  request: RevokeRequest;
}

export interface ClickTurn extends Turn {
  /** The button's data and the card's inputs: untrusted input, never identity or state. */
  data: Record<string, unknown>;
}

export interface RequestClickTurn extends ClickTurn {
  /** The stored request whose id the card carries (the one the filter judged). */
  request: RevokeRequest;
}

/** A click's answer for the clicker: their new copy of the card, or a message when nothing changed. */
export type CardAnswer = { card: object } | { message: string };

interface Guarded {
  /** The policy action the filter must allow first. */
  action: ActionName;
  /** The sentence for a denial where this route has a better one than the general; undefined: the general. */
  denied?(reason: AccessDenialReason, texts: Texts): string | undefined;
}

interface CommandWords<A> extends Guarded {
  /** The words that start the command, compared lower-cased: English first, then Portuguese. */
  words: readonly string[];
  /**
   * Reads the words after the command word. undefined: not this route, the next route with the
   * same word is tried (so `history export` comes before `history`).
   */
  parse(rest: string): A | undefined;
  /** 'keeps': a question the bot is asking stays open (cancel); otherwise this command ends it. */
  dialog?: 'keeps';
}

/** How a command finds the stored request it is about: the id typed in its arguments. */
export interface RequestNamedInText<A> {
  requestIdIn(args: A): string;
}

export type CommandRoute<A = any> = CommandWords<A> &
  (
    | { loads?: undefined; run(turn: CommandTurn<A>): Promise<void> }
    | { loads: RequestNamedInText<A>; run(turn: RequestCommandTurn<A>): Promise<void> }
  );

interface CardVerb extends Guarded {
  /** Action.Execute `verb`, compared exactly. */
  verb: string;
}

export type VerbRoute = CardVerb &
  (
    | { loads?: undefined; answer(turn: ClickTurn): Promise<CardAnswer> }
    /** The request whose id is the card's `data.requestId`; the filter also checks the click's conversation. */
    | { loads: 'request-in-card'; answer(turn: RequestClickTurn): Promise<CardAnswer> }
  );

/** A chat message that is no command: answered too, behind the filter like any command. */
export interface MessageRoute<A> extends Guarded {
  run(turn: CommandTurn<A>): Promise<void>;
}

export interface OtherMessages {
  empty: MessageRoute<Record<string, never>>;
  tooLong: MessageRoute<{ length: number }>;
  unknown: MessageRoute<{ word: string }>;
  /** Any text that is no command while the bot is asking a question: the answer. Denied, the question ends. */
  answer: MessageRoute<Record<string, never>>;
}

/** The one table: every command word and card verb, and what the other messages get. */
export interface RouteTable {
  commands: readonly CommandRoute[];
  verbs: readonly VerbRoute[];
  otherMessages: OtherMessages;
}

/** Chat text (the bot's @mention removed) as the router needs it. */
export type ChatText = { kind: 'empty' } | { kind: 'too-long'; length: number } | { kind: 'words'; word: string; rest: string };

/** A handler of a command (or other message): it answers in the conversation. */
export type CommandHandler<A> = (turn: CommandTurn<A>) => Promise<void>;
export type RequestCommandHandler<A> = (turn: RequestCommandTurn<A>) => Promise<void>;
/** A handler of a card verb: it returns the clicker's answer. */
export type ClickHandler = (turn: ClickTurn) => Promise<CardAnswer>;
export type RequestClickHandler = (turn: RequestClickTurn) => Promise<CardAnswer>;

/** Typed helper: a command route whose `run` sees what its `parse` returns. */
export function command<A>(route: CommandRoute<A>): CommandRoute {
  return route;
}

/** Every word a command is known by, for "did you mean". */
export function commandWords(commands: readonly CommandRoute[]): string[] {
  return [...new Set(commands.flatMap((route) => route.words))];
}
