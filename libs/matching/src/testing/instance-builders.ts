import {
  CandidateMeeting,
  FixedMeeting,
  HostCapacity,
  MeetingTier,
  ScheduleInput,
  SchedulePerson,
  ScheduleSlot,
} from '../scheduler/schedule.types';

/** Small builders for hand-made scheduler instances in tests (slots are s0, s1, …). */
export function slots(count: number, breaks: number[] = []): ScheduleSlot[] {
  return Array.from({ length: count }, (_, i) => ({ id: `s${i}`, index: i, isBreak: breaks.includes(i) }));
}

export function person(id: string, available: number[], isPractitioner = true): SchedulePerson {
  return { id, isPractitioner, availableSlotIds: available.map((i) => `s${i}`) };
}

export function offers(hostId: string, slotIndexes: number[], seats = 1): HostCapacity[] {
  return slotIndexes.map((i) => ({ hostId, slotId: `s${i}`, seats }));
}

export function candidate(
  id: string,
  hostId: string,
  guestId: string,
  tier: MeetingTier = 'RECOMMENDED',
  score = 0,
  thirdPartyId: string | null = null,
): CandidateMeeting {
  return { id, hostId, guestId, thirdPartyId, tier, score };
}

export function fixed(
  id: string,
  slot: number,
  hostId: string,
  guestIds: string[],
  thirdPartyId: string | null = null,
): FixedMeeting {
  return { id, slotId: `s${slot}`, hostId, guestIds, thirdPartyId };
}

export function input(parts: Partial<ScheduleInput> & Pick<ScheduleInput, 'slots' | 'people'>): ScheduleInput {
  return { capacities: [], candidates: [], fixedMeetings: [], seed: 1, ...parts };
}

/** candidateId -> slotId of a result's assignments. */
export function placed(result: { assignments: { candidateId: string; slotId: string }[] }): Record<string, string> {
  return Object.fromEntries(result.assignments.map((a) => [a.candidateId, a.slotId]));
}

/** candidateId -> reason of a result's unassigned candidates. */
export function reasons(result: { unassigned: { candidateId: string; reason: string }[] }): Record<string, string> {
  return Object.fromEntries(result.unassigned.map((u) => [u.candidateId, u.reason]));
}
