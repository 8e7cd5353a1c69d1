import { MatchingError, MatchingErrorCode } from '../matching.errors';
import { EmptyReason, MEETING_TIERS, MeetingTier, ScheduleInput, TIER_WEIGHTS } from './schedule.types';

/**
 * The validated input in compact, index-based form. Slots are renumbered in `index` order
 * (internal slot s is input slot `slotOrder[s]`); people and candidates keep their input order.
 */
export interface ScheduleInstance {
  readonly input: ScheduleInput;
  readonly seed: number;
  readonly S: number;
  readonly P: number;
  readonly C: number;
  readonly slotOrder: Int32Array;
  readonly usable: Uint8Array;
  /** next[s]: the internal slot right after s in the grid (index + 1, usable), or -1. */
  readonly next: Int32Array;
  /** avail[p * S + s] */
  readonly avail: Uint8Array;
  /** Offered seats, seats[h * S + s] (0 = no offer). */
  readonly seats: Int32Array;
  readonly isPract: Uint8Array;
  readonly practitionersTotal: number;
  readonly cHost: Int32Array;
  readonly cGuest: Int32Array;
  /** -1 when the candidate has no third party. */
  readonly cThird: Int32Array;
  /** 1 when the candidate needs two consecutive slots (extra time). */
  readonly cLong: Uint8Array;
  readonly cValue: Float64Array;
  readonly cTier: Uint8Array;
  /** Pair ids of candidate c: cPairs[cPairStart[c] .. cPairStart[c + 1]). */
  readonly cPairStart: Int32Array;
  readonly cPairs: Int32Array;
  readonly pairCount: number;
  readonly fixed: readonly InternalFixedMeeting[];
  /** Pair ids already met in fixed meetings. */
  readonly fixedPairs: ReadonlySet<number>;
  readonly emptyReason: EmptyReason | null;
}

export interface InternalFixedMeeting {
  slot: number;
  host: number;
  guests: number[];
  third: number;
}

const TIER_INDEX = new Map<string, number>(MEETING_TIERS.map((tier, i) => [tier, i]));

function fail(code: MatchingErrorCode, message: string, details: Record<string, unknown> = {}): never {
  throw new MatchingError(code, message, details);
}

function requireArray(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) fail(MatchingErrorCode.INVALID_INPUT, `${field} must be an array`, { field });
  return value;
}

function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null)
    fail(MatchingErrorCode.INVALID_INPUT, `${field} must be an object`, { field });
  return value as Record<string, unknown>;
}

function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0)
    fail(MatchingErrorCode.INVALID_INPUT, `${field} must be a non-empty string`, { field });
  return value;
}

function optionalId(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  return requireId(value, field);
}

/** Two people's pair key, independent of order. */
function pairKey(a: number, b: number, P: number): number {
  return a < b ? a * P + b : b * P + a;
}

export function validateSeed(seed: unknown): number {
  if (seed === undefined) return 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || !Number.isSafeInteger(seed)) {
    fail(MatchingErrorCode.INVALID_OPTIONS, 'seed must be a safe integer', { field: 'seed', value: seed });
  }
  return seed >>> 0;
}

/** Validates the input (throwing MatchingError) and indexes it. */
export function buildInstance(raw: ScheduleInput): ScheduleInstance {
  const input = requireObject(raw, 'input') as unknown as ScheduleInput;
  const seed = validateSeed(input.seed);
  const slotsIn = requireArray(input.slots, 'slots');
  const peopleIn = requireArray(input.people, 'people');
  const capacitiesIn = requireArray(input.capacities ?? [], 'capacities');
  const candidatesIn = requireArray(input.candidates, 'candidates');
  const fixedIn = requireArray(input.fixedMeetings ?? [], 'fixedMeetings');

  // Slots, renumbered by index.
  const slotIds = new Map<string, number>();
  const slotIndexSeen = new Map<number, string>();
  slotsIn.forEach((value, i) => {
    const slot = requireObject(value, `slots[${i}]`);
    const id = requireId(slot.id, `slots[${i}].id`);
    if (typeof slot.index !== 'number' || !Number.isFinite(slot.index)) {
      fail(MatchingErrorCode.INVALID_INPUT, `slots[${i}].index must be a finite number`, {
        field: `slots[${i}].index`,
        slotId: id,
      });
    }
    if (typeof slot.isBreak !== 'boolean')
      fail(MatchingErrorCode.INVALID_INPUT, `slots[${i}].isBreak must be a boolean`, {
        field: `slots[${i}].isBreak`,
        slotId: id,
      });
    if (slotIds.has(id)) fail(MatchingErrorCode.DUPLICATE_ID, `slot ${id} appears twice`, { kind: 'slot', id });
    const other = slotIndexSeen.get(slot.index);
    if (other !== undefined)
      fail(MatchingErrorCode.CONTRADICTORY_INPUT, `slots ${other} and ${id} have the same index`, {
        slotIds: [other, id],
        index: slot.index,
      });
    slotIndexSeen.set(slot.index, id);
    slotIds.set(id, i);
  });
  const S = slotsIn.length;
  const order = Array.from({ length: S }, (_, i) => i).sort(
    (a, b) => (slotsIn[a] as { index: number }).index - (slotsIn[b] as { index: number }).index,
  );
  const slotOrder = Int32Array.from(order);
  const internalSlot = new Int32Array(S);
  order.forEach((inputIndex, s) => (internalSlot[inputIndex] = s));
  const slotOf = (id: unknown, field: string): number => {
    const key = requireId(id, field);
    const i = slotIds.get(key);
    if (i === undefined)
      fail(MatchingErrorCode.UNKNOWN_SLOT, `${field} names unknown slot ${key}`, { field, slotId: key });
    return internalSlot[i];
  };
  const usable = new Uint8Array(S);
  order.forEach((inputIndex, s) => (usable[s] = (slotsIn[inputIndex] as { isBreak: boolean }).isBreak ? 0 : 1));
  const gridIndex = (s: number): number => (slotsIn[order[s]] as { index: number }).index;
  const next = new Int32Array(S).fill(-1);
  for (let s = 0; s + 1 < S; s++) if (usable[s + 1] && gridIndex(s + 1) === gridIndex(s) + 1) next[s] = s + 1;

  // People.
  const P = peopleIn.length;
  const personIds = new Map<string, number>();
  const isPract = new Uint8Array(P);
  const avail = new Uint8Array(P * S);
  let practitionersTotal = 0;
  peopleIn.forEach((value, p) => {
    const person = requireObject(value, `people[${p}]`);
    const id = requireId(person.id, `people[${p}].id`);
    if (personIds.has(id)) fail(MatchingErrorCode.DUPLICATE_ID, `person ${id} appears twice`, { kind: 'person', id });
    personIds.set(id, p);
    if (typeof person.isPractitioner !== 'boolean') {
      fail(MatchingErrorCode.INVALID_INPUT, `people[${p}].isPractitioner must be a boolean`, {
        field: `people[${p}].isPractitioner`,
        personId: id,
      });
    }
    if (person.isPractitioner) {
      isPract[p] = 1;
      practitionersTotal++;
    }
    const slots = requireArray(person.availableSlotIds, `people[${p}].availableSlotIds`);
    slots.forEach((slotId, k) => (avail[p * S + slotOf(slotId, `people[${p}].availableSlotIds[${k}]`)] = 1));
  });
  const personOf = (id: unknown, field: string): number => {
    const key = requireId(id, field);
    const p = personIds.get(key);
    if (p === undefined)
      fail(MatchingErrorCode.UNKNOWN_PERSON, `${field} names unknown person ${key}`, { field, personId: key });
    return p;
  };

  // Capacities.
  const seats = new Int32Array(P * S);
  capacitiesIn.forEach((value, i) => {
    const capacity = requireObject(value, `capacities[${i}]`);
    const h = personOf(capacity.hostId, `capacities[${i}].hostId`);
    const s = slotOf(capacity.slotId, `capacities[${i}].slotId`);
    const n = capacity.seats;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 1_000_000) {
      fail(MatchingErrorCode.INVALID_SEATS, `capacities[${i}].seats must be a positive integer`, {
        field: `capacities[${i}].seats`,
        value: n,
      });
    }
    if (seats[h * S + s] !== 0) {
      fail(
        MatchingErrorCode.CONTRADICTORY_INPUT,
        `host ${String(capacity.hostId)} has two capacities in slot ${String(capacity.slotId)}`,
        {
          hostId: capacity.hostId,
          slotId: capacity.slotId,
        },
      );
    }
    seats[h * S + s] = n;
  });

  // Fixed meetings.
  const fixed: InternalFixedMeeting[] = [];
  const fixedIds = new Set<string>();
  const busy = new Map<number, string>(); // person*S+slot -> fixed meeting id
  const hostSeatsUsed = new Map<number, { id: string; guests: number; third: boolean }>();
  const fixedPairs = new Set<number>();
  const pairIds = new Map<number, number>();
  const pairId = (a: number, b: number): number => {
    const key = pairKey(a, b, P);
    let id = pairIds.get(key);
    if (id === undefined) {
      id = pairIds.size;
      pairIds.set(key, id);
    }
    return id;
  };
  fixedIn.forEach((value, i) => {
    const meeting = requireObject(value, `fixedMeetings[${i}]`);
    const id = requireId(meeting.id, `fixedMeetings[${i}].id`);
    if (fixedIds.has(id))
      fail(MatchingErrorCode.DUPLICATE_ID, `fixed meeting ${id} appears twice`, { kind: 'fixedMeeting', id });
    fixedIds.add(id);
    const s = slotOf(meeting.slotId, `fixedMeetings[${i}].slotId`);
    const host = personOf(meeting.hostId, `fixedMeetings[${i}].hostId`);
    const guestsIn = requireArray(meeting.guestIds, `fixedMeetings[${i}].guestIds`);
    if (guestsIn.length === 0)
      fail(MatchingErrorCode.INVALID_INPUT, `fixed meeting ${id} has no guest`, { fixedMeetingId: id });
    const guests = guestsIn.map((g, k) => personOf(g, `fixedMeetings[${i}].guestIds[${k}]`));
    const thirdId = optionalId(meeting.thirdPartyId, `fixedMeetings[${i}].thirdPartyId`);
    const third = thirdId === null ? -1 : personOf(thirdId, `fixedMeetings[${i}].thirdPartyId`);
    const everyone = [...guests, ...(third >= 0 ? [third] : [])];
    if (new Set([host, ...everyone]).size !== everyone.length + 1) {
      fail(MatchingErrorCode.CONTRADICTORY_INPUT, `fixed meeting ${id} names someone twice`, { fixedMeetingId: id });
    }
    // The host: either already hosting this slot (one meeting, more guests) or free.
    const hostKey = host * S + s;
    const hosting = hostSeatsUsed.get(hostKey);
    if (hosting) {
      if (hosting.third || third >= 0) {
        fail(
          MatchingErrorCode.CONTRADICTORY_INPUT,
          `fixed meetings ${hosting.id} and ${id} share a host and slot and one has a third party`,
          {
            fixedMeetingIds: [hosting.id, id],
          },
        );
      }
      hosting.guests += guests.length;
    } else {
      const other = busy.get(hostKey);
      if (other !== undefined) {
        fail(
          MatchingErrorCode.CONTRADICTORY_INPUT,
          `fixed meetings ${other} and ${id} double-book ${String(meeting.hostId)}`,
          {
            fixedMeetingIds: [other, id],
            personId: meeting.hostId,
          },
        );
      }
      hostSeatsUsed.set(hostKey, { id, guests: guests.length, third: third >= 0 });
      busy.set(hostKey, id);
    }
    const used = hostSeatsUsed.get(hostKey)!;
    if (seats[hostKey] > 0 && used.guests > seats[hostKey]) {
      fail(
        MatchingErrorCode.CONTRADICTORY_INPUT,
        `fixed meetings of host ${String(meeting.hostId)} in slot ${String(meeting.slotId)} exceed the seats`,
        {
          fixedMeetingId: id,
          seats: seats[hostKey],
          guests: used.guests,
        },
      );
    }
    for (const p of everyone) {
      const key = p * S + s;
      const other = busy.get(key);
      if (other !== undefined) {
        fail(
          MatchingErrorCode.CONTRADICTORY_INPUT,
          `fixed meetings ${other} and ${id} double-book ${peopleIdOf(peopleIn, p)}`,
          {
            fixedMeetingIds: other === id ? [id] : [other, id],
            personId: peopleIdOf(peopleIn, p),
          },
        );
      }
      busy.set(key, id);
    }
    for (const g of guests) fixedPairs.add(pairId(host, g));
    if (third >= 0) {
      fixedPairs.add(pairId(host, third));
      for (const g of guests) fixedPairs.add(pairId(g, third));
    }
    fixed.push({ slot: s, host, guests, third });
  });
  // A person hosting a fixed meeting must not also be a guest elsewhere in that slot: covered by `busy`.

  // Candidates.
  const C = candidatesIn.length;
  const cHost = new Int32Array(C);
  const cGuest = new Int32Array(C);
  const cThird = new Int32Array(C);
  const cLong = new Uint8Array(C);
  const cTier = new Uint8Array(C);
  const scores = new Float64Array(C);
  const candidateIds = new Set<string>();
  const pairStart = new Int32Array(C + 1);
  const pairs: number[] = [];
  let maxScore = 0;
  candidatesIn.forEach((value, c) => {
    const candidate = requireObject(value, `candidates[${c}]`);
    const id = requireId(candidate.id, `candidates[${c}].id`);
    if (candidateIds.has(id))
      fail(MatchingErrorCode.DUPLICATE_ID, `candidate ${id} appears twice`, { kind: 'candidate', id });
    candidateIds.add(id);
    const h = personOf(candidate.hostId, `candidates[${c}].hostId`);
    const g = personOf(candidate.guestId, `candidates[${c}].guestId`);
    const thirdId = optionalId(candidate.thirdPartyId, `candidates[${c}].thirdPartyId`);
    const t = thirdId === null ? -1 : personOf(thirdId, `candidates[${c}].thirdPartyId`);
    if (h === g || t === h || t === g) {
      fail(MatchingErrorCode.INVALID_CANDIDATE, `candidate ${id} names one person twice`, { candidateId: id });
    }
    const tier = TIER_INDEX.get(candidate.tier as string);
    if (tier === undefined)
      fail(MatchingErrorCode.INVALID_CANDIDATE, `candidate ${id} has unknown tier ${String(candidate.tier)}`, {
        candidateId: id,
        tier: candidate.tier,
      });
    const score = candidate.score;
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0) {
      fail(MatchingErrorCode.INVALID_CANDIDATE, `candidate ${id} score must be a finite number ≥ 0`, {
        candidateId: id,
        score,
      });
    }
    cHost[c] = h;
    cGuest[c] = g;
    if (candidate.extraTime !== undefined && typeof candidate.extraTime !== 'boolean')
      fail(MatchingErrorCode.INVALID_CANDIDATE, `candidate ${id} extraTime must be a boolean`, { candidateId: id });
    cThird[c] = t;
    cLong[c] = candidate.extraTime === true ? 1 : 0;
    cTier[c] = tier;
    scores[c] = score;
    if (score > maxScore) maxScore = score;
    pairs.push(pairId(h, g));
    if (t >= 0) pairs.push(pairId(h, t), pairId(g, t));
    pairStart[c + 1] = pairs.length;
  });
  const cValue = new Float64Array(C);
  for (let c = 0; c < C; c++) cValue[c] = meetingValue(MEETING_TIERS[cTier[c]], scores[c], maxScore);

  let emptyReason: EmptyReason | null = null;
  if (S === 0) emptyReason = 'NO_SLOTS';
  else if (P === 0) emptyReason = 'NO_PEOPLE';
  else if (C === 0) emptyReason = 'NO_CANDIDATES';
  else if (!usable.some((u) => u === 1)) emptyReason = 'NO_USABLE_SLOTS';

  return {
    input: raw,
    seed,
    S,
    P,
    C,
    slotOrder,
    usable,
    next,
    avail,
    seats,
    isPract,
    practitionersTotal,
    cHost,
    cGuest,
    cThird,
    cLong,
    cValue,
    cTier,
    cPairStart: pairStart,
    cPairs: Int32Array.from(pairs),
    pairCount: pairIds.size,
    fixed,
    fixedPairs,
    emptyReason,
  };
}

function peopleIdOf(people: readonly unknown[], p: number): string {
  return (people[p] as { id: string }).id;
}

/**
 * A placed candidate's value: its tier's weight plus its score normalised by the highest score
 * among all candidates of the input (so in [0, 1]).
 */
export function meetingValue(tier: MeetingTier, score: number, maxScore: number): number {
  return TIER_WEIGHTS[tier] + (maxScore > 0 ? Math.min(1, Math.max(0, score / maxScore)) : 0);
}
