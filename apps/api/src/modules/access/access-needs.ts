/**
 * Access needs (docs/interpretation-and-access.md): plain rules shared by the profile, booking,
 * the organiser's view and retention. Health and disability information: kept only with consent,
 * shown only to the session's organisers and the meeting's assigned interpreter.
 */
export enum AccessNeed {
  BSL_INTERPRETER = 'BSL_INTERPRETER',
  WELSH_INTERPRETATION = 'WELSH_INTERPRETATION',
  CAPTIONS = 'CAPTIONS',
  AUDIO_ONLY = 'AUDIO_ONLY',
  EXTRA_TIME = 'EXTRA_TIME',
  BREAKS = 'BREAKS',
}

const ORDER = Object.values(AccessNeed);
export const NOTE_MAX = 280;

/** The stored text ("BSL_INTERPRETER,CAPTIONS"): known needs only, in a fixed order, without repeats. */
export function needsText(needs: readonly string[]): string {
  return ORDER.filter((need) => needs.includes(need)).join(',');
}

export function needsList(text: string | null | undefined): AccessNeed[] {
  return needsText((text ?? '').split(','))
    .split(',')
    .filter(Boolean) as AccessNeed[];
}

/** A note is kept trimmed; blank is no note. */
export function noteText(note: string | null | undefined): string | null {
  const trimmed = (note ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/** Nothing asked for: no needs and no note (nothing is stored then). */
export function isEmpty(needs: readonly string[], note: string | null | undefined): boolean {
  return needsText(needs) === '' && noteText(note) === null;
}

/** Per-meeting needs of meetings that ended before this instant are deleted. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
}
