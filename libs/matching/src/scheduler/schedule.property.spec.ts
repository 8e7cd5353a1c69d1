import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchingError } from '../matching.errors';
import { checkSchedule } from './check-schedule';
import { schedule } from './schedule';
import {
  CandidateMeeting,
  FixedMeeting,
  HostCapacity,
  MEETING_TIERS,
  ScheduleInput,
  SchedulePerson,
} from './schedule.types';

/**
 * Arbitrary small instances: any mix of people (who may host and be guests), availability, seats
 * 1–3, breaks, three-way candidates, repeated pairs in both directions, and fixed meetings built so
 * that they never conflict (the input is valid by construction).
 */
const instanceArbitrary: fc.Arbitrary<ScheduleInput> = fc
  .record({
    slotCount: fc.integer({ min: 1, max: 5 }),
    breaks: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    people: fc.array(
      fc.record({
        isPractitioner: fc.boolean(),
        available: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        seats: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }),
      }),
      { minLength: 2, maxLength: 12 },
    ),
    candidates: fc.array(
      fc.record({
        host: fc.nat(),
        guest: fc.nat(),
        third: fc.option(fc.nat(), { nil: null }),
        tier: fc.constantFrom(...MEETING_TIERS),
        score: fc.integer({ min: 0, max: 100 }),
      }),
      { maxLength: 40 },
    ),
    fixed: fc.array(fc.record({ slot: fc.nat(), host: fc.nat(), guest: fc.nat() }), { maxLength: 4 }),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ slotCount, breaks, people: peopleSpec, candidates: candidateSpec, fixed: fixedSpec, seed }) => {
    const slots = Array.from({ length: slotCount }, (_, i) => ({ id: `s${i}`, index: i, isBreak: breaks[i] }));
    const n = peopleSpec.length;
    const people: SchedulePerson[] = peopleSpec.map((p, i) => ({
      id: `p${i}`,
      isPractitioner: p.isPractitioner,
      availableSlotIds: slots.filter((_, s) => p.available[s]).map((s) => s.id),
    }));
    const capacities: HostCapacity[] = [];
    peopleSpec.forEach((p, i) =>
      slots.forEach(
        (slot, s) => p.seats[s] > 0 && capacities.push({ hostId: `p${i}`, slotId: slot.id, seats: p.seats[s] }),
      ),
    );
    const candidates: CandidateMeeting[] = [];
    candidateSpec.forEach((c, k) => {
      const host = c.host % n;
      const guest = c.guest % n;
      const third = c.third === null ? null : c.third % n;
      if (host === guest || third === host || third === guest) return;
      candidates.push({
        id: `c${k}`,
        hostId: `p${host}`,
        guestId: `p${guest}`,
        thirdPartyId: third === null ? null : `p${third}`,
        tier: c.tier,
        score: c.score,
      });
    });
    // Fixed meetings: one-to-one, only where both are still free, within the host's seats.
    const busy = new Set<string>();
    const fixedMeetings: FixedMeeting[] = [];
    fixedSpec.forEach((f, k) => {
      const slot = slots[f.slot % slotCount].id;
      const host = `p${f.host % n}`;
      const guest = `p${f.guest % n}`;
      if (host === guest || busy.has(`${host}|${slot}`) || busy.has(`${guest}|${slot}`)) return;
      busy.add(`${host}|${slot}`);
      busy.add(`${guest}|${slot}`);
      fixedMeetings.push({ id: `f${k}`, slotId: slot, hostId: host, guestIds: [guest] });
    });
    return { slots, people, capacities, candidates, fixedMeetings, seed };
  });

describe('schedule: properties', { timeout: 60_000 }, () => {
  it('never violates a constraint, and reports what it did consistently', () => {
    fc.assert(
      fc.property(instanceArbitrary, (data) => {
        const result = schedule(data);
        const check = checkSchedule(data, result.assignments);
        expect(check.violations).toEqual([]);
        expect(result.objective.practitionersWithMeeting).toBe(check.practitionersWithMeeting);
        expect(result.objective.totalValue).toBeCloseTo(check.totalValue, 9);
        // Every candidate is either placed or explained, once, in input order.
        const ids = [...result.assignments.map((a) => a.candidateId), ...result.unassigned.map((u) => u.candidateId)];
        expect(new Set(ids).size).toBe(data.candidates.length);
        const order = new Map(data.candidates.map((c, i) => [c.id, i]));
        const increasing = (list: string[]) =>
          list.every((id, i) => i === 0 || order.get(list[i - 1])! < order.get(id)!);
        expect(increasing(result.assignments.map((a) => a.candidateId))).toBe(true);
        expect(increasing(result.unassigned.map((u) => u.candidateId))).toBe(true);
        expect(result.objective.practitionersWithMeeting + result.practitionersWithoutMeeting.length).toBe(
          result.objective.practitionersTotal,
        );
        // Nothing unplaced fits as things stand: the final fill would have placed it.
        const extra = result.unassigned.map((u) => u.candidateId);
        for (const id of extra) {
          for (const slot of data.slots) {
            const attempt = checkSchedule(data, [...result.assignments, { candidateId: id, slotId: slot.id }]);
            expect(attempt.ok).toBe(false);
          }
        }
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('finds the lexicographic optimum of tiny instances (checked by enumeration)', () => {
    const tiny = instanceArbitrary.filter((d) => d.candidates.length <= 6 && d.slots.length <= 3);
    fc.assert(
      fc.property(tiny, (data) => {
        const result = schedule(data);
        // Enumerate every assignment: each candidate unplaced or in one of the slots.
        const options = data.slots.length + 1;
        let best = { coverage: -1, value: -1 };
        const total = options ** data.candidates.length;
        for (let code = 0; code < total; code++) {
          const assignments = [];
          let rest = code;
          for (const c of data.candidates) {
            const choice = rest % options;
            rest = Math.floor(rest / options);
            if (choice > 0) assignments.push({ candidateId: c.id, slotId: data.slots[choice - 1].id });
          }
          const check = checkSchedule(data, assignments);
          if (!check.ok) continue;
          if (
            check.practitionersWithMeeting > best.coverage ||
            (check.practitionersWithMeeting === best.coverage && check.totalValue > best.value)
          ) {
            best = { coverage: check.practitionersWithMeeting, value: check.totalValue };
          }
        }
        expect(result.objective.practitionersWithMeeting).toBe(best.coverage);
        expect(result.objective.totalValue).toBeCloseTo(best.value, 9);
      }),
      { numRuns: 150, seed: 99 },
    );
  });

  it('is deterministic for a seed', () => {
    fc.assert(
      fc.property(instanceArbitrary, (data) => {
        expect(schedule(structuredClone(data))).toEqual(schedule(data));
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it('answers malformed input with a MatchingError, never a crash', () => {
    const mutation = fc.constantFrom(
      (d: ScheduleInput) => ({ ...d, candidates: [...d.candidates, { ...d.candidates[0], hostId: 'ghost' }] }),
      (d: ScheduleInput) => ({ ...d, candidates: [...d.candidates, d.candidates[0]] }),
      (d: ScheduleInput) => ({ ...d, people: [...d.people, d.people[0]] }),
      (d: ScheduleInput) => ({
        ...d,
        capacities: [...d.capacities, { hostId: d.people[0].id, slotId: 'nowhere', seats: 1 }],
      }),
      (d: ScheduleInput) => ({
        ...d,
        capacities: [...d.capacities, { hostId: d.people[0].id, slotId: d.slots[0].id, seats: -2 }],
      }),
      (d: ScheduleInput) => ({ ...d, slots: [...d.slots, { ...d.slots[0], id: 'other' }] }),
      (d: ScheduleInput) => ({
        ...d,
        candidates: [...d.candidates, { ...d.candidates[0], id: 'self', guestId: d.candidates[0]?.hostId }],
      }),
      (d: ScheduleInput) => ({
        ...d,
        candidates: [...d.candidates, { ...d.candidates[0], id: 'odd', score: Infinity }],
      }),
      (d: ScheduleInput) => ({
        ...d,
        fixedMeetings: [{ id: 'fx', slotId: d.slots[0].id, hostId: d.people[0].id, guestIds: [] }],
      }),
      (d: ScheduleInput) => ({ ...d, people: d.people.map((p) => ({ ...p, availableSlotIds: 'all' as never })) }),
    );
    fc.assert(
      fc.property(instanceArbitrary, mutation, (data, mutate) => {
        let mutated: ScheduleInput;
        try {
          mutated = mutate(data);
        } catch {
          return; // the mutation itself needed a candidate that was not there
        }
        try {
          schedule(mutated);
        } catch (error) {
          expect(error).toBeInstanceOf(MatchingError);
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
