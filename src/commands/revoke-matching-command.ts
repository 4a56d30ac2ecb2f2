/**
 * `revoke-matching "<text>" <justification>`: one request, one approval card, for every enrollment
 * profile whose display name contains the text (case-insensitive), up to BULK_MAX_PROFILES. It needs
 * BULK_APPROVALS distinct approvers. Each covered profile is stored as its own item before the
 * request is, so the executor finds every one of them after any crash.
 * One open request per profile: a matching profile that already has an open request of its own is
 * left out (the card names how many and which): its own card decides it, and it is never revoked
 * twice by two requests. The same text asked twice while open gets the open request back.
 */
import type { TurnContext } from 'botbuilder';
import type { ApprovalService } from '../approvals/approval-service';
import { BULK_OPERATION } from '../approvals/bulk-revoke-executor';
import type { BulkItem, BulkItemStore } from '../approvals/bulk-items';
import { GraphFailure } from '../approvals/enrollment-profiles';
import type { ProfileSnapshot, RevokeRequest } from '../approvals/revoke-request';
import { escapeMarkdown as md } from '../i18n/markdown';
import type { ProfileCatalog } from '../intune/profile-catalog';
import { conversationKeyOf } from '../teams/conversation-key';
import type { CommandHandler } from '../teams/route';
import { MATCHING_TEXT_MIN_LENGTH, normalize, type RevokeMatchingArguments } from './parse-command';

/** Names shown on the approval card; the rest is "and N more". */
export const CARD_NAME_COUNT = 20;
const LEFT_OUT_NAME_COUNT = 5;
/** Enough to see every open request of a tenant. */
const OPEN_REQUESTS_READ = 100_000;

export interface RevokeMatchingDeps {
  catalog: ProfileCatalog;
  service: ApprovalService;
  items: BulkItemStore;
  /** BULK_MAX_PROFILES */
  maxProfiles: number;
  /** BULK_APPROVALS */
  approvals: number;
  postApprovalCard(context: TurnContext, request: RevokeRequest): Promise<void>;
}

/** Profiles whose display name contains `text`, case-insensitively (no accent folding: a bulk revoke must not match more than typed), sorted by name then id. */
export function matchingProfiles<T extends ProfileSnapshot>(profiles: readonly T[], text: string): T[] {
  const wanted = text.trim().toLocaleLowerCase('en-US');
  if (!wanted) return [];
  return profiles
    .filter((profile) => profile.displayName.toLocaleLowerCase('en-US').includes(wanted))
    .sort((a, b) => compare(a.displayName, b.displayName) || compare(a.id, b.id));
}

/** The request's own profile key: the same text twice (any case) is the same open request. */
export function matchingKey(text: string): string {
  return `matching:${text.trim().toLocaleLowerCase('en-US')}`;
}

export function revokeMatchingCommand(deps: RevokeMatchingDeps): CommandHandler<RevokeMatchingArguments> {
  return async ({ context, args, texts, actor }) => {
    const m = texts.messages.bulk;
    const say = (text: string) => context.sendActivity(text);
    if (args.problem === 'usage') return void (await say(m.usage));
    if (args.problem === 'unterminated-quote') return void (await say(m.unterminatedQuote));
    const text = normalize(args.text ?? '');
    if (args.problem === 'too-short') return void (await say(m.textTooShort({ text: md(text), min: MATCHING_TEXT_MIN_LENGTH })));
    if (!args.justification) return void (await say(m.justificationMissing({ text: md(text) })));

    let matched: ProfileSnapshot[];
    try {
      // Fresh from Intune: a bulk revoke must cover the profiles as they are now.
      deps.catalog.invalidate();
      matched = matchingProfiles(await deps.catalog.list(text), text);
    } catch (error) {
      if (error instanceof GraphFailure) return void (await say(texts.lookupFailed(error.failure)));
      throw error;
    }
    if (matched.length === 0) return void (await say(m.noMatch({ text: md(text) })));
    if (matched.length > deps.maxProfiles) return void (await say(m.tooMany({ text: md(text), count: matched.length, max: deps.maxProfiles })));

    const tenantId = actor.tenantId!;
    const covered: ProfileSnapshot[] = [];
    const leftOut: ProfileSnapshot[] = [];
    // One read of the open requests, not one per profile.
    const open = new Set((await deps.service.listOpen(tenantId, OPEN_REQUESTS_READ)).map((request) => request.profile.id));
    for (const profile of matched) (open.has(profile.id) ? leftOut : covered).push(profile);
    if (covered.length === 0) return void (await say(m.allHaveOpenRequests({ text: md(text), count: matched.length })));

    const enrolledDevices = covered.reduce((sum, p) => sum + (p.enrolledDeviceCount || 0), 0);
    const result = await deps.service.open({
      tenantId,
      profile: { id: matchingKey(text), displayName: text, enrollmentMode: BULK_OPERATION, tokenExpirationDateTime: null, enrolledDeviceCount: enrolledDevices },
      requester: { id: actor.objectId!, name: actor.name },
      justification: args.justification,
      operation: BULK_OPERATION,
      approvalsRequired: deps.approvals,
      matching: {
        text,
        count: covered.length,
        enrolledDevices,
        firstNames: covered.slice(0, CARD_NAME_COUNT).map((p) => p.displayName),
        leftOut: leftOut.length,
        leftOutNames: leftOut.slice(0, LEFT_OUT_NAME_COUNT).map((p) => p.displayName),
      },
      location: {
        conversationKey: conversationKeyOf(context.activity),
        conversationType: context.activity.conversation?.conversationType ?? 'personal',
        requesterTeamsId: actor.teamsId,
        ...(typeof context.activity.locale === 'string' ? { locale: context.activity.locale.slice(0, 20) } : {}),
      },
      prepare: (request) => deps.items.insertAll(covered.map((profile) => itemOf(request.id, profile))),
    });
    if (!result.created) {
      return void (await say(m.alreadyOpen({ text: md(text), requestId: result.existing.id, requesterName: md(result.existing.requester.name) })));
    }
    await deps.postApprovalCard(context, result.request);
  };
}

function itemOf(requestId: string, profile: ProfileSnapshot): BulkItem {
  return {
    requestId,
    profileId: profile.id,
    ...(profile.kind ? { kind: profile.kind } : {}),
    displayName: profile.displayName,
    enrolledDeviceCount: profile.enrolledDeviceCount || 0,
    state: 'pending',
    version: 1,
    attempts: 0,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

