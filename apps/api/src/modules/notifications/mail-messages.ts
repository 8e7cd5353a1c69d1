import { Language } from '../../core/auth/role';
import cy from './messages/cy.json';
import en from './messages/en.json';

export type MessageKey = keyof typeof en;

/** The e-mail and .ics texts, one file per language with the same keys (mail-messages.spec.ts). */
export const MAIL_MESSAGES: Record<Language, Record<MessageKey, string>> = { cy, en };

/** The text for `key` in `language` with `{name}` placeholders filled in. */
export function message(language: Language, key: MessageKey, values: Record<string, string> = {}): string {
  const template = MAIL_MESSAGES[language][key] ?? MAIL_MESSAGES.en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
