/**
 * The Teams layer's view of a language: domain objects in, sentences out. The words live in the
 * language files (en.ts); this class only picks the message and hands it its facts. Its sentences
 * are Teams markdown chat texts, so every value a person or a directory could have chosen (names,
 * queries, reasons, Graph's messages) is escaped here (markdown.ts); cards read `messages` instead
 * and show values as plain TextRuns.
 */
import type { ProfileSnapshot, RequestOperation, RevokeFailure, RevokeRequest } from '../approvals/revoke-request';
import type { DecideRefusal } from '../approvals/approval-service';
import type { DenialKey } from './message-params';
import type { AuditEntry } from '../approvals/audit-log';
import { en, type Messages } from './en';
import { messagesForLocale } from './locale';
import { escapeMarkdown as md, inCodeSpan } from './markdown';

/** A profile as chat text may show it: its name escaped, its id safe inside a code span. */
function shown<T extends ProfileSnapshot>(profile: T): T {
  return { ...profile, displayName: md(profile.displayName), id: inCodeSpan(profile.id) };
}

function optional(value: string | undefined): string | undefined {
  return value === undefined ? undefined : md(value);
}

function shownFailure(failure: RevokeFailure): RevokeFailure {
  return { ...failure, message: md(failure.message ?? '') };
}

export class Texts {
  private static readonly byMessages = new Map<Messages, Texts>();

  constructor(private readonly m: Messages = en) {}

  /** The texts for an activity's locale (pt-BR → Portuguese, anything else → English). */
  forLocale(locale: string | undefined): Texts {
    const messages = messagesForLocale(locale);
    if (messages === this.m) return this;
    let texts = Texts.byMessages.get(messages);
    if (!texts) Texts.byMessages.set(messages, (texts = new Texts(messages)));
    return texts;
  }

  /** The language's messages, for the card builders. */
  get messages(): Messages {
    return this.m;
  }

  /** A profile's name with its kind, for cards (plain text: cards show values as TextRuns). */
  profileWithKind(profile: ProfileSnapshot): string {
    return `${profile.displayName || profile.id} (${this.m.profileKind(profile.kind ?? 'device-owner')})`;
  }

  help(): string {
    return this.m.help;
  }
  emptyCommand(): string {
    return this.m.command.empty;
  }
  unknownCommand(word: string, suggestion?: string): string {
    return this.m.command.unknown({ word: md(word), suggestion });
  }
  tooLong(length: number, max: number): string {
    return this.m.command.tooLong({ length, max });
  }
  unterminatedQuote(): string {
    return this.m.command.unterminatedQuote;
  }
  dialogCancelled(): string {
    return this.m.command.cancelled;
  }
  nothingToCancel(): string {
    return this.m.command.nothingToCancel;
  }
  unsupportedSubmit(): string {
    return this.m.command.unsupportedSubmit;
  }
  askProfile(inChannel: boolean, operation: RequestOperation = 'revoke'): string {
    return (operation === 'rotate' ? this.m.rotate.askProfile : this.m.request.askProfile) + this.channelHint(inChannel);
  }
  lookupFailed(failure: RevokeFailure): string {
    return this.m.request.lookupFailed({ failure: shownFailure(failure) });
  }
  unknownProfile(query: string, suggestions?: ProfileSnapshot[]): string {
    return this.m.request.unknownProfile({ query: md(query), suggestions: suggestions?.map(shown) });
  }
  noProfiles(query?: string): string {
    return this.m.inspect.noProfiles({ query: query === undefined ? undefined : md(query) });
  }
  showWhich(): string {
    return this.m.inspect.showWhich;
  }
  severalProfiles(query: string, profiles: ProfileSnapshot[]): string {
    return this.m.inspect.severalProfiles({ query: md(query), profiles: profiles.map(shown) });
  }
  noPending(): string {
    return this.m.inspect.noPending;
  }
  cancelWhich(): string {
    return this.m.inspect.cancelWhich;
  }
  requestCancelled(request: RevokeRequest): string {
    return this.m.inspect.cancelled({ requestId: request.id, profileName: md(request.profile.displayName) });
  }
  noHistory(profileName?: string): string {
    return this.m.inspect.noHistory({ profileName: profileName === undefined ? undefined : md(profileName) });
  }
  exportReady(count: number, fileName: string): string {
    return this.m.inspect.exportReady({ count, fileName });
  }
  exportLink(url: string, minutes: number): string {
    return this.m.inspect.exportLink({ url, minutes });
  }
  whoami(facts: { objectId: string; name: string; tenantId: string; isRequester: boolean; isApprover: boolean }): string {
    return this.m.inspect.whoami({ ...facts, name: md(facts.name), objectId: inCodeSpan(facts.objectId), tenantId: inCodeSpan(facts.tenantId) });
  }
  requestRevokeStarted(profileName: string): string {
    return this.m.inspect.requestRevokeStarted({ profileName: md(profileName) });
  }
  profileGone(): string {
    return this.m.inspect.profileGone;
  }
  approvalsChannelPosted(requestId: string): string {
    return this.m.inspect.approvalsChannelPosted({ requestId });
  }
  approvalsChannelMissing(reason: 'unset' | 'unknown'): string {
    return this.m.inspect.approvalsChannelMissing({ reason });
  }
  approversAsked(mentions: string, request: RevokeRequest): string {
    const ask = request.operation === 'rotate' ? this.m.rotate.approversAsked : this.m.inspect.approversAsked;
    return ask({ mentions, requesterName: md(request.requester.name), profileName: md(request.profile.displayName) });
  }
  exportApproversOnly(): string {
    return this.m.inspect.exportApproversOnly;
  }

  doctorApproversOnly(): string {
    return this.m.inspect.doctorApproversOnly;
  }
  reportApproversOnly(): string {
    return this.m.inspect.reportApproversOnly;
  }
  exportPersonalOnly(): string {
    return this.m.inspect.exportPersonalOnly;
  }
  exportUnavailable(): string {
    return this.m.inspect.exportUnavailable;
  }
  /** The name of an audit action in this language. */
  auditAction(entry: AuditEntry): string {
    return this.m.historyCard.action[entry.action] ?? entry.action;
  }
  chooseProfile(query: string, profiles: ProfileSnapshot[], inChannel: boolean): string {
    return this.m.request.chooseProfile({ query: md(query), profiles: profiles.map(shown) }) + this.channelHint(inChannel);
  }
  chooseProfileRetry(count: number): string {
    return this.m.request.chooseProfileRetry({ count });
  }
  askJustification(profileName: string, inChannel: boolean, operation: RequestOperation = 'revoke'): string {
    const ask = operation === 'rotate' ? this.m.rotate.askJustification : this.m.request.askJustification;
    return ask({ profileName: md(profileName) }) + this.channelHint(inChannel);
  }
  justificationInvalid(max: number): string {
    return this.m.request.justificationTooLong({ max });
  }
  alreadyOpen(request: RevokeRequest): string {
    return this.m.request.alreadyOpen({
      requestId: request.id,
      profileName: md(request.profile.displayName),
      requesterName: md(request.requester.name),
      createdAt: request.createdAt,
      expiresAt: request.expiresAt,
    });
  }
  denied(reason: DenialKey): string {
    return this.m.denial[reason];
  }
  refusal(refusal: DecideRefusal, request?: RevokeRequest): string {
    const r = this.m.refusal;
    const requestId = inCodeSpan(request?.id ?? '');
    switch (refusal) {
      case 'unknown-request':
        return r['unknown-request']({ requestId });
      case 'expired':
        return r.expired({ requestId, expiredAt: request?.expiresAt ?? '' });
      case 'reason-required':
        return r['reason-required']();
      case 'busy':
        return r.busy();
      case 'already-approved':
        return r['already-approved']();
      case 'not-pending':
        return r['not-pending']({ requestId, state: request?.state ?? 'pending', decidedBy: optional(request?.decision?.by.name), decidedAt: request?.decision?.at });
    }
  }
  unknownRequest(requestId: string): string {
    return this.m.refusal['unknown-request']({ requestId: inCodeSpan(requestId) });
  }
  malformedAction(): string {
    return this.m.invoke.malformed;
  }
  unknownAction(): string {
    return this.m.invoke.unknownVerb;
  }
  internalError(correlationId: string): string {
    return this.m.error.generic({ correlationId });
  }
  /** Plain text sent instead of an activity of `bytes` that Teams would refuse. */
  messageTooLarge(bytes: number): string {
    return this.m.error.tooLarge({ kilobytes: Math.ceil(bytes / 1024) });
  }

  /** The thread reply when a request closes without a revoke; undefined while it is still open. */
  decisionReply(request: RevokeRequest): string | undefined {
    const facts = {
      requestId: request.id,
      profileName: md(request.profile.displayName),
      byName: optional(request.decision?.by.name),
      at: request.decision?.at ?? request.expiresAt,
      reason: optional(request.decision?.reason),
    };
    const notice = request.operation === 'rotate' ? this.m.rotate : this.m.notice;
    if (request.state === 'rejected') return notice.rejected(facts);
    if (request.state === 'cancelled') return notice.cancelled(facts);
    if (request.state === 'expired') return notice.expired({ ...facts, byName: undefined, at: request.expiresAt });
    return undefined;
  }

  /** The short thread line when an approval arrives and the request still waits for more. */
  approvalAdded(request: RevokeRequest): string | undefined {
    const approvals = request.approvals ?? [];
    const latest = approvals[approvals.length - 1];
    if (request.state !== 'pending' || !latest) return undefined;
    return this.m.notice.approvalAdded({
      requestId: request.id,
      profileName: md(request.profile.displayName),
      approverName: md(latest.by.name),
      given: approvals.length,
      required: request.approvalsRequired ?? 1,
    });
  }

  /** The thread reply when the revoke (or rotation) has run. Never the token or QR code: a rotation names only the new expiry. */
  outcomeReply(request: RevokeRequest): string {
    if (request.operation === 'rotate') return this.rotationReply(request);
    const outcome = request.outcome;
    const base = { requestId: request.id, profileName: md(request.profile.displayName) };
    if (request.state === 'succeeded' || !outcome?.failure) {
      return this.m.outcome.succeeded({
        ...base,
        revokedAt: outcome?.at ?? '',
        approverName: this.approverNames(request),
        graphRequestId: outcome?.graphRequestId,
        clientRequestId: outcome?.clientRequestId,
      });
    }
    const failure = {
      ...shownFailure(outcome.failure),
      graphRequestId: outcome.failure.graphRequestId ?? outcome.graphRequestId,
      clientRequestId: outcome.failure.clientRequestId ?? outcome.clientRequestId,
    };
    return this.m.outcome.failed({ ...base, failedAt: outcome.at, failure });
  }

  /** Everyone who approved (several for a quorum), escaped, as one phrase. */
  private approverNames(request: RevokeRequest): string {
    const approvals = request.approvals ?? [];
    if (approvals.length > 1) return this.m.card.nameList(approvals.map((approval) => md(approval.by.name)));
    return md(request.decision?.by.name ?? '');
  }

  private rotationReply(request: RevokeRequest): string {
    const outcome = request.outcome;
    const base = { requestId: request.id, profileName: md(request.profile.displayName), profileKind: this.m.profileKind(request.profile.kind ?? 'device-owner') };
    if (request.state === 'succeeded' || !outcome?.failure) {
      const revoked = request.rotation?.revoked;
      const created = request.rotation?.created;
      return this.m.rotate.succeeded({
        ...base,
        rotatedAt: outcome?.at ?? '',
        approverName: this.approverNames(request),
        newTokenExpiresAt: request.rotation?.newTokenExpiresAt ?? null,
        revokeGraphRequestId: revoked?.graphRequestId,
        createGraphRequestId: created?.graphRequestId,
        clientRequestId: created?.clientRequestId,
      });
    }
    const failure = {
      ...shownFailure(outcome.failure),
      graphRequestId: outcome.failure.graphRequestId ?? outcome.graphRequestId,
      clientRequestId: outcome.failure.clientRequestId ?? outcome.clientRequestId,
    };
    return this.m.rotate.failed({ ...base, failedAt: outcome.at, failure, revokedAt: request.rotation?.revoked?.at });
  }

  /** The 1:1 message to an approver when a request opens; `link` (a deep link we built) leads to its card. */
  approverNotice(request: RevokeRequest, link?: string): string {
    return this.m.privateNotice.approverAsked({
      requesterName: md(request.requester.name),
      operation: request.operation ?? 'revoke',
      profileName: md(request.profile.displayName),
      profileId: inCodeSpan(request.profile.id),
      justification: md(request.justification),
      requestId: inCodeSpan(request.id),
      ...(link ? { link } : {}),
    });
  }

  /** The 1:1 message to the requester once the request has finished: the thread's reply, then the card's link. */
  requesterNotice(request: RevokeRequest, link?: string): string {
    const outcome = this.decisionReply(request) ?? this.outcomeReply(request);
    return link ? `${outcome}\n\n${this.m.privateNotice.cardLink({ link })}` : outcome;
  }

  private channelHint(inChannel: boolean): string {
    return inChannel ? ` ${this.m.request.channelReplyHint}` : '';
  }
}
