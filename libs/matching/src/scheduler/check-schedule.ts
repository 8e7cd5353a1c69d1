import { meetingValue } from './schedule-instance';
import { ScheduleAssignment, ScheduleInput } from './schedule.types';

export type ScheduleViolationCode =
  | 'UNKNOWN_CANDIDATE'
  | 'UNKNOWN_SLOT'
  | 'ASSIGNED_TWICE'
  | 'BREAK_SLOT'
  | 'NOT_AVAILABLE'
  | 'NO_SEATS'
  | 'SEATS_EXCEEDED'
  | 'THIRD_PARTY_NOT_ALONE'
  | 'PERSON_DOUBLE_BOOKED'
  | 'REPEATED_PAIR'
  /** An extra-time meeting's next slot (index + 1) is missing or a break. */
  | 'NO_CONSECUTIVE_SLOT'
  /** An extra-time meeting shares its host's meeting (in either slot) with someone else's. */
  | 'EXTRA_TIME_NOT_ALONE';

export interface ScheduleViolation {
  code: ScheduleViolationCode;
  message: string;
}

export interface ScheduleCheck {
  ok: boolean;
  violations: ScheduleViolation[];
  /** Recomputed from the input and the assignments alone. */
  practitionersWithMeeting: number;
  totalValue: number;
}

interface Meeting {
  label: string;
  slotId: string;
  hostId: string;
  guests: string[];
  thirdParties: string[];
  fixedGuests: number;
  hasPlacedThreeWay: boolean;
  placed: number;
  hasExtraTime: boolean;
}

/**
 * Checks a schedule against every rule, independently of the scheduler's own bookkeeping: it
 * rebuilds the meetings (fixed ones, plus placed candidates grouped by host and slot) from the
 * input with plain maps and looks at each rule separately. Used by the tests and the benchmark;
 * callers may use it as a last safety check before writing a schedule.
 */
export function checkSchedule(input: ScheduleInput, assignments: readonly ScheduleAssignment[]): ScheduleCheck {
  const violations: ScheduleViolation[] = [];
  const violate = (code: ScheduleViolationCode, message: string): void => {
    violations.push({ code, message });
  };
  const slots = new Map(input.slots.map((slot) => [slot.id, slot]));
  const slotAtIndex = new Map(input.slots.map((slot) => [slot.index, slot]));
  const people = new Map(input.people.map((person) => [person.id, person]));
  const available = new Map(input.people.map((person) => [person.id, new Set(person.availableSlotIds)]));
  const candidates = new Map(input.candidates.map((candidate) => [candidate.id, candidate]));
  const seats = new Map<string, number>();
  for (const capacity of input.capacities) seats.set(`${capacity.hostId}\u0000${capacity.slotId}`, capacity.seats);
  const maxScore = input.candidates.reduce((max, candidate) => Math.max(max, candidate.score), 0);

  // Meetings by host and slot; fixed meetings first.
  const meetings = new Map<string, Meeting>();
  const meetingOf = (hostId: string, slotId: string, label: string): Meeting => {
    const key = `${hostId}\u0000${slotId}`;
    let meeting = meetings.get(key);
    if (!meeting) {
      meeting = {
        label,
        slotId,
        hostId,
        guests: [],
        thirdParties: [],
        fixedGuests: 0,
        hasPlacedThreeWay: false,
        placed: 0,
        hasExtraTime: false,
      };
      meetings.set(key, meeting);
    }
    return meeting;
  };
  const met = new Map<string, string>(); // pair -> where
  const pair = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  // Fixed meetings are facts (two of them may repeat a pair); placed ones must not repeat any pair.
  const meet = (a: string, b: string, where: string, isFixed = false): void => {
    const key = pair(a, b);
    const before = met.get(key);
    if (before === undefined) met.set(key, where);
    else if (!isFixed) violate('REPEATED_PAIR', `${a} and ${b} meet in ${before} and in ${where}`);
  };
  for (const fixed of input.fixedMeetings ?? []) {
    const meeting = meetingOf(fixed.hostId, fixed.slotId, `fixed meeting ${fixed.id}`);
    meeting.guests.push(...fixed.guestIds);
    meeting.fixedGuests += fixed.guestIds.length;
    if (fixed.thirdPartyId) meeting.thirdParties.push(fixed.thirdPartyId);
    for (const g of fixed.guestIds) meet(fixed.hostId, g, `fixed meeting ${fixed.id}`, true);
    if (fixed.thirdPartyId) {
      meet(fixed.hostId, fixed.thirdPartyId, `fixed meeting ${fixed.id}`, true);
      for (const g of fixed.guestIds) meet(g, fixed.thirdPartyId, `fixed meeting ${fixed.id}`, true);
    }
  }

  const seen = new Set<string>();
  const covered = new Set<string>();
  let totalValue = 0;
  for (const assignment of assignments) {
    const candidate = candidates.get(assignment.candidateId);
    if (!candidate) {
      violate('UNKNOWN_CANDIDATE', `no candidate ${assignment.candidateId}`);
      continue;
    }
    const slot = slots.get(assignment.slotId);
    if (!slot) {
      violate('UNKNOWN_SLOT', `candidate ${candidate.id} is in unknown slot ${assignment.slotId}`);
      continue;
    }
    if (seen.has(candidate.id)) {
      violate('ASSIGNED_TWICE', `candidate ${candidate.id} is assigned twice`);
      continue;
    }
    seen.add(candidate.id);
    totalValue += meetingValue(candidate.tier, candidate.score, maxScore);
    if (slot.isBreak) violate('BREAK_SLOT', `candidate ${candidate.id} is in break slot ${slot.id}`);
    const everyone = [candidate.hostId, candidate.guestId, ...(candidate.thirdPartyId ? [candidate.thirdPartyId] : [])];
    // Extra time: the slot and the one right after it in the grid, the same rules in both.
    const taken = [slot];
    if (candidate.extraTime) {
      const next = slotAtIndex.get(slot.index + 1);
      if (!next || next.isBreak)
        violate(
          'NO_CONSECUTIVE_SLOT',
          `candidate ${candidate.id} needs slot ${slot.id} and the next, which is missing or a break`,
        );
      else taken.push(next);
    }
    for (const inSlot of taken) {
      for (const id of everyone) {
        if (!available.get(id)?.has(inSlot.id))
          violate('NOT_AVAILABLE', `${id} is not available in slot ${inSlot.id} (candidate ${candidate.id})`);
        covered.add(id);
      }
      if (!seats.has(`${candidate.hostId}\u0000${inSlot.id}`))
        violate('NO_SEATS', `host ${candidate.hostId} offers no seats in slot ${inSlot.id}`);
      const meeting = meetingOf(candidate.hostId, inSlot.id, `candidate ${candidate.id}`);
      meeting.guests.push(candidate.guestId);
      meeting.placed++;
      meeting.hasExtraTime ||= candidate.extraTime === true;
      if (candidate.thirdPartyId) {
        meeting.thirdParties.push(candidate.thirdPartyId);
        meeting.hasPlacedThreeWay = true;
      }
    }
    meet(candidate.hostId, candidate.guestId, `candidate ${candidate.id}`);
    if (candidate.thirdPartyId) {
      meet(candidate.hostId, candidate.thirdPartyId, `candidate ${candidate.id}`);
      meet(candidate.guestId, candidate.thirdPartyId, `candidate ${candidate.id}`);
    }
  }

  // Per meeting: seats and third parties. Per person and slot: one meeting.
  const inSlot = new Map<string, string>(); // person|slot -> meeting label
  for (const meeting of meetings.values()) {
    if (meeting.placed > 0) {
      const offered = seats.get(`${meeting.hostId}\u0000${meeting.slotId}`) ?? meeting.fixedGuests;
      if (meeting.guests.length > offered) {
        violate(
          'SEATS_EXCEEDED',
          `host ${meeting.hostId} has ${meeting.guests.length} guests for ${offered} seats in slot ${meeting.slotId}`,
        );
      }
      if (
        (meeting.hasPlacedThreeWay || meeting.thirdParties.length > 0) &&
        meeting.guests.length + meeting.thirdParties.length > 2
      ) {
        violate(
          'THIRD_PARTY_NOT_ALONE',
          `host ${meeting.hostId}'s meeting in slot ${meeting.slotId} mixes a third party with a group`,
        );
      }
      if (meeting.hasExtraTime && (meeting.placed > 1 || meeting.fixedGuests > 0)) {
        violate(
          'EXTRA_TIME_NOT_ALONE',
          `host ${meeting.hostId}'s extra-time meeting in slot ${meeting.slotId} shares the host with another`,
        );
      }
    }
    for (const id of [meeting.hostId, ...meeting.guests, ...meeting.thirdParties]) {
      const key = `${id}\u0000${meeting.slotId}`;
      const other = inSlot.get(key);
      if (other !== undefined)
        violate(
          'PERSON_DOUBLE_BOOKED',
          `${id} is in two meetings in slot ${meeting.slotId} (${other}; ${meeting.label})`,
        );
      else inSlot.set(key, meeting.label);
    }
  }

  for (const fixed of input.fixedMeetings ?? []) {
    for (const id of [fixed.hostId, ...fixed.guestIds, ...(fixed.thirdPartyId ? [fixed.thirdPartyId] : [])])
      covered.add(id);
  }
  let practitionersWithMeeting = 0;
  for (const id of covered) if (people.get(id)?.isPractitioner) practitionersWithMeeting++;
  return { ok: violations.length === 0, violations, practitionersWithMeeting, totalValue };
}
