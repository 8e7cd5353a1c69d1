import { SeededRandom } from '../scheduler/random';
import {
  CandidateMeeting,
  FixedMeeting,
  HostCapacity,
  MEETING_TIERS,
  ScheduleInput,
  SchedulePerson,
} from '../scheduler/schedule.types';

export interface RandomInstanceSpec {
  people: number;
  slots: number;
  candidates: number;
  seed: number;
  breaks?: number[];
  /** Share of candidates needing extra time (two consecutive slots); default 0. */
  extraTimeShare?: number;
}

/**
 * A seeded, realistic-looking instance for tests that need size (progress, abort, determinism):
 * hosts with popularity and some group seats, partial availability, three-way candidates and a
 * few fixed meetings that never conflict.
 */
export function randomInstance(spec: RandomInstanceSpec): ScheduleInput {
  const random = new SeededRandom(spec.seed);
  const breaks = spec.breaks ?? [];
  const slots = Array.from({ length: spec.slots }, (_, i) => ({ id: `s${i}`, index: i, isBreak: breaks.includes(i) }));
  const people: SchedulePerson[] = [];
  const hosts: string[] = [];
  const linkWorkers: string[] = [];
  const capacities: HostCapacity[] = [];
  for (let i = 0; i < spec.people; i++) {
    const id = `p${i}`;
    const r = random.next();
    const isPractitioner = r < 0.55;
    const keep = 0.5 + random.next() * 0.45;
    const availableSlotIds = slots.filter(() => random.next() < keep).map((s) => s.id);
    people.push({ id, isPractitioner, availableSlotIds });
    if (!isPractitioner || random.next() < 0.3) {
      hosts.push(id);
      const seats = random.next() < 0.15 ? 2 + random.int(3) : 1;
      for (const slotId of availableSlotIds) capacities.push({ hostId: id, slotId, seats });
    }
    if (r > 0.85) linkWorkers.push(id);
  }
  const candidates: CandidateMeeting[] = [];
  const fixedMeetings: FixedMeeting[] = [];
  const busy = new Set<string>();
  for (let c = 0; c < spec.candidates && hosts.length > 0; c++) {
    const hostId = hosts[Math.floor(Math.pow(random.next(), 1.5) * hosts.length)];
    const guestId = people[random.int(people.length)].id;
    if (guestId === hostId) continue;
    let thirdPartyId: string | null = null;
    if (linkWorkers.length > 0 && random.next() < 0.05) {
      thirdPartyId = linkWorkers[random.int(linkWorkers.length)];
      if (thirdPartyId === hostId || thirdPartyId === guestId) thirdPartyId = null;
    }
    // A few become fixed meetings, in a slot where both are free so far.
    if (thirdPartyId === null && random.next() < 0.02) {
      const slot = slots[random.int(slots.length)];
      const a = `${hostId}|${slot.id}`;
      const b = `${guestId}|${slot.id}`;
      if (!busy.has(a) && !busy.has(b)) {
        busy.add(a);
        busy.add(b);
        fixedMeetings.push({ id: `f${fixedMeetings.length}`, slotId: slot.id, hostId, guestIds: [guestId] });
        continue;
      }
    }
    const tier = MEETING_TIERS[Math.min(3, Math.floor(random.next() * 5))];
    candidates.push({ id: `c${c}`, hostId, guestId, thirdPartyId, tier, score: Math.round(random.next() * 100) });
  }
  if (spec.extraTimeShare) {
    // Its own stream, so instances without extra time stay as they were.
    const extra = new SeededRandom(spec.seed + 7919);
    for (const candidate of candidates) if (extra.next() < spec.extraTimeShare!) candidate.extraTime = true;
  }
  return { slots, people, capacities, candidates, fixedMeetings, seed: spec.seed };
}
