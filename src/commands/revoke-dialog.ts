/**
 * The conversation that turns "revoke <profile> [justification]" (or "rotate …") into a pending request:
 * find the profile (ask which one when several match), ask for a justification when missing,
 * open the request and post the approval card. Authorization happened before the dialog began.
 */
import { ComponentDialog, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { ProfileSnapshot, RequestOperation, RevokeRequest } from '../approvals/revoke-request';
import type { ApprovalService } from '../approvals/approval-service';
import { GraphFailure, type EnrollmentProfiles } from '../approvals/enrollment-profiles';
import { MAX_JUSTIFICATION_LENGTH, normalize } from './parse-command';
import { actorOf } from '../teams/turn-actor';
import { conversationKeyOf } from '../teams/conversation-key';
import type { Texts } from '../i18n/texts';

export const REVOKE_DIALOG = 'revoke';
const FLOW = 'revoke-flow';
const PROFILE_PROMPT = 'revoke-profile';
const CHOICE_PROMPT = 'revoke-choice';
const JUSTIFICATION_PROMPT = 'revoke-justification';

export interface RevokeDialogOptions {
  profileQuery?: string;
  justification?: string;
  /** What the request will do once approved; absent: 'revoke'. Kept in the dialog state across turns. */
  operation?: RequestOperation;
}

interface RevokeDialogState extends RevokeDialogOptions {
  candidates?: ProfileSnapshot[];
  profile?: ProfileSnapshot;
}

export interface RevokeDialogDeps {
  profiles: EnrollmentProfiles;
  service: ApprovalService;
  texts: Texts;
  /** Posts the approval card in the current conversation; returns the card activity id. */
  postApprovalCard(context: TurnContext, request: RevokeRequest): Promise<void>;
  /** Names near an unknown one, for "did you mean …". */
  suggestProfiles?(query: string): Promise<ProfileSnapshot[]>;
}

export class RevokeDialog extends ComponentDialog {
  constructor(private readonly deps: RevokeDialogDeps) {
    super(REVOKE_DIALOG);
    this.addDialog(new TextPrompt(PROFILE_PROMPT, async (p) => Boolean(p.recognized.value && normalize(p.recognized.value))));
    this.addDialog(new TextPrompt(CHOICE_PROMPT, (p) => this.validateChoice(p)));
    this.addDialog(new TextPrompt(JUSTIFICATION_PROMPT, (p) => this.validateJustification(p)));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        (step) => this.askProfile(step),
        (step) => this.findProfile(step),
        (step) => this.chooseProfile(step),
        (step) => this.askJustification(step),
        (step) => this.openRequest(step),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  /** The texts in the language of whoever is answering. */
  private texts(context: TurnContext): Texts {
    return this.deps.texts.forLocale(context.activity.locale);
  }

  private state(step: WaterfallStepContext): RevokeDialogState {
    const options = (step.options ?? {}) as RevokeDialogOptions;
    const values = step.values as RevokeDialogState;
    if (values.profileQuery === undefined && options.profileQuery) values.profileQuery = options.profileQuery;
    if (values.justification === undefined && options.justification) values.justification = options.justification;
    if (values.operation === undefined && options.operation) values.operation = options.operation;
    return values;
  }

  private async askProfile(step: WaterfallStepContext) {
    const state = this.state(step);
    if (state.profileQuery) return step.next(state.profileQuery);
    return step.prompt(PROFILE_PROMPT, { prompt: this.texts(step.context).askProfile(isChannel(step.context), state.operation) });
  }

  private async findProfile(step: WaterfallStepContext) {
    const state = this.state(step);
    state.profileQuery = normalize(String(step.result)).replace(/^["“”]|["“”]$/g, '').trim();
    let matches: ProfileSnapshot[];
    try {
      matches = await this.deps.profiles.find(state.profileQuery);
    } catch (error) {
      if (!(error instanceof GraphFailure)) throw error;
      await step.context.sendActivity(this.texts(step.context).lookupFailed(error.failure));
      return step.endDialog();
    }
    if (matches.length === 0) {
      const suggestions = await this.deps.suggestProfiles?.(state.profileQuery).catch(() => []);
      await step.context.sendActivity(this.texts(step.context).unknownProfile(state.profileQuery, suggestions));
      return step.endDialog();
    }
    if (matches.length === 1) return step.next(matches[0]);
    state.candidates = matches.slice(0, 25);
    return step.prompt(CHOICE_PROMPT, {
      prompt: this.texts(step.context).chooseProfile(state.profileQuery, state.candidates, isChannel(step.context)),
      retryPrompt: this.texts(step.context).chooseProfileRetry(state.candidates.length),
      validations: state.candidates,
    });
  }

  private async chooseProfile(step: WaterfallStepContext) {
    const state = this.state(step);
    state.profile = typeof step.result === 'string' ? pickCandidate(step.result, state.candidates ?? []) : (step.result as ProfileSnapshot);
    if (!state.profile) return step.endDialog();
    if (state.justification) return step.next(state.justification);
    return step.prompt(JUSTIFICATION_PROMPT, {
      prompt: this.texts(step.context).askJustification(state.profile.displayName, isChannel(step.context), state.operation),
      retryPrompt: this.texts(step.context).justificationInvalid(MAX_JUSTIFICATION_LENGTH),
    });
  }

  private async askJustification(step: WaterfallStepContext) {
    const state = this.state(step);
    const justification = normalize(String(step.result ?? ''));
    if (!justification || justification.length > MAX_JUSTIFICATION_LENGTH) {
      await step.context.sendActivity(this.texts(step.context).justificationInvalid(MAX_JUSTIFICATION_LENGTH));
      return step.endDialog();
    }
    state.justification = justification;
    return step.next();
  }

  private async openRequest(step: WaterfallStepContext) {
    const state = this.state(step);
    const context = step.context;
    const actor = actorOf(context.activity);
    const result = await this.deps.service.open({
      tenantId: actor.tenantId!,
      profile: state.profile!,
      requester: { id: actor.objectId!, name: actor.name },
      justification: state.justification!,
      ...(state.operation ? { operation: state.operation } : {}),
      location: {
        conversationKey: conversationKeyOf(context.activity),
        conversationType: context.activity.conversation?.conversationType ?? 'personal',
        requesterTeamsId: actor.teamsId,
        ...(typeof context.activity.locale === 'string' ? { locale: context.activity.locale.slice(0, 20) } : {}),
      },
    });
    if (!result.created) {
      await context.sendActivity(this.texts(context).alreadyOpen(result.existing));
      return step.endDialog();
    }
    await this.deps.postApprovalCard(context, result.request);
    return step.endDialog(result.request.id);
  }

  private async validateChoice(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const candidates = (prompt.options.validations ?? []) as ProfileSnapshot[];
    return Boolean(prompt.recognized.value && pickCandidate(prompt.recognized.value, candidates));
  }

  private async validateJustification(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = normalize(prompt.recognized.value ?? '');
    return text.length > 0 && text.length <= MAX_JUSTIFICATION_LENGTH;
  }
}

/** "2", "#2" or a profile id picks one of the listed candidates. */
export function pickCandidate(answer: string, candidates: ProfileSnapshot[]): ProfileSnapshot | undefined {
  const text = normalize(answer).replace(/^#/, '');
  const index = /^\d+$/.test(text) ? Number(text) - 1 : -1;
  if (index >= 0 && index < candidates.length) return candidates[index];
  return candidates.find((c) => c.id.toLowerCase() === text.toLowerCase());
}

function isChannel(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'channel';
}
