import { MeetingStatus, OutcomeSource } from '../booking/booking.enums';

/** Undisputed no-shows in this window count; older ones are forgotten. */
export const NO_SHOW_WINDOW_MS = 365 * 24 * 3600_000;
/** From this many undisputed no-shows in the window, an organiser may lower a person's auto-schedule priority. */
export const REPEATED_NO_SHOWS = 2;
/** What such a person's candidates' scores are multiplied by: lower within their tier, never below a lower tier. */
export const REPEATED_NO_SHOW_SCORE_FACTOR = 0.5;

export enum NoShowState {
  /** Not a no-show: they turned up, or nobody can say they did not. */
  NONE = 'NONE',
  /** Decided by the room or an organiser, and not contradicted by the person: it counts. */
  COUNTED = 'COUNTED',
  /** The person said it was not one ("we met", or a dispute): it does not count. */
  DISPUTED = 'DISPUTED',
}

/** What decides whether a participant's absence from a meeting is a no-show. */
export interface NoShowFacts {
  status: MeetingStatus;
  outcomeSource: OutcomeSource | null;
  /** They were in the meeting's video room at some point. */
  turnedUp: boolean;
  /** Someone else in the meeting (not an organiser) was in the room. */
  othersTurnedUp: boolean;
  /** Their own latest word on whether the meeting took place. */
  saidHappened: boolean | null;
  disputed: boolean;
}

/**
 * Kindly: only the room (when someone else was there and waited) or an organiser marking the meeting
 * not held can record a no-show, and the person's own word ("we met", or "this was not a no-show")
 * takes it off the count. A room that saw nobody proves nothing (video may have been down, or they
 * met elsewhere), and neither does the participants' own "it didn't happen".
 */
export function noShowState(f: NoShowFacts): NoShowState {
  if (f.turnedUp) return NoShowState.NONE;
  const byRoom =
    f.outcomeSource === OutcomeSource.ROOM &&
    f.othersTurnedUp &&
    (f.status === MeetingStatus.COMPLETED || f.status === MeetingStatus.NO_SHOW);
  const byOrganiser = f.outcomeSource === OutcomeSource.ORGANISER && f.status === MeetingStatus.NO_SHOW;
  if (!byRoom && !byOrganiser) return NoShowState.NONE;
  return f.disputed || f.saidHappened === true ? NoShowState.DISPUTED : NoShowState.COUNTED;
}
