import { meetingValue } from './schedule-instance';
import type { CandidateMeeting, ScheduleInput, ScheduleResult } from './schedule.types';

/**
 * Why a person has no meeting, as far as the scheduler can tell:
 * - NO_AVAILABILITY: they are free in no usable slot;
 * - NO_CANDIDATES: nobody asked to meet them, or was asked, or was strongly recommended to them;
 * - NO_MUTUAL_SLOT: for every meeting they could have, there is no slot where everyone is free
 *   and the host offers seats;
 * - CAPACITY: there are such slots, but the host's seats or the people's time there went to others;
 * - NOT_YET_PLACED: (a session, without a run) a meeting could be placed; nobody has placed it yet.
 * (DECLINED is the api's: their requests were declined; the scheduler never sees declined requests.)
 */
export type NoMeetingReason = 'NO_AVAILABILITY' | 'NO_CANDIDATES' | 'NO_MUTUAL_SLOT' | 'CAPACITY' | 'NOT_YET_PLACED';

export interface PersonFairness {
  personId: string;
  /** Meetings they are in: booked (fixed) ones, and with a result, the ones it places. */
  meetings: number;
  /** With a result: the value (TIER_WEIGHTS plus normalised score) of the placed candidates they are in; else 0. */
  value: number;
  /** Null when they have a meeting. */
  reason: NoMeetingReason | null;
}

function partiesOf(c: CandidateMeeting): string[] {
  return [c.hostId, c.guestId, ...(c.thirdPartyId ? [c.thirdPartyId] : [])];
}

/**
 * For each person of the input, in input order: their meetings, value and, when they have none,
 * why. With `result` (an auto-schedule run) the reasons are the run's own (why their candidates
 * were not placed); without it (a session as it stands), each of their candidates is tried
 * against the booked meetings alone.
 */
export function fairnessFacts(input: ScheduleInput, result?: ScheduleResult): PersonFairness[] {
  const usable = new Set(input.slots.filter((s) => !s.isBreak).map((s) => s.id));
  const available = new Map(input.people.map((p) => [p.id, new Set(p.availableSlotIds.filter((s) => usable.has(s)))]));
  const seats = new Map(input.capacities.map((c) => [`${c.hostId}|${c.slotId}`, c.seats]));
  const fixed = input.fixedMeetings ?? [];
  const busy = new Set(
    fixed.flatMap((f) =>
      [f.hostId, ...f.guestIds, ...(f.thirdPartyId ? [f.thirdPartyId] : [])].map((id) => `${id}|${f.slotId}`),
    ),
  );
  const meetings = new Map<string, number>();
  const value = new Map<string, number>();
  const add = (map: Map<string, number>, id: string, n: number) => map.set(id, (map.get(id) ?? 0) + n);
  for (const f of fixed)
    for (const id of [f.hostId, ...f.guestIds, ...(f.thirdPartyId ? [f.thirdPartyId] : [])]) add(meetings, id, 1);

  const byId = new Map(input.candidates.map((c) => [c.id, c]));
  const unplacedReason = new Map<string, string>();
  if (result) {
    const maxScore = Math.max(0, ...input.candidates.map((c) => c.score));
    for (const a of result.assignments) {
      const c = byId.get(a.candidateId);
      if (!c) continue;
      for (const id of partiesOf(c)) {
        add(meetings, id, 1);
        add(value, id, meetingValue(c.tier, c.score, maxScore));
      }
    }
    for (const u of result.unassigned) unplacedReason.set(u.candidateId, u.reason);
  }

  /** Without a run: whether the candidate fits a slot beside the booked meetings, or only clashes with them, or has no common slot. */
  const tryAlone = (c: CandidateMeeting): 'FITS' | 'CAPACITY' | 'NO_MUTUAL_SLOT' => {
    const parties = partiesOf(c);
    let common = false;
    for (const slotId of usable) {
      if (!parties.every((id) => available.get(id)?.has(slotId))) continue;
      if (!seats.has(`${c.hostId}|${slotId}`)) continue;
      common = true;
      const hostMeeting = fixed.find((f) => f.hostId === c.hostId && f.slotId === slotId);
      const othersFree = parties.filter((id) => id !== c.hostId).every((id) => !busy.has(`${id}|${slotId}`));
      const hostFree =
        !busy.has(`${c.hostId}|${slotId}`) ||
        (hostMeeting !== undefined &&
          !hostMeeting.thirdPartyId &&
          !c.thirdPartyId &&
          hostMeeting.guestIds.length < (seats.get(`${c.hostId}|${slotId}`) ?? 1));
      if (othersFree && hostFree) return 'FITS';
    }
    return common ? 'CAPACITY' : 'NO_MUTUAL_SLOT';
  };

  return input.people.map((p) => {
    const count = meetings.get(p.id) ?? 0;
    const facts = { personId: p.id, meetings: count, value: value.get(p.id) ?? 0 };
    if (count > 0) return { ...facts, reason: null };
    if ((available.get(p.id)?.size ?? 0) === 0) return { ...facts, reason: 'NO_AVAILABILITY' };
    const theirs = input.candidates.filter((c) => partiesOf(c).includes(p.id));
    if (theirs.length === 0) return { ...facts, reason: 'NO_CANDIDATES' };
    if (result) {
      const capacity = theirs.some(
        (c) => unplacedReason.get(c.id) !== undefined && unplacedReason.get(c.id) !== 'NO_COMMON_SLOT',
      );
      return { ...facts, reason: capacity ? 'CAPACITY' : 'NO_MUTUAL_SLOT' };
    }
    const tried = theirs.map(tryAlone);
    if (tried.includes('FITS')) return { ...facts, reason: 'NOT_YET_PLACED' };
    return { ...facts, reason: tried.includes('CAPACITY') ? 'CAPACITY' : 'NO_MUTUAL_SLOT' };
  });
}
