/**
 * Every text a person reads from Token Guard, in English. Other languages copy the shape
 * (`Messages`); nothing outside src/i18n writes user-facing words.
 * Chat texts use Teams markdown and give times in UTC (a chat message cannot localize them);
 * card texts carry no times: the card shows them with DATE/TIME in each reader's own time zone.
 */
import type { FailureKind, RequestState, RevokeFailure } from '../approvals/revoke-request';
import { formatUtc } from './format-utc';
import type {
  ClosedRequestFacts,
  CreatedRequestFacts,
  DenialKey,
  FailedFacts,
  NotPendingFacts,
  OpenRequestFacts,
  ProfileChoice,
  RefusalKey,
  SucceededFacts,
} from './message-params';

const ENROLLMENT_MODES: Record<string, string> = {
  corporateOwnedDedicatedDevice: 'Dedicated',
  corporateOwnedFullyManaged: 'Fully managed',
  corporateOwnedWorkProfile: 'Corporate-owned work profile (COPE)',
  corporateOwnedAOSPUserlessDevice: 'AOSP userless',
  corporateOwnedAOSPUserAssociatedDevice: 'AOSP user-associated',
};

/** How a request's state reads inside a sentence ("Request … is already …"). */
const STATE_IN_SENTENCE = {
  pending: 'waiting for approval',
  approved: 'approved and being revoked',
  executing: 'approved and being revoked',
  succeeded: 'done: the token was revoked',
  failed: 'finished: the revoke failed',
  rejected: 'rejected',
  cancelled: 'cancelled',
  expired: 'expired',
} satisfies Record<RequestState, string>;

/** What went wrong and what to do about it, without ids or times (the caller adds those). */
const FAILURE_EXPLANATIONS = {
  forbidden: () =>
    "Microsoft Graph refused the call: Token Guard's app registration lacks the Graph application permission " +
    'DeviceManagementConfiguration.ReadWrite.All, or an administrator has not granted admin consent for it. ' +
    'Ask a Global Administrator or Privileged Role Administrator to grant it in Microsoft Entra ID, then ask again.',
  'not-found': () =>
    'The enrollment profile no longer exists in Intune, so there is no token to revoke. Nothing was changed.',
  'not-applicable': () =>
    'This tenant has no Intune MDM authority, so Graph cannot manage enrollment profiles in it. ' +
    'Check the tenant setup in the Intune admin center.',
  throttled: (failure: RevokeFailure) =>
    'Intune throttled the request even after retries. ' +
    (failure.retryAfterSeconds !== undefined
      ? `Wait ${failure.retryAfterSeconds} s, then ask again.`
      : 'Wait a few minutes, then ask again.'),
  unavailable: () =>
    'Microsoft Graph or Intune was unavailable, even after retries. Try again later; if it lasts, check the service health in the Microsoft 365 admin center.',
  timeout: () =>
    'Intune gave no answer within the time limit. The token may or may not have been revoked: ' +
    'check the profile in the Intune admin center, and ask again if its token is still valid.',
  unauthorized: () =>
    "Microsoft Graph refused the app's credentials: its client secret or certificate may be wrong or expired. " +
    "An administrator must fix Token Guard's app credentials, then ask again.",
  unknown: (failure: RevokeFailure) =>
    `Microsoft Graph answered with an unexpected error${httpDetail(failure)}: ${failure.message || 'no message'}. ` +
    'Ask your administrator to look at the Token Guard log with the ids shown here.',
} satisfies Record<FailureKind, (failure: RevokeFailure) => string>;

/** Looking profiles up only reads: where the revoke's explanation would mislead, a lookup has its own. */
const LOOKUP_EXPLANATIONS: Partial<Record<FailureKind, (failure: RevokeFailure) => string>> = {
  'not-found': () => 'Graph could not find the Device Owner enrollment profiles. Check the tenant setup in the Intune admin center.',
  timeout: () => 'Intune gave no answer within the time limit. Nothing was changed; try again in a few minutes.',
};

/** The state badge on the approval card. */
const BADGES: Record<RequestState, (p: { approverName?: string }) => string> = {
  pending: () => 'Waiting for approval',
  approved: (p: { approverName?: string }) => (p.approverName ? `Approved by ${p.approverName} — revoking…` : 'Approved — revoking…'),
  executing: (p: { approverName?: string }) => (p.approverName ? `Approved by ${p.approverName} — revoking…` : 'Approved — revoking…'),
  succeeded: () => 'Token revoked',
  failed: () => 'Revoke failed',
  rejected: () => 'Rejected',
  cancelled: () => 'Cancelled',
  expired: () => 'Expired',
};

function httpDetail(failure: RevokeFailure): string {
  const parts = [failure.status !== undefined ? `HTTP ${failure.status}` : '', failure.code ?? ''].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function idLine(requestId: string, graphRequestId?: string): string {
  return `Request id: \`${requestId}\`` + (graphRequestId ? ` · Graph request-id: \`${graphRequestId}\`` : '');
}

function modeLabel(mode: string): string {
  return ENROLLMENT_MODES[mode] ?? mode;
}

export const en = {
  help:
    '**Token Guard** revokes the enrollment token of an Android Device Owner enrollment profile in Intune, ' +
    'once a second, different approver agrees.\n\n' +
    'Commands:\n' +
    '- `revoke <profile> [justification]`: ask to revoke the token of a profile. Name the profile by its id or by its ' +
    'display name: one word as is, or in double quotes. Example: `revoke "Warehouse scanners" QR code was posted in a public chat`\n' +
    '- `help`: show this message.\n\n' +
    'In a channel or group chat, @mention Token Guard before the command. ' +
    'Devices already enrolled are not affected by a revoke; new enrollments with the old QR code or token fail.',

  command: {
    empty: 'Send `help` to see what I can do.',
    unknown: (p: { word: string }) => `I don't know the command "${p.word}". Send \`help\` to see what I can do.`,
    tooLong: (p: { length: number; max: number }) =>
      `That message is too long (${p.length} characters; the limit is ${p.max}). Please send a shorter one.`,
    unterminatedQuote:
      'The profile name has an opening quote but no closing one. Example: `revoke "Warehouse scanners" <justification>`',
    cancelled: 'OK, I stopped. Nothing was requested.',
    nothingToCancel: 'There is nothing to stop. To cancel a revoke request, use **Cancel request** on its card.',
    unsupportedSubmit:
      'That button belongs to an older kind of card that I no longer handle. Use the buttons on the current approval card, or send `help`.',
  },

  request: {
    askProfile:
      "Which enrollment profile's token should be revoked? Reply with its id or its exact display name. Send `cancel` to stop.",
    /** Added to a question asked in a channel, where the bot only sees messages that @mention it. */
    channelReplyHint: 'In this channel, @mention Token Guard in your reply.',
    askJustification: (p: { profileName: string }) =>
      `Why should the token of profile "${p.profileName}" be revoked? Reply with a short justification ` +
      '(for example what happened and a ticket number). Send `cancel` to stop.',
    justificationTooLong: (p: { max: number }) =>
      `Please reply with a justification of 1 to ${p.max} characters, or send \`cancel\` to stop.`,
    chooseProfile: (p: { query: string; profiles: ProfileChoice[] }) =>
      `Several Device Owner enrollment profiles match "${p.query}". Reply with the number or the id of the one you mean:\n\n` +
      p.profiles
        .map((profile, index) => `${index + 1}. **${profile.displayName}**: id \`${profile.id}\`, ${modeLabel(profile.enrollmentMode)}`)
        .join('\n'),
    chooseProfileRetry: (p: { count: number }) =>
      `Reply with a number from 1 to ${p.count}, or the id of one of the listed profiles. Send \`cancel\` to stop.`,
    unknownProfile: (p: { query: string }) =>
      `No enrollment profile has the id or name "${p.query}". ` +
      'I searched Device Owner enrollment profiles by id and by exact display name (case-insensitive).',
    lookupFailed: (p: { failure: RevokeFailure }) =>
      `I could not look up the enrollment profiles. ${(LOOKUP_EXPLANATIONS[p.failure.kind] ?? FAILURE_EXPLANATIONS[p.failure.kind])(p.failure)}` +
      (p.failure.graphRequestId ? ` Graph request-id: \`${p.failure.graphRequestId}\`` : ''),
    alreadyOpen: (p: OpenRequestFacts) =>
      `A revoke request for profile "${p.profileName}" is already open: \`${p.requestId}\`, asked by ${p.requesterName} ` +
      `at ${formatUtc(p.createdAt)}, expiring at ${formatUtc(p.expiresAt)}. ` +
      'Approve, reject or cancel it on its card instead of asking again.',
    created: (p: CreatedRequestFacts) =>
      `Request \`${p.requestId}\` created: revoke the token of profile "${p.profileName}". ` +
      `A different approver must approve it before ${formatUtc(p.expiresAt)}. You can cancel it on its card.`,
  },

  denial: {
    'no-identity':
      "I can't tell who you are: this message came without a Microsoft Entra identity. " +
      'Use Token Guard in Microsoft Teams, signed in with your work account.',
    'wrong-tenant':
      "This message came from another organization's tenant than the one Token Guard serves, so I did nothing. " +
      'Use Token Guard from the tenant that owns the Intune subscription.',
    'not-requester':
      'You are not allowed to ask for token revokes. Ask your Intune administrators to add you to the Token Guard requesters.',
    'not-approver':
      'You are not allowed to approve or reject revokes. Ask one of the Token Guard approvers to decide this request.',
    'self-approval': 'You asked for this revoke, so a different approver must decide it.',
    'not-your-request':
      'Only the person who asked for this revoke, or an approver, can cancel it. Ask one of them if it should be cancelled.',
    'directory-unavailable':
      "I couldn't check your permissions just now (the directory did not answer), so I did nothing. Try again in a few minutes.",
  } satisfies Record<DenialKey, string>,

  refusal: {
    'unknown-request': (p: { requestId: string }) =>
      `I have no request \`${p.requestId}\`. Ask again with \`revoke <profile> <justification>\` if the token still needs revoking.`,
    'not-pending': (p: NotPendingFacts) =>
      `Request \`${p.requestId}\` is already ${STATE_IN_SENTENCE[p.state]}` +
      (p.decidedBy ? ` (decided by ${p.decidedBy}${p.decidedAt ? ` at ${formatUtc(p.decidedAt)}` : ''})` : '') +
      '. Nothing was changed.',
    expired: (p: { requestId: string; expiredAt: string }) =>
      `Request \`${p.requestId}\` expired at ${formatUtc(p.expiredAt)} without a decision. ` +
      'Ask again with `revoke <profile> <justification>` if the token still needs revoking.',
    'reason-required': () => 'Write a reason in the Reason box before you reject.',
    busy: () => 'This request was being changed by someone else at the same moment. Please try again.',
  } satisfies Record<RefusalKey, (p: never) => string>,

  /** Short answers to a card click, shown to the person who clicked. */
  invoke: {
    malformed: 'That button sent nothing I can use. Use the buttons on the latest approval card.',
    unknownVerb: "I don't know that button's action. Use the buttons on the latest approval card.",
    approvedRevoking: (p: { approverName: string }) => `Approved by ${p.approverName} — revoking…`,
    rejected: 'Rejected',
    cancelled: 'Request cancelled',
  },

  /** Replies in the request's conversation when the revoke has finished. */
  outcome: {
    succeeded: (p: SucceededFacts) =>
      `Token of profile "${p.profileName}" revoked at ${formatUtc(p.revokedAt)} (approved by ${p.approverName}). ` +
      "Devices already enrolled are not affected; new enrollments with this profile's QR code/token now fail.\n\n" +
      idLine(p.requestId, p.graphRequestId),
    failed: (p: FailedFacts) =>
      `Revoking the token of profile "${p.profileName}" failed at ${formatUtc(p.failedAt)}. ` +
      `${FAILURE_EXPLANATIONS[p.failure.kind](p.failure)}\n\n` +
      idLine(p.requestId, p.failure.graphRequestId),
  },

  /** A plain explanation of a failed revoke with what to do, for cards and texts alike. */
  failureExplanation: (failure: RevokeFailure): string => FAILURE_EXPLANATIONS[failure.kind](failure),

  /** Replies in the request's conversation when a request closes without a revoke. */
  notice: {
    rejected: (p: ClosedRequestFacts) =>
      `${p.byName ?? 'An approver'} rejected the revoke of profile "${p.profileName}" at ${formatUtc(p.at)}` +
      (p.reason ? `: ${p.reason}` : '.') +
      `\n\n${idLine(p.requestId)}`,
    cancelled: (p: ClosedRequestFacts) =>
      `${p.byName ?? 'Someone'} cancelled the request to revoke profile "${p.profileName}" at ${formatUtc(p.at)}` +
      (p.reason ? `: ${p.reason}` : '.') +
      `\n\n${idLine(p.requestId)}`,
    expired: (p: ClosedRequestFacts) =>
      `The request to revoke profile "${p.profileName}" expired at ${formatUtc(p.at)} without a decision. ` +
      'The token was not revoked; ask again if it still needs revoking.' +
      `\n\n${idLine(p.requestId)}`,
  },

  error: {
    generic: (p: { correlationId: string }) =>
      `Something went wrong on our side. Please try again in a moment; if it keeps happening, ` +
      `give your administrator this correlation id: \`${p.correlationId}\``,
  },

  enrollmentMode: modeLabel,

  /** Everything the approval card says. No times here: the card formats them per reader. */
  card: {
    title: 'Revoke an enrollment token',
    fallbackText: (p: { requestId: string; profileName: string; status: string }) =>
      `Token Guard request ${p.requestId}: revoke the enrollment token of profile "${p.profileName}". Status: ${p.status}.`,
    badge: BADGES,
    profileName: 'Profile',
    profileId: 'Profile id',
    enrollmentMode: 'Enrollment mode',
    tokenExpiry: 'Token expires',
    tokenNoExpiry: 'No active token',
    enrolledDevices: 'Enrolled devices',
    requestedBy: 'Requested by',
    requestedAt: 'Requested at',
    requestExpiresAt: 'Request expires',
    requestId: 'Request id',
    justification: 'Justification',
    approvedBy: 'Approved by',
    rejectedBy: 'Rejected by',
    cancelledBy: 'Cancelled by',
    decidedAt: 'Decided at',
    decisionReason: 'Reason',
    revokedAt: 'Revoked at',
    failedAt: 'Failed at',
    graphRequestId: 'Graph request-id',
    revokedNote: "Devices already enrolled are not affected; new enrollments with this profile's QR code/token now fail.",
    hint: {
      approver: 'Approve, or write a reason and reject.',
      requester: 'You asked for this revoke: a different approver must decide it. You can still cancel it.',
      observer: 'Only Token Guard approvers can decide on this request.',
      shared:
        'Approvers (never the person who asked) can approve, or reject with a reason. The person who asked, or an approver, can cancel.',
    },
    reasonLabel: 'Reason',
    reasonPlaceholder: 'Reason (required to reject)',
    approve: 'Approve',
    reject: 'Reject',
    cancelRequest: 'Cancel request',
  },
};

/** The shape every language file must have. */
export type Messages = typeof en;
