import type { MeetingTier, PersonFairness, ScheduleObjective, UnassignedReason } from '@cyswllt/matching';

/** What a run proposes, stored as JSON on the run and shown in the preview. */
export interface DraftMeeting {
  slotId: string;
  hostId: string;
  guestIds: string[];
  thirdPartyId: string | null;
  /** The strongest tier among the candidates it joins; ACCEPTED alone makes it CONFIRMED. */
  tiers: MeetingTier[];
  requestIds: string[];
  /** Extra time: it takes this slot and the next one; absent in drafts made before it existed. */
  extraTime?: boolean;
}

export interface DraftUnplaced {
  hostId: string;
  guestId: string;
  tier: MeetingTier;
  reason: UnassignedReason;
}

export interface ScheduleDraft {
  meetings: DraftMeeting[];
  unplaced: DraftUnplaced[];
  practitionersWithoutMeeting: string[];
  /** Who the run counted as practitioners, and who already had a booked meeting (adjusting needs both). */
  practitionerIds: string[];
  inFixedMeetings: string[];
  objective: ScheduleObjective;
  emptyReason: string | null;
  /** People whose candidates were ranked lower for repeated no-shows; absent in drafts made before it existed. */
  lowerPriority?: { userId: string; noShows: number }[];
  /** Each person's meetings, value and why they have none, as the run left them (the fairness report); absent in runs made before it. */
  fairness?: PersonFairness[];
}

/** A candidate of the scheduler, with what publishing needs to know about it. */
export interface CandidateSource {
  id: string;
  hostId: string;
  guestId: string;
  thirdPartyId: string | null;
  tier: MeetingTier;
  score: number;
  requestIds: string[];
  /** A request asked for extra time: two consecutive slots. */
  extraTime: boolean;
  /** Its people with repeated no-shows, for whom its score was lowered. */
  lowered: { userId: string; noShows: number }[];
}
