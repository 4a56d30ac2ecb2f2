/**
 * Every text a person reads from Token Guard, in English. Other languages copy the shape
 * (`Messages`); nothing outside src/i18n writes user-facing words.
 * Chat texts use Teams markdown and give times in UTC (a chat message cannot localize them);
 * card texts carry no times: the card shows them with DATE/TIME in each reader's own time zone.
 */
import type { FailureKind, ProfileKind, RequestState, RevokeFailure } from '../approvals/revoke-request';
import { WORK_PROFILE_MODE } from '../intune/profile-kinds';
import type { AuditAction } from '../approvals/audit-log';
import { formatUtc } from './format-utc';
import { httpDetail, permissionsNamed } from './http-detail';
import type {
  ApprovalAddedFacts,
  BadgeFacts,
  ClosedRequestFacts,
  CreatedRequestFacts,
  DenialKey,
  FailedFacts,
  NotPendingFacts,
  OpenRequestFacts,
  ProfileChoice,
  RefusalKey,
  RotatedFacts,
  RotateFailedFacts,
  SucceededFacts,
} from './message-params';

const ENROLLMENT_MODES: Record<string, string> = {
  corporateOwnedDedicatedDevice: 'Dedicated',
  corporateOwnedFullyManaged: 'Fully managed',
  corporateOwnedWorkProfile: 'Corporate-owned work profile (COPE)',
  corporateOwnedAOSPUserlessDevice: 'AOSP userless',
  corporateOwnedAOSPUserAssociatedDevice: 'AOSP user-associated',
  // A work-profile profile has no mode in Graph: its snapshot's stand-in reads as its kind.
  [WORK_PROFILE_MODE]: 'Android work profile',
};

/** Which Intune collection a profile is in, as every card names it. */
const PROFILE_KINDS = {
  'device-owner': 'Android Device Owner',
  'work-profile': 'Android work profile',
} satisfies Record<ProfileKind, string>;

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
  forbidden: (failure: RevokeFailure) =>
    "Microsoft Graph refused the call: Token Guard's app registration lacks the Graph application permission " +
    `${permissionsNamed(failure, 'or')}, or an administrator has not granted admin consent for it. ` +
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
  'intune-refused': (failure: RevokeFailure) =>
    "Intune refused Token Guard's app (HTTP 401, UnknownError). The app's credentials were accepted; it is Intune that does not " +
    `authorize it: the app registration lacks the application permission ${permissionsNamed(failure, 'or')} with admin consent, ` +
    "or Intune's role assignments do not cover it. This is not a wrong client secret. " +
    'Ask an Intune administrator to check the API permissions of the app in Microsoft Entra ID and its Intune roles, then ask again.',
  unknown: (failure: RevokeFailure) =>
    `Microsoft Graph answered with an unexpected error${httpDetail(failure)}: ${failure.message || 'no message'}. ` +
    'Ask your administrator to look at the Token Guard log with the ids shown here.',
} satisfies Record<FailureKind, (failure: RevokeFailure) => string>;

/** Looking profiles up only reads: where the revoke's explanation would mislead, a lookup has its own. */
const LOOKUP_EXPLANATIONS: Partial<Record<FailureKind, (failure: RevokeFailure) => string>> = {
  'not-found': () => 'Graph could not find the enrollment profiles. Check the tenant setup in the Intune admin center.',
  timeout: () => 'Intune gave no answer within the time limit. Nothing was changed; try again in a few minutes.',
};

/** What a request asks for, in "X asks to … profile Y" (RequestOperation). */
const OPERATION_WORDS_EN: Record<string, string> = {
  revoke: 'revoke the token of',
  rotate: 'rotate the token (revoke it, then create a new one) of',
  'revoke-matching': 'revoke the tokens of every profile matching',
};

/** The state badge on the approval card. */
const BADGES: Record<RequestState, (p: BadgeFacts) => string> = {
  pending: (p: BadgeFacts) =>
    p.approvalsRequired && p.approvalsRequired > 1 ? `Waiting for approvals: ${p.approvalsGiven ?? 0} of ${p.approvalsRequired}` : 'Waiting for approval',
  approved: (p: { approverName?: string }) => (p.approverName ? `Approved by ${p.approverName} — revoking…` : 'Approved — revoking…'),
  executing: (p: { approverName?: string }) => (p.approverName ? `Approved by ${p.approverName} — revoking…` : 'Approved — revoking…'),
  succeeded: () => 'Token revoked',
  failed: () => 'Revoke failed',
  rejected: () => 'Rejected',
  cancelled: () => 'Cancelled',
  expired: () => 'Expired',
};

/** The ids support asks for: ours, Graph's request-id and the client-request-id we sent (Intune's Activity ID). */
function idLine(requestId: string, graphRequestId?: string, clientRequestId?: string): string {
  return `Request id: \`${requestId}\`` + graphIds(graphRequestId, clientRequestId);
}

function graphIds(graphRequestId?: string, clientRequestId?: string): string {
  return (graphRequestId ? ` · Graph request-id: \`${graphRequestId}\`` : '') + (clientRequestId ? ` · client-request-id: \`${clientRequestId}\`` : '');
}

function modeLabel(mode: string): string {
  return ENROLLMENT_MODES[mode] ?? mode;
}

export const en = {
  help:
    '**Token Guard** revokes the enrollment token of an Android enrollment profile in Intune (Device Owner or work profile), ' +
    'once a second, different approver agrees.\n\n' +
    'Commands:\n' +
    '- `revoke <profile> [justification]`: ask to revoke the token of a profile. Name the profile by its id or by its ' +
    'display name: one word as is, or in double quotes. Example: `revoke "Warehouse scanners" QR code was posted in a public chat`\n' +
    '- `revoke-matching "<text>" <justification>`: ask to revoke the token of every profile whose name contains the text ' +
    '(at least 3 characters; it needs several approvers). Example: `revoke-matching "Lisbon" QR codes of the Lisbon stores leaked`\n' +
    '- `rotate <profile> [justification]`: ask to rotate the token of a profile: once approved, the old token is revoked and a new one ' +
    'is created (Token Guard never shows it: admins fetch the new QR code from the Intune admin center).\n' +
    '- `list [text]`: the enrollment profiles, or those whose name contains the text.\n' +
    '- `show <profile>`: one profile, its token, its open request and its last revokes.\n' +
    '- `pending`: the open requests; approvers can decide them from there.\n' +
    '- `cancel <request>`: cancel a request you asked for (approvers: any request). `cancel` alone stops a question.\n' +
    '- `history [profile] [n]`: the audit trail, newest first. `history export`: all of it as a JSON Lines file.\n' +
    '- `whoami`: your Entra object id and what you may do.\n' +
    '- `doctor` (approvers): check this deployment (credentials, Graph permissions, Intune, groups, storage) and say what to fix.\n' +
    '- `report` (approvers): the token hygiene report: tokens to renew soon, long-lived and old tokens, tokens on profiles without devices.\n' +
    '- `help`: show this message.\n\n' +
    'In a channel or group chat, @mention Token Guard before the command. Commands work in Portuguese too ' +
    '(`revogar`, `rotacionar`, `revogar-varios`, `listar`, `mostrar`, `pendentes`, `cancelar`, `historico`, `quemsoueu`, `diagnostico`, `relatorio`, `ajuda`). ' +
    'Devices already enrolled are not affected by a revoke; new enrollments with the old QR code or token fail.',

  command: {
    empty: 'Send `help` to see what I can do.',
    unknown: (p: { word: string; suggestion?: string }) =>
      `I don't know the command "${p.word}".` + (p.suggestion ? ` Did you mean \`${p.suggestion}\`?` : '') + ' Send `help` to see what I can do.',
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
      `Several enrollment profiles match "${p.query}". Reply with the number or the id of the one you mean:\n\n` +
      p.profiles
        .map((profile, index) => `${index + 1}. **${profile.displayName}**: id \`${profile.id}\`, ${modeLabel(profile.enrollmentMode)}`)
        .join('\n'),
    chooseProfileRetry: (p: { count: number }) =>
      `Reply with a number from 1 to ${p.count}, or the id of one of the listed profiles. Send \`cancel\` to stop.`,
    unknownProfile: (p: { query: string; suggestions?: ProfileChoice[] }) =>
      `No enrollment profile has the id or name "${p.query}". ` +
      'I searched Device Owner and work-profile enrollment profiles by id and by exact display name (case-insensitive).' +
      (p.suggestions?.length
        ? ` Did you mean: ${p.suggestions.map((s) => `"${s.displayName}" (\`${s.id}\`)`).join(', ')}?`
        : ''),
    lookupFailed: (p: { failure: RevokeFailure }) =>
      `I could not look up the enrollment profiles. ${(LOOKUP_EXPLANATIONS[p.failure.kind] ?? FAILURE_EXPLANATIONS[p.failure.kind])(p.failure)}` +
      graphIds(p.failure.graphRequestId, p.failure.clientRequestId),
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
    'malformed-identity':
      "This message came with an identity that is not a valid Microsoft Entra object id, so I did nothing. " +
      'Use Token Guard in Microsoft Teams, signed in with your work account.',
    'wrong-tenant':
      "This message came from another organization's tenant than the one Token Guard serves, so I did nothing. " +
      'Use Token Guard from the tenant that owns the Intune subscription.',
    'not-requester':
      'You are not allowed to ask for token revokes. Ask your Intune administrators to add you to the Token Guard requesters.',
    'not-approver':
      'You are not allowed to approve or reject revokes. Ask one of the Token Guard approvers to decide this request.',
    'self-approval': 'You asked for this revoke, so a different approver must decide it.',
    'already-approved':
      'You have already approved this request. Another approver (not the person who asked) must approve it before it runs: nothing was changed.',
    'not-your-request':
      'Only the person who asked for this revoke, or an approver, can cancel it. Ask one of them if it should be cancelled.',
    'directory-unavailable':
      "I couldn't check your permissions just now (the directory did not answer), so I did nothing. Try again in a few minutes.",
    'not-member':
      'Only Token Guard requesters and approvers can see enrollment profiles, requests and their history. Ask your Intune administrators to add you.',
    'other-conversation':
      'That card belongs to a request of another conversation, so I did nothing. Only its requester or an approver can act on it from here. Use the card where it was posted.',
  } satisfies Record<DenialKey, string>,

  /** Answers of the commands that read: list, show, pending, cancel <request>, history, whoami. */
  inspect: {
    noProfiles: (p: { query?: string }) =>
      p.query ? `No enrollment profile has "${p.query}" in its name.` : 'There are no Device Owner or work-profile enrollment profiles.',
    showWhich: 'Which profile? Send `show <profile>` with its id or its display name.',
    severalProfiles: (p: { query: string; profiles: ProfileChoice[] }) =>
      `Several enrollment profiles are named "${p.query}". Name the one you mean by its id:\n\n` +
      p.profiles.map((profile) => `- **${profile.displayName}**: id \`${profile.id}\`, ${modeLabel(profile.enrollmentMode)}`).join('\n'),
    noPending: 'No revoke request is open.',
    cancelWhich: 'Which request? Send `cancel <request id>`; `pending` lists the open ones.',
    cancelled: (p: { requestId: string; profileName: string }) =>
      `Request \`${p.requestId}\` to revoke profile "${p.profileName}" is cancelled. Nothing was revoked.`,
    noHistory: (p: { profileName?: string }) =>
      p.profileName ? `There is no history for profile "${p.profileName}" yet.` : 'There is no history yet.',
    exportReady: (p: { count: number; fileName: string }) =>
      `The audit trail: ${p.count} ${p.count === 1 ? 'entry' : 'entries'}, oldest first, one JSON object per line (${p.fileName}).`,
    exportLink: (p: { url: string; minutes: number }) => `Download it here within ${p.minutes} minutes: ${p.url}`,
    whoami: (p: { objectId: string; name: string; tenantId: string; isRequester: boolean; isApprover: boolean }) =>
      `You are **${p.name}**, Entra object id \`${p.objectId}\` in tenant \`${p.tenantId}\`.\n\n` +
      (p.isRequester
        ? '- You **may request** revokes: you are one of the Token Guard requesters.\n'
        : '- You **may not request** revokes: you are not one of the Token Guard requesters (REQUESTER_IDS / REQUESTER_GROUP_ID).\n') +
      (p.isApprover
        ? '- You **may approve** revokes: you are one of the Token Guard approvers. Never your own requests: a different approver must decide those.'
        : '- You **may not approve** revokes: you are not one of the Token Guard approvers (APPROVER_IDS / APPROVER_GROUP_ID).'),
    requestRevokeStarted: (p: { profileName: string }) => `Revoke "${p.profileName}": I asked for a justification in the chat.`,
    profileGone: 'That profile no longer exists in Intune. Send `list` for the current ones.',
    approvalsChannelPosted: (p: { requestId: string }) =>
      `Request \`${p.requestId}\` is posted in the approvals channel for a different approver to decide. I will tell you the result here.`,
    /** After a card posted in personal chat: approvers do not see this chat. */
    approvalsChannelMissing: (p: { reason: 'unset' | 'unknown' }) =>
      'The approval card is in this chat, where approvers cannot see it: ask an approver to look at it with you, or ask in a channel or group chat they are in. ' +
      (p.reason === 'unset'
        ? 'To have requests from personal chats posted for approvers, an administrator sets APPROVAL_CHANNEL_ID to the approvals channel.'
        : 'The approvals channel (APPROVAL_CHANNEL_ID) is not known to me yet: add Token Guard to that channel\'s team, or @mention it once in that channel.'),
    /** The reply in a new approvals thread that @mentions the approvers. */
    approversAsked: (p: { mentions: string; requesterName: string; profileName: string }) =>
      `${p.mentions} ${p.requesterName} asks to revoke the token of profile "${p.profileName}". A different approver than the requester decides on the card above.`,
    exportApproversOnly: 'Only Token Guard approvers can export the audit trail.',
    doctorApproversOnly: 'Only Token Guard approvers can run the deployment checks (they name app ids, groups and settings).',
    reportApproversOnly: 'Only Token Guard approvers can ask for the token hygiene report.',
    exportPersonalOnly:
      'The audit file is handed out only in a personal chat with me, where nobody else sees its link. Send `history export` to me there.',
    exportUnavailable:
      'I cannot hand out the audit file: my public address is not configured. An administrator sets PUBLIC_BASE_URL to the https address Teams reaches me at.',
  },

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
    'already-approved': () =>
      'You have already approved this request. Another approver (not the person who asked) must approve it before it runs: nothing was changed.',
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
      idLine(p.requestId, p.graphRequestId, p.clientRequestId),
    failed: (p: FailedFacts) =>
      `Revoking the token of profile "${p.profileName}" failed at ${formatUtc(p.failedAt)}. ` +
      `${FAILURE_EXPLANATIONS[p.failure.kind](p.failure)}\n\n` +
      idLine(p.requestId, p.failure.graphRequestId, p.failure.clientRequestId),
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
    /** A short line in the thread when an approval arrives and more are needed. */
    approvalAdded: (p: ApprovalAddedFacts) =>
      `${p.approverName} approved the revoke of profile "${p.profileName}" (${p.given} of ${p.required} approvals). ` +
      `It waits for ${p.required - p.given === 1 ? 'another approver' : `${p.required - p.given} more approvers`}.`,
    expired: (p: ClosedRequestFacts) =>
      `The request to revoke profile "${p.profileName}" expired at ${formatUtc(p.at)} without a decision. ` +
      'The token was not revoked; ask again if it still needs revoking.' +
      `\n\n${idLine(p.requestId)}`,
  },

  error: {
    generic: (p: { correlationId: string }) =>
      `Something went wrong on our side. Please try again in a moment; if it keeps happening, ` +
      `give your administrator this correlation id: \`${p.correlationId}\``,
    /** Plain text (no markdown): sent in place of an answer Teams would refuse (teams/outgoing-size-guard.ts). */
    tooLarge: (p: { kilobytes: number }) =>
      `I could not show this answer: it is larger than Teams accepts (${p.kilobytes} KB; the limit is about 28 KB). ` +
      'Nothing else changed. Please ask for less, for example for a single profile.',
  },

  enrollmentMode: modeLabel,
  profileKind: (kind: ProfileKind): string => PROFILE_KINDS[kind],

  /** Everything the approval card says. No times here: the card formats them per reader. */
  card: {
    title: 'Revoke an enrollment token',
    fallbackText: (p: { requestId: string; profileName: string; status: string }) =>
      `Token Guard request ${p.requestId}: revoke the enrollment token of profile "${p.profileName}". Status: ${p.status}.`,
    badge: BADGES,
    profileName: 'Profile',
    profileId: 'Profile id',
    profileKind: 'Kind',
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
    clientRequestId: 'client-request-id',
    revokedNote: "Devices already enrolled are not affected; new enrollments with this profile's QR code/token now fail.",
    hint: {
      approver: 'Approve, or write a reason and reject.',
      requester: 'You asked for this revoke: a different approver must decide it. You can still cancel it.',
      observer: 'Only Token Guard approvers can decide on this request.',
      shared:
        'Approvers (never the person who asked) can approve, or reject with a reason. The person who asked, or an approver, can cancel.',
      'earlier-approver':
        'You approved this request. It waits for another approver (never the person who asked). You can still reject it with a reason.',
    },
    /** The shared card's hint when the request needs several approvers. */
    quorumHint: (p: { required: number }) =>
      `This request needs ${p.required} different approvers (never the person who asked); any approver can reject it with a reason. ` +
      'The person who asked, or an approver, can cancel.',
    /** "1 of 2 approvals": how far a request that needs several approvers is. */
    approvalsProgress: (p: { given: number; required: number }) => `${p.given} of ${p.required} approvals`,
    /** Names in a sentence: "Bob", "Bob and Erin", "Bob, Erin and Ana". */
    approvalsGivenBy: (p: { names: string }) => `Approved by ${p.names}`,
    nameList: (names: readonly string[]) =>
      names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`,
    reasonLabel: 'Reason',
    reasonPlaceholder: 'Reason (required to reject)',
    approve: 'Approve',
    reject: 'Reject',
    cancelRequest: 'Cancel request',
  },

  /** `rotate`: the old token revoked, then a new one created. Its value and QR code are never read, posted or logged. */
  rotate: {
    askProfile:
      "Which enrollment profile's token should be rotated (revoked and replaced by a new one)? Reply with its id or its exact display name. Send `cancel` to stop.",
    askJustification: (p: { profileName: string }) =>
      `Why should the token of profile "${p.profileName}" be rotated? Reply with a short justification ` +
      '(for example what happened and a ticket number). Send `cancel` to stop.',
    cardTitle: 'Rotate an enrollment token',
    fallbackText: (p: { requestId: string; profileName: string; status: string }) =>
      `Token Guard request ${p.requestId}: rotate the enrollment token of profile "${p.profileName}" (revoke it, then create a new one). Status: ${p.status}.`,
    badge: {
      pending: () => 'Waiting for approval',
      approved: (p: { approverName?: string }) => (p.approverName ? `Approved by ${p.approverName} — rotating…` : 'Approved — rotating…'),
      executing: (p: { approverName?: string }) => (p.approverName ? `Approved by ${p.approverName} — rotating…` : 'Approved — rotating…'),
      succeeded: () => 'Token rotated',
      failed: () => 'Rotation failed',
      rejected: () => 'Rejected',
      cancelled: () => 'Cancelled',
      expired: () => 'Expired',
    } as Record<RequestState, (p: { approverName?: string }) => string>,
    revokedCreating: 'Old token revoked — creating the new token…',
    rotatedAt: 'Rotated at',
    newTokenExpires: 'New token expires',
    rotatedNote:
      'The old token no longer works: new enrollments with the old QR code/token fail; devices already enrolled are not affected. ' +
      'Token Guard never shows the new token or its QR code: an Intune admin fetches the new QR code from the Intune admin center.',
    expiryUnknown: 'I could not read the new token\'s expiry: check it in the Intune admin center.',
    revokedNotCreated: (p: { explanation: string }) =>
      `The old token was revoked (it no longer works), but no new token was created. ${p.explanation} ` +
      'Ask again with `rotate` to create one (revoking again changes nothing), or create it in the Intune admin center.',
    notRevoked: (p: { explanation: string }) => `The old token was not revoked and no new token was created. ${p.explanation}`,
    succeeded: (p: RotatedFacts) =>
      `Token of profile "${p.profileName}" (${p.profileKind}) rotated at ${formatUtc(p.rotatedAt)} (approved by ${p.approverName}). ` +
      'The old token is dead: new enrollments with the old QR code/token fail; devices already enrolled are not affected. ' +
      (p.newTokenExpiresAt
        ? `The new token expires on ${formatUtc(p.newTokenExpiresAt)}. `
        : "I could not read the new token's expiry: check it in the Intune admin center. ") +
      'Token Guard never shows the new token or its QR code: an Intune admin fetches the new QR code from the Intune admin center ' +
      '(Devices › Enrollment › Android › the profile › Token).\n\n' +
      `Request id: \`${p.requestId}\`` +
      (p.revokeGraphRequestId ? ` · revokeToken request-id: \`${p.revokeGraphRequestId}\`` : '') +
      (p.createGraphRequestId ? ` · createToken request-id: \`${p.createGraphRequestId}\`` : '') +
      (p.clientRequestId ? ` · client-request-id: \`${p.clientRequestId}\`` : ''),
    failed: (p: RotateFailedFacts) =>
      `Rotating the token of profile "${p.profileName}" (${p.profileKind}) failed at ${formatUtc(p.failedAt)}. ` +
      (p.revokedAt
        ? `The old token was revoked at ${formatUtc(p.revokedAt)} (it no longer works), but no new token was created. `
        : 'The old token was not revoked and no new token was created. ') +
      `${FAILURE_EXPLANATIONS[p.failure.kind](p.failure)}` +
      (p.revokedAt ? ' Ask again with `rotate` to create the new token (revoking again changes nothing), or create it in the Intune admin center.' : '') +
      `\n\n${idLine(p.requestId, p.failure.graphRequestId, p.failure.clientRequestId)}`,
    pendingLabel: 'Token rotation',
    requesterHint: 'You asked for this rotation: a different approver must decide it. You can still cancel it.',
    approversAsked: (p: { mentions: string; requesterName: string; profileName: string }) =>
      `${p.mentions} ${p.requesterName} asks to rotate the token of profile "${p.profileName}" (revoke it, then create a new one). A different approver than the requester decides on the card above.`,
    rejected: (p: ClosedRequestFacts) =>
      `${p.byName ?? 'An approver'} rejected the rotation of profile "${p.profileName}" at ${formatUtc(p.at)}` +
      (p.reason ? `: ${p.reason}` : '.') +
      `\n\n${idLine(p.requestId)}`,
    cancelled: (p: ClosedRequestFacts) =>
      `${p.byName ?? 'Someone'} cancelled the request to rotate the token of profile "${p.profileName}" at ${formatUtc(p.at)}` +
      (p.reason ? `: ${p.reason}` : '.') +
      `\n\n${idLine(p.requestId)}`,
    expired: (p: ClosedRequestFacts) =>
      `The request to rotate the token of profile "${p.profileName}" expired at ${formatUtc(p.at)} without a decision. ` +
      'The token was neither revoked nor replaced; ask again if it still needs rotating.' +
      `\n\n${idLine(p.requestId)}`,
  },

  /** The `list` card. Token dates are shown by the card in each reader's time zone. */
  listCard: {
    title: 'Enrollment profiles',
    fallbackText: 'Token Guard: a list of enrollment profiles (Device Owner and work profile).',
    range: (p: { from: number; to: number; total: number; query?: string }) =>
      `${p.from}–${p.to} of ${p.total}` + (p.query ? ` with "${p.query}" in the name` : '') + ', sorted by name',
    tokenActiveUntil: 'Token active until',
    tokenExpired: 'Token expired',
    tokenNone: 'No token',
    devices: (p: { count: number }) => `${p.count} enrolled ${p.count === 1 ? 'device' : 'devices'}`,
    /** Graph's enrollmentTokenUsageCount, as Microsoft documents it: AOSP profiles only. */
    aospEnrolledWithToken: (p: { count: number }) =>
      `${p.count} AOSP ${p.count === 1 ? 'device' : 'devices'} enrolled with the current token`,
    requestRevoke: 'Request revoke',
    showMore: 'Show more',
  },

  /** The `show` card: every non-secret property of one profile. */
  profileCard: {
    title: 'Enrollment profile',
    fallbackText: (p: { profileName: string }) => `Token Guard: enrollment profile "${p.profileName}".`,
    profileName: 'Profile',
    profileId: 'Profile id',
    description: 'Description',
    profileKind: 'Kind',
    enrollmentMode: 'Enrollment mode',
    tokenType: 'Token type',
    tokenState: 'Token',
    tokenActive: 'Active',
    tokenExpired: 'Expired',
    tokenNone: 'No token',
    tokenCreated: 'Token created',
    tokenExpires: 'Token expires',
    enrolledDevices: 'Enrolled devices',
    aospDevicesWithToken: 'AOSP devices enrolled with the current token',
    scopeTags: 'Scope tags',
    wifi: 'Wi-Fi',
    wifiNone: 'Not configured',
    wifiHidden: 'hidden',
    deviceNameTemplate: 'Device name template',
    teamsDevice: 'Teams device profile',
    yes: 'Yes',
    no: 'No',
    created: 'Created',
    modified: 'Last modified',
    pendingTitle: 'Open request',
    noPending: 'No open request.',
    requestedBy: 'Requested by',
    requestedAt: 'Requested at',
    requestId: 'Request id',
    state: 'State',
    revokesTitle: 'Last revokes',
    noRevokes: 'No revoke through Token Guard yet.',
    revokeSucceeded: 'Revoked',
    revokeFailed: 'Failed',
    graphRequestId: 'Graph request-id',
    requestRevoke: 'Request revoke',
    secretsNote: 'The token, its QR code and the Wi-Fi password are never shown.',
  },

  /** The `pending` card. */
  pendingCard: {
    title: 'Open revoke requests',
    fallbackText: (p: { count: number }) => `Token Guard: ${p.count} open revoke ${p.count === 1 ? 'request' : 'requests'}.`,
    count: (p: { count: number; shown: number }) =>
      p.shown < p.count ? `The oldest ${p.shown} of ${p.count}` : `${p.count} open`,
    requestedBy: (p: { name: string }) => `Asked by ${p.name}`,
    age: (p: { minutes: number }) =>
      p.minutes < 60 ? `open for ${p.minutes} min` : `open for ${Math.floor(p.minutes / 60)} h ${p.minutes % 60} min`,
    expires: 'Expires',
    requestId: 'Request id',
    state: STATE_IN_SENTENCE,
    approve: 'Approve',
    cancelRequest: 'Cancel request',
    open: 'Open card',
  },

  /** The `history` card. Times are shown by the card in each reader's time zone. */
  historyCard: {
    title: 'History',
    fallbackText: 'Token Guard: the audit trail.',
    scope: (p: { count: number; profileName?: string; profileKind?: string }) =>
      `The newest ${p.count} ${p.count === 1 ? 'entry' : 'entries'}` +
      (p.profileName ? ` for profile "${p.profileName}"` + (p.profileKind ? ` (${p.profileKind})` : '') : ''),
    /** A page after the first (Show more): entries `from` to `to` counted from the newest. */
    olderScope: (p: { from: number; to: number; profileName?: string }) =>
      `Older entries: ${p.from} to ${p.to}, newest first` + (p.profileName ? `, for profile "${p.profileName}"` : ''),
    showMore: 'Show more',
    action: {
      'request.created': 'Requested',
      'request.approved': 'Approved',
      'request.approval-added': 'Approval added',
      'request.rejected': 'Rejected',
      'request.cancelled': 'Cancelled',
      'request.expired': 'Expired',
      'revoke.started': 'Revoke started',
      'revoke.retried': 'Revoke retried',
      'revoke.succeeded': 'Token revoked',
      'revoke.failed': 'Revoke failed',
      'notify.failed': 'Teams notification failed',
      'access.denied': 'Access denied',
      'action.refused': 'Action refused',
      'audit.exported': 'Audit exported',
      'bulk.item.revoked': 'Token revoked (revoke-matching)',
      'bulk.item.failed': 'Revoke failed (revoke-matching)',
      'bulk.item.retried': 'Revoke sent again (revoke-matching)',
      'report.posted': 'Hygiene report posted',
      'rotate.revoked': 'Old token revoked (rotation)',
      'rotate.created': 'New token created (rotation)',
    } satisfies Record<AuditAction, string>,
    system: 'Token Guard',
    requestId: 'Request',
    profileId: 'Profile',
    outcome: 'Outcome',
    graphRequestId: 'Graph request-id',
  },

  /** `revoke-matching "<text>" <justification>`: its answers, its approval card and its progress card. */
  bulk: {
    usage:
      'Put the text in double quotes, then say why. Example: `revoke-matching "Lisbon" QR codes of the Lisbon stores were leaked`',
    unterminatedQuote: 'The text has an opening quote but no closing one. Example: `revoke-matching "Lisbon" <justification>`',
    textTooShort: (p: { text: string; min: number }) =>
      `"${p.text}" is too short: the text must have at least ${p.min} characters, so that it cannot match every profile by accident.`,
    justificationMissing: (p: { text: string }) =>
      `Why should every profile whose name contains "${p.text}" be revoked? Send it again with a justification: ` +
      `\`revoke-matching "${p.text}" <justification>\`.`,
    noMatch: (p: { text: string }) => `No enrollment profile has "${p.text}" in its name. Nothing was requested. \`list ${p.text}\` shows what there is.`,
    tooMany: (p: { text: string; count: number; max: number }) =>
      `${p.count} profiles have "${p.text}" in their name: more than the ${p.max} one request may cover (BULK_MAX_PROFILES). ` +
      'Nothing was requested: send a narrower text.',
    allHaveOpenRequests: (p: { text: string; count: number }) =>
      `All ${p.count} profiles with "${p.text}" in their name already have an open revoke request of their own. Nothing new was requested.`,
    alreadyOpen: (p: { text: string; requestId: string; requesterName: string }) =>
      `A revoke-matching request for "${p.text}" is already open: \`${p.requestId}\`, asked by ${p.requesterName}. ` +
      'Approve, reject or cancel it on its card instead of asking again.',
    card: {
      title: 'Revoke every matching enrollment token',
      fallbackText: (p: { requestId: string; text: string; count: number; status: string }) =>
        `Token Guard request ${p.requestId}: revoke the enrollment tokens of ${p.count} profiles matching "${p.text}". Status: ${p.status}.`,
      matching: 'Name contains',
      profiles: 'Profiles',
      enrolledDevices: 'Enrolled devices (total)',
      namesHeading: 'Profiles to revoke',
      andMore: (p: { count: number }) => `and ${p.count} more`,
      leftOut: (p: { count: number; names: string }) =>
        `Left out: ${p.count} matching ${p.count === 1 ? 'profile has' : 'profiles have'} an open revoke request of ${p.count === 1 ? 'its' : 'their'} own (${p.names}); ` +
        'decide those on their own cards.',
      approvals: (p: { given: number; required: number }) => `${p.given} of ${p.required} approvals`,
      approvedByList: 'Approved by',
      hintApprover: (p: { required: number }) =>
        `It needs ${p.required} different approvers (never the person who asked). Approve, or write a reason and reject: one reject ends it.`,
    },
    progress: {
      title: 'Revoking matching enrollment tokens',
      finishedTitle: 'Revoke-matching finished',
      fallbackText: (p: { revoked: number; failed: number; left: number }) => `Token Guard: ${p.revoked} revoked, ${p.failed} failed, ${p.left} left.`,
      matching: 'Name contains',
      revoked: 'Revoked',
      failed: 'Failed',
      left: 'Left',
      requestId: 'Request id',
      failuresHeading: 'Not revoked',
      failureRow: (p: { name: string; reason: string; graphRequestId?: string }) =>
        `${p.name}: ${p.reason}` + (p.graphRequestId ? ` (request-id ${p.graphRequestId})` : ''),
      moreFailures: (p: { count: number }) => `…and ${p.count} more: \`history\` of this request lists every one.`,
      allRevoked: "Every token is revoked. Devices already enrolled are not affected; new enrollments with these profiles' QR codes now fail.",
    },
  },
  /** The `report` card (token hygiene): which active tokens should die before they leak. */
  hygieneCard: {
    title: 'Token hygiene report',
    fallbackText: (p: { count: number }) => `Token Guard: ${p.count} enrollment ${p.count === 1 ? 'token needs' : 'tokens need'} attention.`,
    summary: (p: { count: number; active: number }) =>
      p.count === 0 ? `None of the ${p.active} active tokens needs attention.` : `${p.count} of ${p.active} active tokens need attention, most urgent first.`,
    scheduled: 'Posted on schedule (HYGIENE_REPORT_SCHEDULE).',
    askedBy: (p: { name: string }) => `Asked for by ${p.name}.`,
    category: {
      expiring: (p: { days: number }) => `Renew soon (expire within ${p.days} days)`,
      'no-devices': () => 'Active on a profile with no enrolled device',
      old: (p: { days: number }) => `Created more than ${p.days} days ago`,
      'long-lived': (p: { days: number }) => `Valid for more than ${p.days} days from now`,
    },
    reason: {
      expiring: (p: { days: number }) => `expires ${p.days < 1 ? 'today' : `in ${p.days} ${p.days === 1 ? 'day' : 'days'}`}: renew soon (rotate)`,
      'no-devices': () => 'no enrolled device: nobody needs this token',
      old: (p: { days?: number }) => `created ${p.days ?? '?'} days ago`,
      'long-lived': (p: { days: number }) => `valid for ${p.days} more days`,
    },
    renewHint: 'Renew soon: give the profile a new token before this one expires with `rotate <profile>` (a second approver agrees); revoke a token nobody should have.',
    tokenExpires: 'Token expires',
    range: (p: { from: number; to: number; total: number }) => `Tokens ${p.from}–${p.to} of ${p.total}`,
    requestRevoke: 'Request revoke',
    showMore: 'Show more',
  },
  /** Private 1:1 messages (NOTIFY_APPROVERS, NOTIFY_REQUESTER). Values arrive escaped; `link` is ours. */
  privateNotice: {
    /** To each approver when a request opens. */
    approverAsked: (p: { requesterName: string; operation: string; profileName: string; profileId: string; justification: string; requestId: string; link?: string }) =>
      `**${p.requesterName}** asks to ${OPERATION_WORDS_EN[p.operation] ?? OPERATION_WORDS_EN.revoke} profile "${p.profileName}" (\`${p.profileId}\`). ` +
      `Why: ${p.justification}\n\n` +
      (p.link
        ? `[Open the approval card](${p.link}) to approve or reject it (request \`${p.requestId}\`).`
        : `The card is in a chat you are not in: send \`pending\` to me to decide on request \`${p.requestId}\`.`),
    /** Appended to the outcome the requester gets 1:1. */
    cardLink: (p: { link: string }) => `[Open the approval card](${p.link})`,
  },
};

/** The shape every language file must have. */
export type Messages = typeof en;
