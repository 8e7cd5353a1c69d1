/**
 * The auto-scheduler's input and output. Everything is plain data with string ids, so the api
 * can build it from its tables and store the result as it is.
 */

/** How much a candidate meeting is wanted, strongest first. */
export type MeetingTier = 'ACCEPTED' | 'MUTUAL_REQUEST' | 'ONE_SIDED_REQUEST' | 'RECOMMENDED';

export const MEETING_TIERS: readonly MeetingTier[] = ['ACCEPTED', 'MUTUAL_REQUEST', 'ONE_SIDED_REQUEST', 'RECOMMENDED'];

/**
 * Value of a placed candidate = TIER_WEIGHTS[tier] + score / (highest score among the candidates)
 * (0 when every score is 0). The score part lies in [0, 1] and each tier weight is more than the
 * next tier's weight + 1, so one meeting of a higher tier is always worth more than one of a lower
 * tier, whatever the scores.
 */
export const TIER_WEIGHTS: Readonly<Record<MeetingTier, number>> = Object.freeze({
  ACCEPTED: 16,
  MUTUAL_REQUEST: 8,
  ONE_SIDED_REQUEST: 4,
  RECOMMENDED: 2,
});

export interface ScheduleSlot {
  id: string;
  /** Position in the session's grid; unique. Output is ordered by it. */
  index: number;
  /** Break slots never receive meetings. */
  isBreak: boolean;
}

export interface SchedulePerson {
  id: string;
  /** Practitioners are counted by the first objective: how many have at least one meeting. */
  isPractitioner: boolean;
  /** Slots this person is free in. Hosts host only where they are available and have seats. */
  availableSlotIds: readonly string[];
}

/** A host's offer in one slot: one meeting there with up to `seats` guests (1 = one-to-one). */
export interface HostCapacity {
  hostId: string;
  slotId: string;
  seats: number;
}

/**
 * A meeting the scheduler may place. Two-party candidates of one host in one slot form one group
 * meeting (up to the host's seats). A candidate with a third party is one unit needing all three
 * free, and takes the host's meeting in that slot for itself (a meeting has one third party).
 */
export interface CandidateMeeting {
  id: string;
  hostId: string;
  guestId: string;
  thirdPartyId?: string | null;
  tier: MeetingTier;
  /** Any finite number ≥ 0 (e.g. a match score); normalised by the highest score. */
  score: number;
  /**
   * Extra time: the meeting takes two consecutive slots of the grid (indexes i and i + 1, neither a
   * break), placed at the first. Everyone must be available and free in both, the host must offer
   * seats in both, and the meeting has the host to itself in both (no group). Default false.
   */
  extraTime?: boolean;
}

/**
 * A meeting already booked: never moved. It occupies its people in its slot and `guestIds.length`
 * of the host's seats there; its pairs count as having met. Two-party candidates may fill the
 * remaining seats of a fixed group meeting that has no third party. Availability and breaks are
 * not checked for fixed meetings (they are facts), but they must not double-book anyone or
 * overfill the host's seats.
 */
export interface FixedMeeting {
  id: string;
  slotId: string;
  hostId: string;
  guestIds: readonly string[];
  thirdPartyId?: string | null;
}

export interface ScheduleInput {
  slots: readonly ScheduleSlot[];
  people: readonly SchedulePerson[];
  capacities: readonly HostCapacity[];
  candidates: readonly CandidateMeeting[];
  fixedMeetings?: readonly FixedMeeting[];
  /** Seeds every random choice: the same input and seed give the same result. Default 1. */
  seed?: number;
}

export interface ScheduleOptions {
  /**
   * Multiplies the improvement phase's work (default 1, range 0..100). 0 stops after the greedy
   * construction. The work is counted in moves, not time, so results do not depend on the machine.
   */
  effort?: number;
}

export type SchedulePhase = 'PREPARE' | 'CONSTRUCT' | 'IMPROVE' | 'FINISH';

export interface ScheduleProgress {
  phase: SchedulePhase;
  /** Share of the planned work done, in [0, 1]; never decreases. */
  fraction: number;
  /** The best schedule found so far. */
  practitionersWithMeeting: number;
  totalValue: number;
  assignedCount: number;
  elapsedMs: number;
}

export interface ScheduleAsyncOptions extends ScheduleOptions {
  onProgress?: (progress: ScheduleProgress) => void;
  /** Aborting rejects the promise with a MatchingError (code ABORTED, name AbortError) within a second. */
  signal?: AbortSignal;
  /** Longest gap between two progress reports, in ms (default 500, minimum 10). */
  progressIntervalMs?: number;
}

export interface ScheduleAssignment {
  candidateId: string;
  /** The slot the meeting starts in (an extra-time meeting also takes the next one). */
  slotId: string;
}

export type UnassignedReason =
  /** The candidate's pair (or one of a three-way's pairs) already meets in a fixed or another placed meeting. */
  | 'REPEATED_PAIR'
  /** No usable slot where everyone is available and the host has seats. */
  | 'NO_COMMON_SLOT'
  /** In every common slot someone is already in another meeting. */
  | 'PERSON_BUSY'
  /** In some common slot everyone is free but the host's meeting there is full (or has a third party). */
  | 'HOST_FULL';

export interface UnassignedCandidate {
  candidateId: string;
  reason: UnassignedReason;
}

export interface ScheduleObjective {
  /** First objective: practitioners with at least one meeting (fixed or placed). */
  practitionersWithMeeting: number;
  practitionersTotal: number;
  /** Second objective: sum of the placed candidates' values (see TIER_WEIGHTS). */
  totalValue: number;
  assignedCount: number;
  assignedByTier: Record<MeetingTier, number>;
}

export type EmptyReason = 'NO_SLOTS' | 'NO_USABLE_SLOTS' | 'NO_PEOPLE' | 'NO_CANDIDATES';

export interface ScheduleResult {
  /** Placed candidates, in input order. */
  assignments: ScheduleAssignment[];
  /** Candidates not placed, in input order, each with why. */
  unassigned: UnassignedCandidate[];
  /** Practitioners with no meeting at all (neither fixed nor placed), in input order. */
  practitionersWithoutMeeting: string[];
  objective: ScheduleObjective;
  /** Set when there was nothing to schedule; the rest of the result is then trivially empty. */
  emptyReason: EmptyReason | null;
  /** Moves tried in the improvement phase (deterministic for an input, seed and effort). */
  iterations: number;
  seed: number;
}
