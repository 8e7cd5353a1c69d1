import { describe, expect, it } from 'vitest';
import { candidate, fixed, input, offers, person, placed, reasons, slots } from '../testing/instance-builders';
import { randomInstance } from '../testing/random-instance';
import { checkSchedule } from './check-schedule';
import { schedule } from './schedule';
import { CandidateMeeting } from './schedule.types';

/** Extra time (issue #22 point 2): a candidate that needs two consecutive slots of the grid. */
const long = (c: CandidateMeeting): CandidateMeeting => ({ ...c, extraTime: true });

describe('extra time in the checker', () => {
  const data = input({
    slots: slots(5, [3]),
    people: [person('H', [0, 1, 2, 3, 4], false), person('G', [0, 1, 2, 4]), person('A', [0, 1, 2]), person('B', [1])],
    capacities: [...offers('H', [0, 1, 2, 4], 2)],
    candidates: [
      long(candidate('hg', 'H', 'G', 'ACCEPTED')),
      candidate('ha', 'H', 'A'),
      candidate('hb', 'H', 'B'),
      long(candidate('ha2', 'H', 'A')),
    ],
  });
  const codes = (assignments: { candidateId: string; slotId: string }[]) =>
    checkSchedule(data, assignments).violations.map((v) => v.code);

  it('accepts a two-slot meeting in two free consecutive slots', () => {
    expect(codes([{ candidateId: 'hg', slotId: 's0' }])).toEqual([]);
    expect(codes([{ candidateId: 'hg', slotId: 's1' }])).toEqual([]);
  });

  it('refuses a second slot that is missing or a break', () => {
    expect(codes([{ candidateId: 'hg', slotId: 's2' }])).toEqual(['NO_CONSECUTIVE_SLOT']); // s3 is a break
    expect(codes([{ candidateId: 'hg', slotId: 's4' }])).toEqual(['NO_CONSECUTIVE_SLOT']); // the last slot
  });

  it('checks availability and seats in the second slot too', () => {
    const noSeat = input({ ...data, capacities: offers('H', [0], 1) });
    expect(checkSchedule(noSeat, [{ candidateId: 'hg', slotId: 's0' }]).violations.map((v) => v.code)).toContain(
      'NO_SEATS',
    );
    const unavailable = input({ ...data, people: [...data.people.filter((p) => p.id !== 'G'), person('G', [0])] });
    expect(checkSchedule(unavailable, [{ candidateId: 'hg', slotId: 's0' }]).violations.map((v) => v.code)).toEqual([
      'NOT_AVAILABLE',
    ]);
  });

  it('keeps the host to itself in both slots, and sees overlap in the second', () => {
    // ha in s1 would share H's group meeting with hg's second slot.
    expect(
      codes([
        { candidateId: 'hg', slotId: 's0' },
        { candidateId: 'ha', slotId: 's1' },
      ]),
    ).toEqual(['EXTRA_TIME_NOT_ALONE']);
    // Two two-slot meetings of the same host overlapping on s1, A and G each once.
    expect(
      codes([
        { candidateId: 'hg', slotId: 's0' },
        { candidateId: 'ha2', slotId: 's1' },
      ]),
    ).toContain('EXTRA_TIME_NOT_ALONE');
    // A fixed meeting of the guest in the second slot: double-booked.
    const busy = input({
      ...data,
      capacities: [...data.capacities, ...offers('A', [1])],
      people: [...data.people, person('K', [1], false)],
      fixedMeetings: [fixed('f', 1, 'K', ['G'])],
    });
    expect(checkSchedule(busy, [{ candidateId: 'hg', slotId: 's0' }]).violations.map((v) => v.code)).toEqual([
      'PERSON_DOUBLE_BOOKED',
    ]);
  });
});

describe('extra time in the scheduler', () => {
  it('places a two-slot meeting around other meetings: the only free pair of slots between them', () => {
    // H offers s0..s4; A can only meet in s0 and B only in s3; G needs two consecutive slots and is
    // worth the most, so a greedy first choice (s0–s1) would cost A's meeting.
    const data = input({
      slots: slots(5),
      people: [
        person('H', [0, 1, 2, 3, 4], false),
        person('G', [0, 1, 2, 3, 4]),
        person('A', [0]),
        person('B', [3]),
        person('C', [4]),
      ],
      capacities: offers('H', [0, 1, 2, 3, 4]),
      candidates: [
        long(candidate('hg', 'H', 'G', 'ACCEPTED', 10)),
        candidate('ha', 'H', 'A', 'RECOMMENDED', 1),
        candidate('hb', 'H', 'B', 'RECOMMENDED', 1),
        candidate('hc', 'H', 'C', 'RECOMMENDED', 1),
      ],
    });
    for (const effort of [0, 1]) {
      const result = schedule(data, { effort });
      expect(checkSchedule(data, result.assignments).ok).toBe(true);
      expect(placed(result), `effort ${effort}`).toEqual({ hg: 's1', ha: 's0', hb: 's3', hc: 's4' });
      expect(result.objective.practitionersWithMeeting).toBe(4);
    }
  });

  it('never splits a two-slot meeting across a break, and says why it was not placed', () => {
    const data = input({
      slots: slots(3, [1]),
      people: [person('H', [0, 1, 2], false), person('G', [0, 1, 2])],
      capacities: offers('H', [0, 2]),
      candidates: [long(candidate('hg', 'H', 'G', 'ACCEPTED'))],
    });
    const result = schedule(data);
    expect(result.assignments).toEqual([]);
    expect(reasons(result)).toEqual({ hg: 'NO_COMMON_SLOT' });
  });

  it('moves a one-slot meeting aside to make room for a two-slot one', () => {
    // G (two slots) fits only in s0–s1; A can meet in s1 or s3.
    const data = input({
      slots: slots(4),
      people: [person('H', [0, 1, 2, 3], false), person('G', [0, 1]), person('A', [1, 3])],
      capacities: offers('H', [0, 1, 2, 3]),
      candidates: [candidate('ha', 'H', 'A', 'ACCEPTED', 5), long(candidate('hg', 'H', 'G', 'ACCEPTED', 5))],
    });
    const result = schedule(data);
    expect(checkSchedule(data, result.assignments).ok).toBe(true);
    expect(placed(result)).toEqual({ ha: 's3', hg: 's0' });
  });

  it('gives valid schedules on random instances with extra-time candidates', () => {
    let placedExtra = 0;
    for (const seed of [1, 2, 3]) {
      const data = randomInstance({ people: 30, slots: 8, candidates: 100, seed, breaks: [4], extraTimeShare: 0.25 });
      const result = schedule(data, { effort: 0.1 });
      const check = checkSchedule(data, result.assignments);
      expect(check.violations, `seed ${seed}`).toEqual([]);
      expect(check.practitionersWithMeeting).toBe(result.objective.practitionersWithMeeting);
      expect(check.totalValue).toBeCloseTo(result.objective.totalValue, 6);
      const extra = new Set(data.candidates.filter((c) => c.extraTime).map((c) => c.id));
      placedExtra += result.assignments.filter((a) => extra.has(a.candidateId)).length;
    }
    // Two-slot meetings cost more, but some are worth it.
    expect(placedExtra).toBeGreaterThan(0);
  }, 60_000);
});
