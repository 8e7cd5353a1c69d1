import { Language } from '../../core/auth/role';
import { fillSentence, type Filler } from '../../core/i18n/welsh';
import cy from './messages/cy.json';
import en from './messages/en.json';

export type MessageKey = keyof typeof en;

/** The e-mail and .ics texts, one file per language with the same keys (mail-messages.spec.ts). */
export const MAIL_MESSAGES: Record<Language, Record<MessageKey, string>> = { cy, en };

/**
 * The text for `key` in `language` with its placeholders filled in: `{name}`, or in Welsh
 * `{name:soft}` and the like, which writes a term given with its forms in that form (core/i18n/welsh.ts).
 */
export function message(language: Language, key: MessageKey, values: Record<string, Filler> = {}): string {
  return fillSentence(MAIL_MESSAGES[language][key] ?? MAIL_MESSAGES.en[key], values);
}
