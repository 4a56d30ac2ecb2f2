/**
 * What a person does in the Playground's UI, in its words: open a chat or channel, write a
 * message that @mentions the bot, find a card. Selectors are the ones the Playground exposes to
 * assistive technology (labels, roles), verified against @microsoft/m365agentsplayground 0.2.28.
 */
import type { Locator, Page } from 'playwright-core';

const EDITOR = '[data-lexical-editor="true"][contenteditable="true"]';
export const UI_TIMEOUT_MS = 45_000;

/** Clicks a chat or channel in the left list: "Personal Chat", a group chat's name, "<Team> - <Channel>". */
export async function openConversation(page: Page, label: string): Promise<void> {
  await page.getByRole('treeitem', { name: label, exact: true }).click({ timeout: UI_TIMEOUT_MS });
}

/** Types `@<botName>`, picks the bot in the mention menu, then types the rest. */
async function writeMention(page: Page, botName: string, rest: string): Promise<void> {
  const editor = page.locator(EDITOR).first();
  await editor.click({ timeout: UI_TIMEOUT_MS });
  await editor.pressSequentially(`@${botName.split(' ')[0]}`);
  await page.getByRole('menuitem', { name: botName }).click({ timeout: UI_TIMEOUT_MS });
  await editor.pressSequentially(` ${rest}`);
}

/** A new post in the open channel (each post starts a thread). */
export async function postInChannelMentioning(page: Page, botName: string, rest: string): Promise<void> {
  await writeMention(page, botName, rest);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
}

/** A message in the open chat (personal or group). */
export async function sendInChatMentioning(page: Page, botName: string, rest: string): Promise<void> {
  await writeMention(page, botName, rest);
  await page.getByLabel('Send Message').click();
}

/** The rendered Adaptive Card that shows `text` (e.g. the request id). */
export function cardShowing(page: Page, text: string): Locator {
  return page.locator('.ac-adaptiveCard').filter({ hasText: text });
}
