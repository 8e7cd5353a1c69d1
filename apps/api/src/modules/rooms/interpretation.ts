/**
 * Interpretation channels (docs/interpretation-and-access.md): plain rules shared by the token, the
 * webhook check and the tests. An interpreter publishes one audio track per language they
 * interpret into, named `interp-<language>`; listeners subscribe only to the chosen channel, and
 * only from participants whose server-set attributes say `role: INTERPRETER`.
 */
export const CHANNEL_LANGUAGES = ['cy', 'en'] as const;
export type ChannelLanguage = (typeof CHANNEL_LANGUAGES)[number];

/**
 * What an interpreter may be assigned to interpret into: the two audio channels, and British Sign
 * Language (video: the room pins a BSL interpreter's video for the people who asked for BSL).
 */
export enum InterpreterLanguage {
  cy = 'cy',
  en = 'en',
  bsl = 'bsl',
}
export const INTERPRETER_LANGUAGES: readonly string[] = Object.values(InterpreterLanguage);

export const INTERPRETER_ATTRIBUTE_ROLE = 'INTERPRETER';
const CHANNEL_PREFIX = 'interp-';

export function channelTrackName(language: ChannelLanguage): string {
  return `${CHANNEL_PREFIX}${language}`;
}

/** The channel a track name claims, or null for an ordinary track. Any `interp-` name is a claim. */
export function channelOf(trackName: string | undefined): string | null {
  if (!trackName || !trackName.toLowerCase().startsWith(CHANNEL_PREFIX)) return null;
  return trackName.slice(CHANNEL_PREFIX.length).toLowerCase();
}

/** The attributes the API signs into an interpreter's token. */
export function interpreterAttributes(languages: readonly string[]): Record<string, string> {
  return { role: INTERPRETER_ATTRIBUTE_ROLE, languages: languages.join(',') };
}

/**
 * May the participant with these (server-set) attributes publish this track? Anything that is not
 * a channel, yes; a channel only for an interpreter into that language.
 */
export function mayPublish(trackName: string | undefined, attributes: Record<string, string> | undefined): boolean {
  const channel = channelOf(trackName);
  if (channel === null) return true;
  if (!(CHANNEL_LANGUAGES as readonly string[]).includes(channel)) return false;
  if (attributes?.role !== INTERPRETER_ATTRIBUTE_ROLE) return false;
  return (attributes.languages ?? '').split(',').includes(channel);
}

/** "cy,en,bsl" from a list, in a fixed order, without repeats. */
export function languagesText(languages: readonly string[]): string {
  return INTERPRETER_LANGUAGES.filter((l) => languages.includes(l)).join(',');
}

/** Does this participant (by their server-set attributes) interpret into BSL? Their video is then pinned for those who asked for BSL. */
export function isBslInterpreter(attributes: Record<string, string> | undefined): boolean {
  return attributes?.role === INTERPRETER_ATTRIBUTE_ROLE && (attributes.languages ?? '').split(',').includes('bsl');
}
