/**
 * Every text a person reads from Token Guard, in Brazilian Portuguese (chosen for activity.locale
 * pt-BR). Same shape as en.ts (`Messages`): the compiler and test/unit/i18n refuse a missing key.
 * Chat texts give times in UTC; the cards show them in each reader's own time zone.
 */
import type { FailureKind, ProfileKind, RequestState, RevokeFailure } from '../approvals/revoke-request';
import { WORK_PROFILE_MODE } from '../intune/profile-kinds';
import type { AuditAction } from '../approvals/audit-log';
import type { Messages } from './en';
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
  corporateOwnedDedicatedDevice: 'Dedicado',
  corporateOwnedFullyManaged: 'Totalmente gerenciado',
  corporateOwnedWorkProfile: 'Perfil de trabalho corporativo (COPE)',
  corporateOwnedAOSPUserlessDevice: 'AOSP sem usuário',
  corporateOwnedAOSPUserAssociatedDevice: 'AOSP associado a usuário',
  [WORK_PROFILE_MODE]: 'Perfil de trabalho Android',
};

const PROFILE_KINDS = {
  'device-owner': 'Android Proprietário do Dispositivo',
  'work-profile': 'Perfil de trabalho Android',
} satisfies Record<ProfileKind, string>;

const STATE_IN_SENTENCE = {
  pending: 'aguardando aprovação',
  approved: 'aprovada e sendo revogada',
  executing: 'aprovada e sendo revogada',
  succeeded: 'concluída: o token foi revogado',
  failed: 'encerrada: a revogação falhou',
  rejected: 'rejeitada',
  cancelled: 'cancelada',
  expired: 'expirada',
} satisfies Record<RequestState, string>;

const FAILURE_EXPLANATIONS = {
  forbidden: (failure: RevokeFailure) =>
    'O Microsoft Graph recusou a chamada: o registro de aplicativo do Token Guard não tem a permissão de aplicativo ' +
    `${permissionsNamed(failure, 'ou')}, ou um administrador não concedeu o consentimento de administrador. ` +
    'Peça a um Administrador Global ou Administrador de Função Privilegiada que a conceda no Microsoft Entra ID e peça de novo.',
  'not-found': () => 'O perfil de registro não existe mais no Intune, então não há token para revogar. Nada foi alterado.',
  'not-applicable': () =>
    'Este locatário não tem autoridade de MDM do Intune, então o Graph não pode gerenciar perfis de registro nele. ' +
    'Verifique a configuração do locatário no centro de administração do Intune.',
  throttled: (failure: RevokeFailure) =>
    'O Intune limitou as solicitações mesmo após novas tentativas. ' +
    (failure.retryAfterSeconds !== undefined
      ? `Aguarde ${failure.retryAfterSeconds} s e peça de novo.`
      : 'Aguarde alguns minutos e peça de novo.'),
  unavailable: () =>
    'O Microsoft Graph ou o Intune estava indisponível, mesmo após novas tentativas. Tente mais tarde; se persistir, ' +
    'verifique a integridade do serviço no centro de administração do Microsoft 365.',
  timeout: () =>
    'O Intune não respondeu dentro do tempo limite. O token pode ou não ter sido revogado: ' +
    'verifique o perfil no centro de administração do Intune e peça de novo se o token ainda for válido.',
  unauthorized: () =>
    'O Microsoft Graph recusou as credenciais do aplicativo: o segredo do cliente ou o certificado pode estar errado ou vencido. ' +
    'Um administrador precisa corrigir as credenciais do Token Guard; depois peça de novo.',
  'intune-refused': (failure: RevokeFailure) =>
    'O Intune recusou o aplicativo do Token Guard (HTTP 401, UnknownError). As credenciais do aplicativo foram aceitas; é o Intune que ' +
    `não o autoriza: o registro de aplicativo não tem a permissão de aplicativo ${permissionsNamed(failure, 'ou')} com consentimento de administrador, ` +
    'ou as atribuições de função do Intune não o cobrem. Não é um segredo do cliente errado. ' +
    'Peça a um administrador do Intune que verifique as permissões de API do aplicativo no Microsoft Entra ID e as funções dele no Intune; depois peça de novo.',
  unknown: (failure: RevokeFailure) =>
    `O Microsoft Graph respondeu com um erro inesperado${httpDetail(failure)}: ${failure.message || 'sem mensagem'}. ` +
    'Peça ao seu administrador que veja o log do Token Guard com os ids mostrados aqui.',
} satisfies Record<FailureKind, (failure: RevokeFailure) => string>;

const LOOKUP_EXPLANATIONS: Partial<Record<FailureKind, (failure: RevokeFailure) => string>> = {
  'not-found': () =>
    'O Graph não encontrou os perfis de registro. Verifique a configuração do locatário no centro de administração do Intune.',
  timeout: () => 'O Intune não respondeu dentro do tempo limite. Nada foi alterado; tente de novo em alguns minutos.',
};

/** O que a solicitação pede, em "X pede para … perfil Y" (RequestOperation). */
const OPERATION_WORDS_PT: Record<string, string> = {
  revoke: 'revogar o token do',
  rotate: 'rotacionar (revogar e criar outro) o token do',
  'revoke-matching': 'revogar os tokens de todo perfil que corresponde ao',
};

const BADGES: Record<RequestState, (p: BadgeFacts) => string> = {
  pending: (p: BadgeFacts) =>
    p.approvalsRequired && p.approvalsRequired > 1 ? `Aguardando aprovações: ${p.approvalsGiven ?? 0} de ${p.approvalsRequired}` : 'Aguardando aprovação',
  approved: (p: { approverName?: string }) => (p.approverName ? `Aprovada por ${p.approverName} — revogando…` : 'Aprovada — revogando…'),
  executing: (p: { approverName?: string }) => (p.approverName ? `Aprovada por ${p.approverName} — revogando…` : 'Aprovada — revogando…'),
  succeeded: () => 'Token revogado',
  failed: () => 'A revogação falhou',
  rejected: () => 'Rejeitada',
  cancelled: () => 'Cancelada',
  expired: () => 'Expirada',
};

/** Os ids que o suporte pede: o nosso, o request-id do Graph e o client-request-id enviado (o Activity ID do Intune). */
function idLine(requestId: string, graphRequestId?: string, clientRequestId?: string): string {
  return `Id da solicitação: \`${requestId}\`` + graphIds(graphRequestId, clientRequestId);
}

function graphIds(graphRequestId?: string, clientRequestId?: string): string {
  return (graphRequestId ? ` · request-id do Graph: \`${graphRequestId}\`` : '') + (clientRequestId ? ` · client-request-id: \`${clientRequestId}\`` : '');
}

function modeLabel(mode: string): string {
  return ENROLLMENT_MODES[mode] ?? mode;
}

export const ptBr: Messages = {
  help:
    '**Token Guard** revoga o token de registro de um perfil de registro Android no Intune (Proprietário do Dispositivo ou perfil de trabalho), ' +
    'depois que um segundo aprovador, diferente de quem pediu, concorda.\n\n' +
    'Comandos:\n' +
    '- `revogar <perfil> [justificativa]`: pede a revogação do token de um perfil. Indique o perfil pelo id ou pelo ' +
    'nome de exibição: uma palavra como está, ou entre aspas duplas. Exemplo: `revogar "Coletores Loja São Paulo" QR code publicado num chat público`\n' +
    '- `revogar-varios "<texto>" <justificativa>`: pede a revogação do token de todos os perfis cujo nome contém o texto ' +
    '(pelo menos 3 caracteres; precisa de vários aprovadores). Exemplo: `revogar-varios "Lisboa" QR codes das lojas de Lisboa vazaram`\n' +
    '- `rotacionar <perfil> [justificativa]`: pede a rotação do token de um perfil: depois de aprovada, o token antigo é revogado e um novo ' +
    'é criado (o Token Guard nunca o mostra: os administradores pegam o novo QR code no centro de administração do Intune).\n' +
    '- `listar [texto]`: os perfis de registro, ou os que têm o texto no nome.\n' +
    '- `mostrar <perfil>`: um perfil, seu token, sua solicitação aberta e suas últimas revogações.\n' +
    '- `pendentes`: as solicitações abertas; aprovadores podem decidi-las dali.\n' +
    '- `cancelar <solicitação>`: cancela uma solicitação sua (aprovadores: qualquer uma). `cancelar` sozinho interrompe uma pergunta.\n' +
    '- `historico [perfil] [n]`: a trilha de auditoria, da mais recente. `historico exportar`: toda ela num arquivo JSON Lines.\n' +
    '- `quemsoueu`: seu id de objeto do Entra e o que você pode fazer.\n' +
    '- `diagnostico` (aprovadores): verifica esta implantação (credenciais, permissões do Graph, Intune, grupos, armazenamento) e diz o que corrigir.\n' +
    '- `relatorio` (aprovadores): o relatório de higiene de tokens: tokens a renovar em breve, tokens de longa duração e antigos, tokens em perfis sem dispositivos.\n' +
    '- `ajuda`: mostra esta mensagem.\n\n' +
    'Num canal ou chat em grupo, @mencione o Token Guard antes do comando. Os comandos também funcionam em inglês ' +
    '(`revoke`, `rotate`, `revoke-matching`, `list`, `show`, `pending`, `cancel`, `history`, `whoami`, `doctor`, `report`, `help`). ' +
    'Dispositivos já registrados não são afetados por uma revogação; novos registros com o QR code ou token antigo falham.',

  command: {
    empty: 'Envie `ajuda` para ver o que eu sei fazer.',
    unknown: (p: { word: string; suggestion?: string }) =>
      `Não conheço o comando "${p.word}".` + (p.suggestion ? ` Você quis dizer \`${p.suggestion}\`?` : '') + ' Envie `ajuda` para ver o que eu sei fazer.',
    tooLong: (p: { length: number; max: number }) =>
      `Essa mensagem é longa demais (${p.length} caracteres; o limite é ${p.max}). Envie uma mais curta, por favor.`,
    unterminatedQuote:
      'O nome do perfil abre aspas mas não as fecha. Exemplo: `revogar "Coletores Loja São Paulo" <justificativa>`',
    cancelled: 'Certo, parei. Nada foi solicitado.',
    nothingToCancel: 'Não há nada para interromper. Para cancelar uma solicitação de revogação, use **Cancelar solicitação** no cartão dela ou `cancelar <solicitação>`.',
    unsupportedSubmit:
      'Esse botão pertence a um tipo antigo de cartão que não trato mais. Use os botões do cartão de aprovação atual, ou envie `ajuda`.',
  },

  request: {
    askProfile:
      'O token de qual perfil de registro deve ser revogado? Responda com o id ou o nome de exibição exato. Envie `cancelar` para parar.',
    channelReplyHint: 'Neste canal, @mencione o Token Guard na sua resposta.',
    askJustification: (p: { profileName: string }) =>
      `Por que o token do perfil "${p.profileName}" deve ser revogado? Responda com uma justificativa curta ` +
      '(por exemplo o que aconteceu e o número do chamado). Envie `cancelar` para parar.',
    justificationTooLong: (p: { max: number }) =>
      `Responda com uma justificativa de 1 a ${p.max} caracteres, ou envie \`cancelar\` para parar.`,
    chooseProfile: (p: { query: string; profiles: ProfileChoice[] }) =>
      `Vários perfis de registro correspondem a "${p.query}". Responda com o número ou o id do perfil certo:\n\n` +
      p.profiles
        .map((profile, index) => `${index + 1}. **${profile.displayName}**: id \`${profile.id}\`, ${modeLabel(profile.enrollmentMode)}`)
        .join('\n'),
    chooseProfileRetry: (p: { count: number }) =>
      `Responda com um número de 1 a ${p.count}, ou o id de um dos perfis listados. Envie \`cancelar\` para parar.`,
    unknownProfile: (p: { query: string; suggestions?: ProfileChoice[] }) =>
      `Nenhum perfil de registro tem o id ou o nome "${p.query}". ` +
      'Procurei perfis de registro de Proprietário do Dispositivo e de perfil de trabalho pelo id e pelo nome de exibição exato (sem diferenciar maiúsculas).' +
      (p.suggestions?.length
        ? ` Você quis dizer: ${p.suggestions.map((s) => `"${s.displayName}" (\`${s.id}\`)`).join(', ')}?`
        : ''),
    lookupFailed: (p: { failure: RevokeFailure }) =>
      `Não consegui consultar os perfis de registro. ${(LOOKUP_EXPLANATIONS[p.failure.kind] ?? FAILURE_EXPLANATIONS[p.failure.kind])(p.failure)}` +
      graphIds(p.failure.graphRequestId, p.failure.clientRequestId),
    alreadyOpen: (p: OpenRequestFacts) =>
      `Já existe uma solicitação de revogação aberta para o perfil "${p.profileName}": \`${p.requestId}\`, pedida por ${p.requesterName} ` +
      `em ${formatUtc(p.createdAt)}, expirando em ${formatUtc(p.expiresAt)}. ` +
      'Aprove, rejeite ou cancele-a no cartão dela em vez de pedir de novo.',
    created: (p: CreatedRequestFacts) =>
      `Solicitação \`${p.requestId}\` criada: revogar o token do perfil "${p.profileName}". ` +
      `Um aprovador diferente precisa aprová-la antes de ${formatUtc(p.expiresAt)}. Você pode cancelá-la no cartão dela.`,
  },

  denial: {
    'no-identity':
      'Não sei quem você é: esta mensagem veio sem uma identidade do Microsoft Entra. ' +
      'Use o Token Guard no Microsoft Teams, conectado com sua conta de trabalho.',
    'malformed-identity':
      'Esta mensagem veio com uma identidade que não é um id de objeto válido do Microsoft Entra, então não fiz nada. ' +
      'Use o Token Guard no Microsoft Teams, conectado com sua conta de trabalho.',
    'wrong-tenant':
      'Esta mensagem veio do locatário de outra organização, não do que o Token Guard atende, então não fiz nada. ' +
      'Use o Token Guard a partir do locatário dono da assinatura do Intune.',
    'not-requester':
      'Você não tem permissão para pedir revogações de token. Peça aos administradores do Intune que incluam você entre os solicitantes do Token Guard.',
    'not-approver':
      'Você não tem permissão para aprovar ou rejeitar revogações. Peça a um dos aprovadores do Token Guard que decida esta solicitação.',
    'self-approval': 'Você pediu esta revogação, então um aprovador diferente precisa decidi-la.',
    'already-approved':
      'Você já aprovou esta solicitação. Outro aprovador (que não seja quem pediu) precisa aprová-la antes de ela ser executada: nada foi alterado.',
    'not-your-request':
      'Só quem pediu esta revogação, ou um aprovador, pode cancelá-la. Peça a um deles se ela deve ser cancelada.',
    'directory-unavailable':
      'Não consegui verificar suas permissões agora (o diretório não respondeu), então não fiz nada. Tente de novo em alguns minutos.',
    'not-member':
      'Só solicitantes e aprovadores do Token Guard podem ver perfis de registro, solicitações e seu histórico. Peça aos administradores do Intune que incluam você.',
    'other-conversation':
      'Esse cartão é de uma solicitação de outra conversa, então não fiz nada. Só quem a pediu ou um aprovador pode agir sobre ela daqui. Use o cartão onde ele foi publicado.',
  } satisfies Record<DenialKey, string>,

  inspect: {
    noProfiles: (p: { query?: string }) =>
      p.query ? `Nenhum perfil de registro tem "${p.query}" no nome.` : 'Não há perfis de registro de Proprietário do Dispositivo nem de perfil de trabalho.',
    showWhich: 'Qual perfil? Envie `mostrar <perfil>` com o id ou o nome de exibição.',
    severalProfiles: (p: { query: string; profiles: ProfileChoice[] }) =>
      `Vários perfis de registro se chamam "${p.query}". Indique o que você quer pelo id:\n\n` +
      p.profiles.map((profile) => `- **${profile.displayName}**: id \`${profile.id}\`, ${modeLabel(profile.enrollmentMode)}`).join('\n'),
    noPending: 'Nenhuma solicitação de revogação está aberta.',
    cancelWhich: 'Qual solicitação? Envie `cancelar <id da solicitação>`; `pendentes` lista as abertas.',
    cancelled: (p: { requestId: string; profileName: string }) =>
      `A solicitação \`${p.requestId}\` para revogar o perfil "${p.profileName}" foi cancelada. Nada foi revogado.`,
    noHistory: (p: { profileName?: string }) =>
      p.profileName ? `Ainda não há histórico para o perfil "${p.profileName}".` : 'Ainda não há histórico.',
    exportReady: (p: { count: number; fileName: string }) =>
      `A trilha de auditoria: ${p.count} ${p.count === 1 ? 'registro' : 'registros'}, do mais antigo, um objeto JSON por linha (${p.fileName}).`,
    exportLink: (p: { url: string; minutes: number }) => `Baixe aqui em até ${p.minutes} minutos: ${p.url}`,
    whoami: (p: { objectId: string; name: string; tenantId: string; isRequester: boolean; isApprover: boolean }) =>
      `Você é **${p.name}**, id de objeto do Entra \`${p.objectId}\` no locatário \`${p.tenantId}\`.\n\n` +
      (p.isRequester
        ? '- Você **pode pedir** revogações: você é um dos solicitantes do Token Guard.\n'
        : '- Você **não pode pedir** revogações: você não é um dos solicitantes do Token Guard (REQUESTER_IDS / REQUESTER_GROUP_ID).\n') +
      (p.isApprover
        ? '- Você **pode aprovar** revogações: você é um dos aprovadores do Token Guard. Nunca as suas próprias: um aprovador diferente precisa decidi-las.'
        : '- Você **não pode aprovar** revogações: você não é um dos aprovadores do Token Guard (APPROVER_IDS / APPROVER_GROUP_ID).'),
    requestRevokeStarted: (p: { profileName: string }) => `Revogar "${p.profileName}": pedi uma justificativa no chat.`,
    profileGone: 'Esse perfil não existe mais no Intune. Envie `listar` para ver os atuais.',
    approvalsChannelPosted: (p: { requestId: string }) =>
      `A solicitação \`${p.requestId}\` foi publicada no canal de aprovações para um aprovador diferente decidir. Aviso você do resultado aqui.`,
    approvalsChannelMissing: (p: { reason: 'unset' | 'unknown' }) =>
      'O cartão de aprovação está neste chat, onde os aprovadores não o veem: peça a um aprovador para olhá-lo com você, ou peça num canal ou chat em grupo de que eles participam. ' +
      (p.reason === 'unset'
        ? 'Para que pedidos de chats pessoais sejam publicados para os aprovadores, um administrador define APPROVAL_CHANNEL_ID com o canal de aprovações.'
        : 'Ainda não conheço o canal de aprovações (APPROVAL_CHANNEL_ID): adicione o Token Guard à equipe desse canal, ou mencione-o uma vez nesse canal.'),
    approversAsked: (p: { mentions: string; requesterName: string; profileName: string }) =>
      `${p.mentions} ${p.requesterName} pede para revogar o token do perfil "${p.profileName}". Um aprovador diferente de quem pediu decide no cartão acima.`,
    exportApproversOnly: 'Só os aprovadores do Token Guard podem exportar a trilha de auditoria.',
    doctorApproversOnly: 'Só os aprovadores do Token Guard podem executar as verificações da implantação (elas mostram ids de app, grupos e configurações).',
    reportApproversOnly: 'Só os aprovadores do Token Guard podem pedir o relatório de higiene de tokens.',
    exportPersonalOnly:
      'O arquivo de auditoria só é entregue num chat pessoal comigo, onde ninguém mais vê o link. Envie `historico exportar` para mim lá.',
    exportUnavailable:
      'Não consigo entregar o arquivo de auditoria: meu endereço público não está configurado. Um administrador define PUBLIC_BASE_URL com o endereço https em que o Teams me alcança.',
  },

  refusal: {
    'unknown-request': (p: { requestId: string }) =>
      `Não tenho a solicitação \`${p.requestId}\`. Peça de novo com \`revogar <perfil> <justificativa>\` se o token ainda precisar ser revogado.`,
    'not-pending': (p: NotPendingFacts) =>
      `A solicitação \`${p.requestId}\` já está ${STATE_IN_SENTENCE[p.state]}` +
      (p.decidedBy ? ` (decidida por ${p.decidedBy}${p.decidedAt ? ` em ${formatUtc(p.decidedAt)}` : ''})` : '') +
      '. Nada foi alterado.',
    expired: (p: { requestId: string; expiredAt: string }) =>
      `A solicitação \`${p.requestId}\` expirou em ${formatUtc(p.expiredAt)} sem decisão. ` +
      'Peça de novo com `revogar <perfil> <justificativa>` se o token ainda precisar ser revogado.',
    'reason-required': () => 'Escreva um motivo na caixa Motivo antes de rejeitar.',
    'already-approved': () =>
      'Você já aprovou esta solicitação. Outro aprovador (que não seja quem pediu) precisa aprová-la antes de ela ser executada: nada foi alterado.',
    busy: () => 'Esta solicitação estava sendo alterada por outra pessoa no mesmo momento. Tente de novo, por favor.',
  } satisfies Record<RefusalKey, (p: never) => string>,

  invoke: {
    malformed: 'Esse botão não enviou nada que eu possa usar. Use os botões do cartão mais recente.',
    unknownVerb: 'Não conheço a ação desse botão. Use os botões do cartão mais recente.',
    approvedRevoking: (p: { approverName: string }) => `Aprovada por ${p.approverName} — revogando…`,
    rejected: 'Rejeitada',
    cancelled: 'Solicitação cancelada',
  },

  outcome: {
    succeeded: (p: SucceededFacts) =>
      `Token do perfil "${p.profileName}" revogado em ${formatUtc(p.revokedAt)} (aprovado por ${p.approverName}). ` +
      'Dispositivos já registrados não são afetados; novos registros com o QR code/token deste perfil agora falham.\n\n' +
      idLine(p.requestId, p.graphRequestId, p.clientRequestId),
    failed: (p: FailedFacts) =>
      `A revogação do token do perfil "${p.profileName}" falhou em ${formatUtc(p.failedAt)}. ` +
      `${FAILURE_EXPLANATIONS[p.failure.kind](p.failure)}\n\n` +
      idLine(p.requestId, p.failure.graphRequestId, p.failure.clientRequestId),
  },

  failureExplanation: (failure: RevokeFailure): string => FAILURE_EXPLANATIONS[failure.kind](failure),

  notice: {
    rejected: (p: ClosedRequestFacts) =>
      `${p.byName ?? 'Um aprovador'} rejeitou a revogação do perfil "${p.profileName}" em ${formatUtc(p.at)}` +
      (p.reason ? `: ${p.reason}` : '.') +
      `\n\n${idLine(p.requestId)}`,
    cancelled: (p: ClosedRequestFacts) =>
      `${p.byName ?? 'Alguém'} cancelou a solicitação de revogar o perfil "${p.profileName}" em ${formatUtc(p.at)}` +
      (p.reason ? `: ${p.reason}` : '.') +
      `\n\n${idLine(p.requestId)}`,
    approvalAdded: (p: ApprovalAddedFacts) =>
      `${p.approverName} aprovou a revogação do perfil "${p.profileName}" (${p.given} de ${p.required} aprovações). ` +
      `Ela aguarda ${p.required - p.given === 1 ? 'outro aprovador' : `mais ${p.required - p.given} aprovadores`}.`,
    expired: (p: ClosedRequestFacts) =>
      `A solicitação de revogar o perfil "${p.profileName}" expirou em ${formatUtc(p.at)} sem decisão. ` +
      'O token não foi revogado; peça de novo se ainda precisar revogá-lo.' +
      `\n\n${idLine(p.requestId)}`,
  },

  error: {
    generic: (p: { correlationId: string }) =>
      'Algo deu errado do nosso lado. Tente de novo daqui a pouco; se continuar acontecendo, ' +
      `passe ao seu administrador este id de correlação: \`${p.correlationId}\``,
    tooLarge: (p: { kilobytes: number }) =>
      `Não consegui mostrar esta resposta: ela é maior do que o Teams aceita (${p.kilobytes} KB; o limite é de cerca de 28 KB). ` +
      'Nada mais mudou. Peça menos, por exemplo um único perfil.',
  },

  enrollmentMode: modeLabel,
  profileKind: (kind: ProfileKind): string => PROFILE_KINDS[kind],

  card: {
    title: 'Revogar um token de registro',
    fallbackText: (p: { requestId: string; profileName: string; status: string }) =>
      `Solicitação ${p.requestId} do Token Guard: revogar o token de registro do perfil "${p.profileName}". Status: ${p.status}.`,
    badge: BADGES,
    profileName: 'Perfil',
    profileId: 'Id do perfil',
    profileKind: 'Tipo de perfil',
    enrollmentMode: 'Modo de registro',
    tokenExpiry: 'Token expira',
    tokenNoExpiry: 'Nenhum token ativo',
    enrolledDevices: 'Dispositivos registrados',
    requestedBy: 'Pedida por',
    requestedAt: 'Pedida em',
    requestExpiresAt: 'Solicitação expira',
    requestId: 'Id da solicitação',
    justification: 'Justificativa',
    approvedBy: 'Aprovada por',
    rejectedBy: 'Rejeitada por',
    cancelledBy: 'Cancelada por',
    decidedAt: 'Decidida em',
    decisionReason: 'Motivo',
    revokedAt: 'Revogado em',
    failedAt: 'Falhou em',
    graphRequestId: 'request-id do Graph',
    clientRequestId: 'client-request-id',
    revokedNote: 'Dispositivos já registrados não são afetados; novos registros com o QR code/token deste perfil agora falham.',
    hint: {
      approver: 'Aprove, ou escreva um motivo e rejeite.',
      requester: 'Você pediu esta revogação: um aprovador diferente precisa decidi-la. Você ainda pode cancelá-la.',
      observer: 'Só aprovadores do Token Guard podem decidir esta solicitação.',
      shared:
        'Aprovadores (nunca quem pediu) podem aprovar, ou rejeitar com um motivo. Quem pediu, ou um aprovador, pode cancelar.',
      'earlier-approver':
        'Você aprovou esta solicitação. Ela aguarda outro aprovador (nunca quem pediu). Você ainda pode rejeitá-la com um motivo.',
    },
    quorumHint: (p: { required: number }) =>
      `Esta solicitação precisa de ${p.required} aprovadores diferentes (nunca quem pediu); qualquer aprovador pode rejeitá-la com um motivo. ` +
      'Quem pediu, ou um aprovador, pode cancelar.',
    approvalsProgress: (p: { given: number; required: number }) => `${p.given} de ${p.required} aprovações`,
    approvalsGivenBy: (p: { names: string }) => `Aprovada por ${p.names}`,
    nameList: (names: readonly string[]) =>
      names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} e ${names[names.length - 1]}`,
    reasonLabel: 'Motivo',
    reasonPlaceholder: 'Motivo (obrigatório para rejeitar)',
    approve: 'Aprovar',
    reject: 'Rejeitar',
    cancelRequest: 'Cancelar solicitação',
  },

  rotate: {
    askProfile:
      'O token de qual perfil de registro deve ser rotacionado (revogado e substituído por um novo)? Responda com o id ou o nome de exibição exato. Envie `cancelar` para parar.',
    askJustification: (p: { profileName: string }) =>
      `Por que o token do perfil "${p.profileName}" deve ser rotacionado? Responda com uma justificativa curta ` +
      '(por exemplo o que aconteceu e o número do chamado). Envie `cancelar` para parar.',
    cardTitle: 'Rotacionar um token de registro',
    fallbackText: (p: { requestId: string; profileName: string; status: string }) =>
      `Solicitação ${p.requestId} do Token Guard: rotacionar o token de registro do perfil "${p.profileName}" (revogá-lo e criar um novo). Status: ${p.status}.`,
    badge: {
      pending: () => 'Aguardando aprovação',
      approved: (p: { approverName?: string }) => (p.approverName ? `Aprovada por ${p.approverName} — rotacionando…` : 'Aprovada — rotacionando…'),
      executing: (p: { approverName?: string }) => (p.approverName ? `Aprovada por ${p.approverName} — rotacionando…` : 'Aprovada — rotacionando…'),
      succeeded: () => 'Token rotacionado',
      failed: () => 'A rotação falhou',
      rejected: () => 'Rejeitada',
      cancelled: () => 'Cancelada',
      expired: () => 'Expirada',
    } as Record<RequestState, (p: { approverName?: string }) => string>,
    revokedCreating: 'Token antigo revogado — criando o novo token…',
    rotatedAt: 'Rotacionado em',
    newTokenExpires: 'Novo token expira',
    rotatedNote:
      'O token antigo não funciona mais: novos registros com o QR code/token antigo falham; dispositivos já registrados não são afetados. ' +
      'O Token Guard nunca mostra o novo token nem seu QR code: um administrador do Intune pega o novo QR code no centro de administração do Intune.',
    expiryUnknown: 'Não consegui ler a validade do novo token: confira no centro de administração do Intune.',
    revokedNotCreated: (p: { explanation: string }) =>
      `O token antigo foi revogado (não funciona mais), mas nenhum token novo foi criado. ${p.explanation} ` +
      'Peça de novo com `rotacionar` para criar um (revogar de novo não muda nada), ou crie-o no centro de administração do Intune.',
    notRevoked: (p: { explanation: string }) => `O token antigo não foi revogado e nenhum token novo foi criado. ${p.explanation}`,
    succeeded: (p: RotatedFacts) =>
      `Token do perfil "${p.profileName}" (${p.profileKind}) rotacionado em ${formatUtc(p.rotatedAt)} (aprovado por ${p.approverName}). ` +
      'O token antigo está morto: novos registros com o QR code/token antigo falham; dispositivos já registrados não são afetados. ' +
      (p.newTokenExpiresAt
        ? `O novo token expira em ${formatUtc(p.newTokenExpiresAt)}. `
        : 'Não consegui ler a validade do novo token: confira no centro de administração do Intune. ') +
      'O Token Guard nunca mostra o novo token nem seu QR code: um administrador do Intune pega o novo QR code no centro de administração do Intune ' +
      '(Dispositivos › Registro › Android › o perfil › Token).\n\n' +
      `Id da solicitação: \`${p.requestId}\`` +
      (p.revokeGraphRequestId ? ` · request-id do revokeToken: \`${p.revokeGraphRequestId}\`` : '') +
      (p.createGraphRequestId ? ` · request-id do createToken: \`${p.createGraphRequestId}\`` : '') +
      (p.clientRequestId ? ` · client-request-id: \`${p.clientRequestId}\`` : ''),
    failed: (p: RotateFailedFacts) =>
      `A rotação do token do perfil "${p.profileName}" (${p.profileKind}) falhou em ${formatUtc(p.failedAt)}. ` +
      (p.revokedAt
        ? `O token antigo foi revogado em ${formatUtc(p.revokedAt)} (não funciona mais), mas nenhum token novo foi criado. `
        : 'O token antigo não foi revogado e nenhum token novo foi criado. ') +
      `${FAILURE_EXPLANATIONS[p.failure.kind](p.failure)}` +
      (p.revokedAt ? ' Peça de novo com `rotacionar` para criar o novo token (revogar de novo não muda nada), ou crie-o no centro de administração do Intune.' : '') +
      `\n\n${idLine(p.requestId, p.failure.graphRequestId, p.failure.clientRequestId)}`,
    pendingLabel: 'Rotação de token',
    requesterHint: 'Você pediu esta rotação: um aprovador diferente precisa decidi-la. Você ainda pode cancelá-la.',
    approversAsked: (p: { mentions: string; requesterName: string; profileName: string }) =>
      `${p.mentions} ${p.requesterName} pede para rotacionar o token do perfil "${p.profileName}" (revogá-lo e criar um novo). Um aprovador diferente de quem pediu decide no cartão acima.`,
    rejected: (p: ClosedRequestFacts) =>
      `${p.byName ?? 'Um aprovador'} rejeitou a rotação do perfil "${p.profileName}" em ${formatUtc(p.at)}` +
      (p.reason ? `: ${p.reason}` : '.') +
      `\n\n${idLine(p.requestId)}`,
    cancelled: (p: ClosedRequestFacts) =>
      `${p.byName ?? 'Alguém'} cancelou a solicitação de rotacionar o token do perfil "${p.profileName}" em ${formatUtc(p.at)}` +
      (p.reason ? `: ${p.reason}` : '.') +
      `\n\n${idLine(p.requestId)}`,
    expired: (p: ClosedRequestFacts) =>
      `A solicitação de rotacionar o token do perfil "${p.profileName}" expirou em ${formatUtc(p.at)} sem decisão. ` +
      'O token não foi revogado nem substituído; peça de novo se ainda precisar rotacioná-lo.' +
      `\n\n${idLine(p.requestId)}`,
  },

  listCard: {
    title: 'Perfis de registro',
    fallbackText: 'Token Guard: uma lista de perfis de registro (Proprietário do Dispositivo e perfil de trabalho).',
    range: (p: { from: number; to: number; total: number; query?: string }) =>
      `${p.from}–${p.to} de ${p.total}` + (p.query ? ` com "${p.query}" no nome` : '') + ', em ordem de nome',
    tokenActiveUntil: 'Token ativo até',
    tokenExpired: 'Token expirado',
    tokenNone: 'Sem token',
    devices: (p: { count: number }) => `${p.count} ${p.count === 1 ? 'dispositivo registrado' : 'dispositivos registrados'}`,
    aospEnrolledWithToken: (p: { count: number }) =>
      `${p.count} ${p.count === 1 ? 'dispositivo AOSP registrado' : 'dispositivos AOSP registrados'} com o token atual`,
    requestRevoke: 'Pedir revogação',
    showMore: 'Mostrar mais',
  },

  profileCard: {
    title: 'Perfil de registro',
    fallbackText: (p: { profileName: string }) => `Token Guard: perfil de registro "${p.profileName}".`,
    profileName: 'Perfil',
    profileId: 'Id do perfil',
    description: 'Descrição',
    profileKind: 'Tipo de perfil',
    enrollmentMode: 'Modo de registro',
    tokenType: 'Tipo de token',
    tokenState: 'Token',
    tokenActive: 'Ativo',
    tokenExpired: 'Expirado',
    tokenNone: 'Sem token',
    tokenCreated: 'Token criado',
    tokenExpires: 'Token expira',
    enrolledDevices: 'Dispositivos registrados',
    aospDevicesWithToken: 'Dispositivos AOSP registrados com o token atual',
    scopeTags: 'Marcas de escopo',
    wifi: 'Wi-Fi',
    wifiNone: 'Não configurado',
    wifiHidden: 'oculta',
    deviceNameTemplate: 'Modelo de nome do dispositivo',
    teamsDevice: 'Perfil de dispositivo do Teams',
    yes: 'Sim',
    no: 'Não',
    created: 'Criado',
    modified: 'Última alteração',
    pendingTitle: 'Solicitação aberta',
    noPending: 'Nenhuma solicitação aberta.',
    requestedBy: 'Pedida por',
    requestedAt: 'Pedida em',
    requestId: 'Id da solicitação',
    state: 'Estado',
    revokesTitle: 'Últimas revogações',
    noRevokes: 'Nenhuma revogação pelo Token Guard ainda.',
    revokeSucceeded: 'Revogado',
    revokeFailed: 'Falhou',
    graphRequestId: 'request-id do Graph',
    requestRevoke: 'Pedir revogação',
    secretsNote: 'O token, seu QR code e a senha do Wi-Fi nunca são mostrados.',
  },

  pendingCard: {
    title: 'Solicitações de revogação abertas',
    fallbackText: (p: { count: number }) =>
      `Token Guard: ${p.count} ${p.count === 1 ? 'solicitação de revogação aberta' : 'solicitações de revogação abertas'}.`,
    count: (p: { count: number; shown: number }) => (p.shown < p.count ? `As ${p.shown} mais antigas de ${p.count}` : `${p.count} abertas`),
    requestedBy: (p: { name: string }) => `Pedida por ${p.name}`,
    age: (p: { minutes: number }) =>
      p.minutes < 60 ? `aberta há ${p.minutes} min` : `aberta há ${Math.floor(p.minutes / 60)} h ${p.minutes % 60} min`,
    expires: 'Expira',
    requestId: 'Id da solicitação',
    state: STATE_IN_SENTENCE,
    approve: 'Aprovar',
    cancelRequest: 'Cancelar solicitação',
    open: 'Abrir cartão',
  },

  historyCard: {
    title: 'Histórico',
    fallbackText: 'Token Guard: a trilha de auditoria.',
    scope: (p: { count: number; profileName?: string; profileKind?: string }) =>
      `${p.count === 1 ? 'O registro mais recente' : `Os ${p.count} registros mais recentes`}` +
      (p.profileName ? ` do perfil "${p.profileName}"` + (p.profileKind ? ` (${p.profileKind})` : '') : ''),
    olderScope: (p: { from: number; to: number; profileName?: string }) =>
      `Registros mais antigos: ${p.from} a ${p.to}, do mais recente ao mais antigo` + (p.profileName ? `, do perfil "${p.profileName}"` : ''),
    showMore: 'Mostrar mais',
    action: {
      'request.created': 'Pedida',
      'request.approved': 'Aprovada',
      'request.approval-added': 'Aprovação registrada',
      'request.rejected': 'Rejeitada',
      'request.cancelled': 'Cancelada',
      'request.expired': 'Expirada',
      'revoke.started': 'Revogação iniciada',
      'revoke.retried': 'Revogação tentada de novo',
      'revoke.succeeded': 'Token revogado',
      'revoke.failed': 'A revogação falhou',
      'notify.failed': 'Falha ao avisar no Teams',
      'access.denied': 'Acesso negado',
      'action.refused': 'Ação recusada',
      'audit.exported': 'Auditoria exportada',
      'bulk.item.revoked': 'Token revogado (revogar-varios)',
      'bulk.item.failed': 'Falha ao revogar (revogar-varios)',
      'bulk.item.retried': 'Revogação reenviada (revogar-varios)',
      'report.posted': 'Relatório de higiene publicado',
      'rotate.revoked': 'Token antigo revogado (rotação)',
      'rotate.created': 'Novo token criado (rotação)',
    } satisfies Record<AuditAction, string>,
    system: 'Token Guard',
    requestId: 'Solicitação',
    profileId: 'Perfil',
    outcome: 'Resultado',
    graphRequestId: 'request-id do Graph',
  },

  bulk: {
    usage:
      'Ponha o texto entre aspas duplas e diga por quê. Exemplo: `revogar-varios "Lisboa" QR codes das lojas de Lisboa vazaram`',
    unterminatedQuote: 'O texto abre aspas mas não as fecha. Exemplo: `revogar-varios "Lisboa" <justificativa>`',
    textTooShort: (p: { text: string; min: number }) =>
      `"${p.text}" é curto demais: o texto precisa ter pelo menos ${p.min} caracteres, para não abranger todos os perfis por engano.`,
    justificationMissing: (p: { text: string }) =>
      `Por que revogar todos os perfis cujo nome contém "${p.text}"? Envie de novo com uma justificativa: ` +
      `\`revogar-varios "${p.text}" <justificativa>\`.`,
    noMatch: (p: { text: string }) => `Nenhum perfil de registro tem "${p.text}" no nome. Nada foi pedido. \`listar ${p.text}\` mostra o que existe.`,
    tooMany: (p: { text: string; count: number; max: number }) =>
      `${p.count} perfis têm "${p.text}" no nome: mais que os ${p.max} que uma solicitação pode abranger (BULK_MAX_PROFILES). ` +
      'Nada foi pedido: envie um texto mais específico.',
    allHaveOpenRequests: (p: { text: string; count: number }) =>
      `Todos os ${p.count} perfis com "${p.text}" no nome já têm uma solicitação de revogação aberta. Nada novo foi pedido.`,
    alreadyOpen: (p: { text: string; requestId: string; requesterName: string }) =>
      `Já há uma solicitação revogar-varios aberta para "${p.text}": \`${p.requestId}\`, pedida por ${p.requesterName}. ` +
      'Aprove, rejeite ou cancele no cartão dela em vez de pedir de novo.',
    card: {
      title: 'Revogar todos os tokens correspondentes',
      fallbackText: (p: { requestId: string; text: string; count: number; status: string }) =>
        `Solicitação ${p.requestId} do Token Guard: revogar os tokens de registro de ${p.count} perfis com "${p.text}". Situação: ${p.status}.`,
      matching: 'O nome contém',
      profiles: 'Perfis',
      enrolledDevices: 'Dispositivos registrados (total)',
      namesHeading: 'Perfis a revogar',
      andMore: (p: { count: number }) => `e mais ${p.count}`,
      leftOut: (p: { count: number; names: string }) =>
        `Deixados de fora: ${p.count} ${p.count === 1 ? 'perfil correspondente tem' : 'perfis correspondentes têm'} uma solicitação de revogação própria aberta (${p.names}); ` +
        'decida-as nos próprios cartões.',
      approvals: (p: { given: number; required: number }) => `${p.given} de ${p.required} aprovações`,
      approvedByList: 'Aprovado por',
      hintApprover: (p: { required: number }) =>
        `Precisa de ${p.required} aprovadores diferentes (nunca quem pediu). Aprove, ou escreva um motivo e rejeite: uma rejeição encerra.`,
    },
    progress: {
      title: 'Revogando os tokens correspondentes',
      finishedTitle: 'Revogar-varios concluído',
      fallbackText: (p: { revoked: number; failed: number; left: number }) => `Token Guard: ${p.revoked} revogados, ${p.failed} com falha, ${p.left} restantes.`,
      matching: 'O nome contém',
      revoked: 'Revogados',
      failed: 'Com falha',
      left: 'Restantes',
      requestId: 'Id da solicitação',
      failuresHeading: 'Não revogados',
      failureRow: (p: { name: string; reason: string; graphRequestId?: string }) =>
        `${p.name}: ${p.reason}` + (p.graphRequestId ? ` (request-id do Graph ${p.graphRequestId})` : ''),
      moreFailures: (p: { count: number }) => `…e mais ${p.count}: o \`historico\` desta solicitação lista todos.`,
      allRevoked: 'Todos os tokens foram revogados. Dispositivos já registrados não são afetados; novos registros com os QR codes destes perfis falham.',
    },
  },
  hygieneCard: {
    title: 'Relatório de higiene de tokens',
    fallbackText: (p: { count: number }) => `Token Guard: ${p.count} ${p.count === 1 ? 'token de registro precisa' : 'tokens de registro precisam'} de atenção.`,
    summary: (p: { count: number; active: number }) =>
      p.count === 0 ? `Nenhum dos ${p.active} tokens ativos precisa de atenção.` : `${p.count} de ${p.active} tokens ativos precisam de atenção, os mais urgentes primeiro.`,
    scheduled: 'Publicado pelo agendamento (HYGIENE_REPORT_SCHEDULE).',
    askedBy: (p: { name: string }) => `Pedido por ${p.name}.`,
    category: {
      expiring: (p: { days: number }) => `Renovar em breve (expiram em até ${p.days} dias)`,
      'no-devices': () => 'Ativos num perfil sem dispositivo registrado',
      old: (p: { days: number }) => `Criados há mais de ${p.days} dias`,
      'long-lived': (p: { days: number }) => `Válidos por mais de ${p.days} dias a partir de agora`,
    },
    reason: {
      expiring: (p: { days: number }) => `expira ${p.days < 1 ? 'hoje' : `em ${p.days} ${p.days === 1 ? 'dia' : 'dias'}`}: renovar em breve (rotacionar)`,
      'no-devices': () => 'nenhum dispositivo registrado: ninguém precisa deste token',
      old: (p: { days?: number }) => `criado há ${p.days ?? '?'} dias`,
      'long-lived': (p: { days: number }) => `válido por mais ${p.days} dias`,
    },
    renewHint: 'Renovar em breve: dê um novo token ao perfil antes que este expire com `rotacionar <perfil>` (um segundo aprovador concorda); revogue um token que ninguém deveria ter.',
    tokenExpires: 'Token expira',
    range: (p: { from: number; to: number; total: number }) => `Tokens ${p.from}–${p.to} de ${p.total}`,
    requestRevoke: 'Pedir revogação',
    showMore: 'Mostrar mais',
  },
  privateNotice: {
    approverAsked: (p: { requesterName: string; operation: string; profileName: string; profileId: string; justification: string; requestId: string; link?: string }) =>
      `**${p.requesterName}** pede para ${OPERATION_WORDS_PT[p.operation] ?? OPERATION_WORDS_PT.revoke} perfil "${p.profileName}" (\`${p.profileId}\`). ` +
      `Motivo: ${p.justification}\n\n` +
      (p.link
        ? `[Abrir o cartão de aprovação](${p.link}) para aprovar ou rejeitar (solicitação \`${p.requestId}\`).`
        : `O cartão está em um chat do qual você não participa: envie \`pendentes\` para mim para decidir sobre a solicitação \`${p.requestId}\`.`),
    cardLink: (p: { link: string }) => `[Abrir o cartão de aprovação](${p.link})`,
  },
};
