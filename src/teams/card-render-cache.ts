/**
 * Rendered approval cards, kept for the next reader of the same version of a request: expanding
 * the card template is the largest part of a click's CPU, and the same card is asked for again
 * and again — by every reader whose Teams client refreshes it (Universal Actions: each listed or,
 * in a chat, every member), by a second click on it, by the notifier after a decision.
 *
 * A request's content never changes without a new `version` (every store write is a
 * compare-and-set on it), so (request id, version, state, viewer, language, refresh list, shown as
 * expired) fully names a card: the refresh list is the only part of the location the card shows
 * (a card about to be moved to the approvals channel has a new one at the same version), and a
 * pending request past its expiry is shown as expired before the sweeper stores it so (the only
 * way the clock changes a card). Cards are frozen: every caller shares the one copy, and a caller
 * that tried to change it would throw instead of changing everyone's card.
 *
 * Bounded (least recently used first out): a card is a few KB, and only recent versions are read.
 */
import { LRUCache } from 'lru-cache';
import type { CardViewer } from '../cards/approval-card-view';
import type { RevokeRequest } from '../approvals/revoke-request';
import type { Messages } from '../i18n/en';
import { deepFreeze } from '../support/deep-freeze';

export const CARD_RENDER_CACHE_SIZE = 500;

export interface CardRenderKey {
  request: RevokeRequest;
  viewer: CardViewer;
  messages: Messages;
  refreshUserIds?: string[];
  now: Date;
}

export class CardRenderCache {
  private readonly cards: LRUCache<string, object>;
  /** One number per language object, for the key (the objects are few and live as long as the process). */
  private readonly languages = new WeakMap<Messages, number>();
  private nextLanguage = 0;
  private hits = 0;
  private misses = 0;

  constructor(maxCards = CARD_RENDER_CACHE_SIZE) {
    this.cards = new LRUCache({ max: maxCards });
  }

  /** The card for `key`: the one rendered before, or `render()`'s (then kept). */
  card(key: CardRenderKey, render: () => object): object {
    const name = this.nameOf(key);
    const cached = this.cards.get(name);
    if (cached) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const card = deepFreeze(render());
    this.cards.set(name, card);
    return card;
  }

  stats(): { hits: number; misses: number; size: number } {
    return { hits: this.hits, misses: this.misses, size: this.cards.size };
  }

  private nameOf({ request, viewer, messages, refreshUserIds, now }: CardRenderKey): string {
    let language = this.languages.get(messages);
    if (language === undefined) this.languages.set(messages, (language = this.nextLanguage++));
    const shownExpired = request.state === 'pending' && Date.parse(request.expiresAt) <= now.getTime();
    const refresh = refreshUserIds === undefined ? '-' : JSON.stringify(refreshUserIds);
    return JSON.stringify([request.id, request.version, request.state, shownExpired, viewer, language, refresh]);
  }
}
