/**
 * Which language a person gets: Teams sends the client's language as `activity.locale`
 * (e.g. "pt-BR", "en-US"). Brazilian Portuguese for pt-BR, English for anything else.
 */
import { en, type Messages } from './en';
import { ptBr } from './pt-br';

export function messagesForLocale(locale: string | undefined): Messages {
  const tag = (locale ?? '').trim().toLowerCase().replace('_', '-');
  return tag === 'pt-br' ? ptBr : en;
}
