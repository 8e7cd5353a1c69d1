import { describe, expect, it } from 'vitest';
import { MatchingError, MatchingErrorCode } from '../matching.errors';
import { candidate, fixed, input, offers, person, placed, reasons, slots } from '../testing/instance-builders';
import { randomInstance } from '../testing/random-instance';
import { checkSchedule } from './check-schedule';
import { schedule } from './schedule';
import { meetingValue } from './schedule-instance';
import { ScheduleInput, TIER_WEIGHTS } from './schedule.types';

function expectError(run: () => unknown, code: MatchingErrorCode): MatchingError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MatchingError);
    expect((error as MatchingError).code).toBe(code);
    return error as MatchingError;
  }
  throw new Error(`expected MatchingError ${code}`);
}

function scheduleChecked(data: ScheduleInput) {
  const result = schedule(data);
  const check = checkSchedule(data, result.assignments);
  expect(check.violations).toEqual([]);
  expect(check.practitionersWithMeeting).toBe(result.objective.practitionersWithMeeting);
  expect(check.totalValue).toBeCloseTo(result.objective.totalValue, 9);
  return result;
}

describe('schedule: hand-made instances', () => {
  it('places a single meeting in the only common slot', () => {
    const result = scheduleChecked(
      input({
        slots: slots(3),
        people: [person('H', [0, 1], false), person('A', [1, 2])],
        capacities: offers('H', [0, 1]),
        candidates: [candidate('c1', 'H', 'A', 'ACCEPTED', 5)],
      }),
    );
    expect(result.assignments).toEqual([{ candidateId: 'c1', slotId: 's1' }]);
    expect(result.unassigned).toEqual([]);
    expect(result.practitionersWithoutMeeting).toEqual([]);
    expect(result.objective).toEqual({
      practitionersWithMeeting: 1,
      practitionersTotal: 1,
      totalValue: TIER_WEIGHTS.ACCEPTED + 1,
      assignedCount: 1,
      assignedByTier: { ACCEPTED: 1, MUTUAL_REQUEST: 0, ONE_SIDED_REQUEST: 0, RECOMMENDED: 0 },
    });
    expect(result.emptyReason).toBeNull();
  });

  it('puts practitioner coverage before value', () => {
    // One seat: an accepted meeting with a commissioner, or a recommended one with a practitioner.
    const result = scheduleChecked(
      input({
        slots: slots(1),
        people: [person('H', [0], false), person('A', [0], true), person('B', [0], false)],
        capacities: offers('H', [0]),
        candidates: [
          candidate('accepted', 'H', 'B', 'ACCEPTED', 10),
          candidate('recommended', 'H', 'A', 'RECOMMENDED', 1),
        ],
      }),
    );
    expect(placed(result)).toEqual({ recommended: 's0' });
    expect(reasons(result)).toEqual({ accepted: 'HOST_FULL' });
    expect(result.objective.practitionersWithMeeting).toBe(1);
  });

  it('prefers the higher tier when coverage is equal, whatever the scores', () => {
    const result = scheduleChecked(
      input({
        slots: slots(1),
        people: [person('H', [0], false), person('A', [0], false), person('B', [0], false)],
        capacities: offers('H', [0]),
        candidates: [
          candidate('oneSided', 'H', 'A', 'ONE_SIDED_REQUEST', 100),
          candidate('mutual', 'H', 'B', 'MUTUAL_REQUEST', 0),
        ],
      }),
    );
    expect(placed(result)).toEqual({ mutual: 's0' });
    expect(result.objective.totalValue).toBe(TIER_WEIGHTS.MUTUAL_REQUEST);
  });

  it('moves a flexible meeting aside to fit one with a single common slot', () => {
    const result = scheduleChecked(
      input({
        slots: slots(2),
        people: [person('H', [0, 1], false), person('A', [0]), person('B', [0, 1])],
        capacities: offers('H', [0, 1]),
        candidates: [candidate('withB', 'H', 'B', 'ACCEPTED', 9), candidate('withA', 'H', 'A', 'RECOMMENDED', 1)],
      }),
    );
    expect(placed(result)).toEqual({ withB: 's1', withA: 's0' });
  });

  it('fills a group consultation up to its seats, most valuable guests first', () => {
    const result = scheduleChecked(
      input({
        slots: slots(1),
        people: [person('H', [0], false), person('A', [0], false), person('B', [0], false), person('C', [0], false)],
        capacities: offers('H', [0], 2),
        candidates: [
          candidate('a', 'H', 'A', 'RECOMMENDED', 3),
          candidate('b', 'H', 'B', 'RECOMMENDED', 2),
          candidate('c', 'H', 'C', 'RECOMMENDED', 1),
        ],
      }),
    );
    expect(placed(result)).toEqual({ a: 's0', b: 's0' });
    expect(reasons(result)).toEqual({ c: 'HOST_FULL' });
  });

  it('lets a host in a group meeting be counted once and busy for other roles', () => {
    // H hosts a group in s0, so H cannot also be G's guest there; G's meeting goes to s1.
    const result = scheduleChecked(
      input({
        slots: slots(2),
        people: [
          person('H', [0, 1], true),
          person('A', [0], false),
          person('B', [0], false),
          person('G', [0, 1], false),
        ],
        capacities: [...offers('H', [0], 2), ...offers('G', [0, 1])],
        candidates: [
          candidate('a', 'H', 'A', 'ONE_SIDED_REQUEST'),
          candidate('b', 'H', 'B', 'ONE_SIDED_REQUEST'),
          candidate('g', 'G', 'H', 'RECOMMENDED'),
        ],
      }),
    );
    expect(placed(result)).toEqual({ a: 's0', b: 's0', g: 's1' });
  });

  it('places a three-way meeting as one unit that takes the host meeting for itself', () => {
    const result = scheduleChecked(
      input({
        slots: slots(1),
        people: [person('H', [0], false), person('A', [0]), person('L', [0], false), person('B', [0])],
        capacities: offers('H', [0], 3),
        candidates: [
          candidate('threeWay', 'H', 'A', 'MUTUAL_REQUEST', 0, 'L'),
          candidate('b', 'H', 'B', 'RECOMMENDED'),
        ],
      }),
    );
    expect(placed(result)).toEqual({ threeWay: 's0' });
    expect(reasons(result)).toEqual({ b: 'HOST_FULL' });
  });

  it('needs all three people of a three-way meeting free', () => {
    const result = scheduleChecked(
      input({
        slots: slots(1),
        people: [
          person('H', [0], false),
          person('A', [0]),
          person('L', [0], false),
          person('X', [0], false),
          person('B', [0]),
        ],
        capacities: offers('H', [0], 3),
        fixedMeetings: [fixed('f1', 0, 'X', ['L'])],
        candidates: [candidate('threeWay', 'H', 'A', 'ACCEPTED', 0, 'L'), candidate('b', 'H', 'B', 'RECOMMENDED')],
      }),
    );
    expect(placed(result)).toEqual({ b: 's0' });
    expect(reasons(result)).toEqual({ threeWay: 'PERSON_BUSY' });
  });

  it('respects fixed meetings: their people are busy, their pairs have met, their free seats can be filled', () => {
    const result = scheduleChecked(
      input({
        slots: slots(2),
        people: [person('H', [0], false), person('A', [0, 1]), person('B', [0]), person('K', [0, 1], false)],
        capacities: [...offers('H', [0], 2), ...offers('K', [0, 1])],
        fixedMeetings: [fixed('f1', 0, 'H', ['A'])],
        candidates: [
          candidate('again', 'H', 'A', 'ACCEPTED'),
          candidate('joins', 'H', 'B'),
          candidate('withK', 'K', 'A'),
        ],
      }),
    );
    expect(placed(result)).toEqual({ joins: 's0', withK: 's1' });
    expect(reasons(result)).toEqual({ again: 'REPEATED_PAIR' });
    expect(result.objective.practitionersWithMeeting).toBe(2);
  });

  it('never uses a break slot', () => {
    const result = scheduleChecked(
      input({
        slots: slots(2, [0]),
        people: [person('H', [0], false), person('A', [0, 1])],
        capacities: offers('H', [0]),
        candidates: [candidate('c1', 'H', 'A', 'ACCEPTED')],
      }),
    );
    expect(result.assignments).toEqual([]);
    expect(reasons(result)).toEqual({ c1: 'NO_COMMON_SLOT' });
    expect(result.practitionersWithoutMeeting).toEqual(['A']);
  });

  it('places one of two requests between the same pair (either direction)', () => {
    const result = scheduleChecked(
      input({
        slots: slots(2),
        people: [person('A', [0, 1]), person('B', [0, 1])],
        capacities: [...offers('A', [0, 1]), ...offers('B', [0, 1])],
        candidates: [candidate('aToB', 'A', 'B', 'ONE_SIDED_REQUEST'), candidate('bToA', 'B', 'A', 'MUTUAL_REQUEST')],
      }),
    );
    expect(Object.keys(placed(result))).toEqual(['bToA']);
    expect(reasons(result)).toEqual({ aToB: 'REPEATED_PAIR' });
  });

  it('explains why each candidate was left out', () => {
    const result = scheduleChecked(
      input({
        slots: slots(1),
        people: [
          person('H', [0], false),
          person('A', [0]),
          person('B', [0]),
          person('N', [], true),
          person('Q', [0], false),
        ],
        capacities: offers('H', [0]),
        candidates: [
          candidate('a', 'H', 'A', 'ACCEPTED'),
          candidate('b', 'H', 'B'),
          candidate('never', 'H', 'N'),
          candidate('busy', 'Q', 'A'),
        ],
      }),
    );
    expect(placed(result)).toEqual({ a: 's0' });
    // Q offers no seats, so Q–A has no common slot; N is never available; H's seat is taken.
    expect(reasons(result)).toEqual({ b: 'HOST_FULL', never: 'NO_COMMON_SLOT', busy: 'NO_COMMON_SLOT' });
    expect(result.practitionersWithoutMeeting).toEqual(['B', 'N']);
  });

  it('reports PERSON_BUSY when the guest is taken in every common slot', () => {
    const result = scheduleChecked(
      input({
        slots: slots(1),
        people: [person('H', [0], false), person('K', [0], false), person('A', [0])],
        capacities: [...offers('H', [0]), ...offers('K', [0])],
        candidates: [candidate('first', 'H', 'A', 'ACCEPTED'), candidate('second', 'K', 'A', 'RECOMMENDED')],
      }),
    );
    expect(placed(result)).toEqual({ first: 's0' });
    expect(reasons(result)).toEqual({ second: 'PERSON_BUSY' });
  });

  it('normalises scores by the highest one', () => {
    expect(meetingValue('RECOMMENDED', 50, 100)).toBe(TIER_WEIGHTS.RECOMMENDED + 0.5);
    expect(meetingValue('ACCEPTED', 0, 0)).toBe(TIER_WEIGHTS.ACCEPTED);
    // One meeting of a higher tier beats any one meeting of a lower tier.
    expect(meetingValue('ONE_SIDED_REQUEST', 0, 1)).toBeGreaterThan(meetingValue('RECOMMENDED', 1, 1));
    expect(meetingValue('MUTUAL_REQUEST', 0, 1)).toBeGreaterThan(meetingValue('ONE_SIDED_REQUEST', 1, 1));
    expect(meetingValue('ACCEPTED', 0, 1)).toBeGreaterThan(meetingValue('MUTUAL_REQUEST', 1, 1));
  });
});

describe('schedule: empty and invalid input', () => {
  const base = () =>
    input({
      slots: slots(2),
      people: [person('H', [0, 1], false), person('A', [0, 1])],
      capacities: offers('H', [0, 1]),
      candidates: [candidate('c1', 'H', 'A')],
    });

  it('explains an instance with nothing to schedule instead of failing', () => {
    const noCandidates = schedule({ ...base(), candidates: [] });
    expect(noCandidates.emptyReason).toBe('NO_CANDIDATES');
    expect(noCandidates.assignments).toEqual([]);
    expect(noCandidates.practitionersWithoutMeeting).toEqual(['A']);

    expect(schedule({ ...base(), slots: [], people: [], capacities: [], candidates: [] }).emptyReason).toBe('NO_SLOTS');
    expect(schedule({ slots: slots(1), people: [], capacities: [], candidates: [] }).emptyReason).toBe('NO_PEOPLE');

    const allBreaks = schedule({ ...base(), slots: slots(2, [0, 1]) });
    expect(allBreaks.emptyReason).toBe('NO_USABLE_SLOTS');
    expect(allBreaks.unassigned).toEqual([{ candidateId: 'c1', reason: 'NO_COMMON_SLOT' }]);
  });

  it('rejects unknown ids', () => {
    expect(
      expectError(
        () => schedule({ ...base(), candidates: [candidate('c1', 'H', 'Z')] }),
        MatchingErrorCode.UNKNOWN_PERSON,
      ).details,
    ).toMatchObject({
      personId: 'Z',
      field: 'candidates[0].guestId',
    });
    expectError(
      () => schedule({ ...base(), candidates: [candidate('c1', 'H', 'A', 'ACCEPTED', 0, 'Z')] }),
      MatchingErrorCode.UNKNOWN_PERSON,
    );
    expectError(
      () => schedule({ ...base(), capacities: [{ hostId: 'H', slotId: 's9', seats: 1 }] }),
      MatchingErrorCode.UNKNOWN_SLOT,
    );
    expectError(() => schedule({ ...base(), people: [person('H', [0, 7])] }), MatchingErrorCode.UNKNOWN_SLOT);
    expectError(
      () => schedule({ ...base(), fixedMeetings: [fixed('f', 0, 'H', ['Y'])] }),
      MatchingErrorCode.UNKNOWN_PERSON,
    );
  });

  it('rejects duplicate ids', () => {
    const error = expectError(
      () => schedule({ ...base(), candidates: [candidate('c1', 'H', 'A'), candidate('c1', 'A', 'H')] }),
      MatchingErrorCode.DUPLICATE_ID,
    );
    expect(error.details).toEqual({ kind: 'candidate', id: 'c1' });
    expectError(
      () => schedule({ ...base(), people: [person('A', [0]), person('A', [1])] }),
      MatchingErrorCode.DUPLICATE_ID,
    );
    expectError(
      () => schedule({ ...base(), slots: [...slots(2), { id: 's1', index: 5, isBreak: false }] }),
      MatchingErrorCode.DUPLICATE_ID,
    );
  });

  it('rejects contradictory input', () => {
    expectError(
      () =>
        schedule({
          ...base(),
          slots: [
            { id: 'x', index: 0, isBreak: false },
            { id: 'y', index: 0, isBreak: false },
          ],
        }),
      MatchingErrorCode.CONTRADICTORY_INPUT,
    );
    expectError(
      () => schedule({ ...base(), capacities: [...offers('H', [0]), ...offers('H', [0], 2)] }),
      MatchingErrorCode.CONTRADICTORY_INPUT,
    );
    // Fixed meetings that double-book A, or put three guests into two seats.
    expectError(
      () =>
        schedule({
          ...base(),
          people: [...base().people, person('K', [0], false)],
          fixedMeetings: [fixed('f1', 0, 'H', ['A']), fixed('f2', 0, 'K', ['A'])],
        }),
      MatchingErrorCode.CONTRADICTORY_INPUT,
    );
    expectError(
      () =>
        schedule({
          ...base(),
          people: [...base().people, person('B', [0]), person('C', [0])],
          capacities: offers('H', [0], 2),
          fixedMeetings: [fixed('f1', 0, 'H', ['A', 'B', 'C'])],
        }),
      MatchingErrorCode.CONTRADICTORY_INPUT,
    );
  });

  it('rejects malformed candidates, seats and options', () => {
    expectError(
      () => schedule({ ...base(), candidates: [candidate('c1', 'H', 'H')] }),
      MatchingErrorCode.INVALID_CANDIDATE,
    );
    expectError(
      () => schedule({ ...base(), candidates: [candidate('c1', 'H', 'A', 'ACCEPTED', 0, 'A')] }),
      MatchingErrorCode.INVALID_CANDIDATE,
    );
    expectError(
      () => schedule({ ...base(), candidates: [{ ...candidate('c1', 'H', 'A'), tier: 'URGENT' as never }] }),
      MatchingErrorCode.INVALID_CANDIDATE,
    );
    expectError(
      () => schedule({ ...base(), candidates: [candidate('c1', 'H', 'A', 'ACCEPTED', Number.NaN)] }),
      MatchingErrorCode.INVALID_CANDIDATE,
    );
    expectError(
      () => schedule({ ...base(), candidates: [candidate('c1', 'H', 'A', 'ACCEPTED', -1)] }),
      MatchingErrorCode.INVALID_CANDIDATE,
    );
    expectError(() => schedule({ ...base(), capacities: offers('H', [0], 0) }), MatchingErrorCode.INVALID_SEATS);
    expectError(() => schedule({ ...base(), capacities: offers('H', [0], 1.5) }), MatchingErrorCode.INVALID_SEATS);
    expectError(() => schedule(base(), { effort: -1 }), MatchingErrorCode.INVALID_OPTIONS);
    expectError(() => schedule({ ...base(), seed: 1.5 }), MatchingErrorCode.INVALID_OPTIONS);
    expectError(() => schedule({ ...base(), candidates: null as never }), MatchingErrorCode.INVALID_INPUT);
    expectError(() => schedule(null as never), MatchingErrorCode.INVALID_INPUT);
  });
});

describe('schedule: determinism', { timeout: 60_000 }, () => {
  it('gives the same result for the same input and seed', () => {
    const data = randomInstance({ people: 120, slots: 6, candidates: 700, seed: 5 });
    const first = schedule(data);
    const second = schedule(structuredClone(data));
    expect(second).toEqual(first);
    expect(checkSchedule(data, first.assignments).ok).toBe(true);
  });

  it('does not depend on the order of availability lists or capacities', () => {
    const data = randomInstance({ people: 80, slots: 5, candidates: 400, seed: 9 });
    const shuffled: ScheduleInput = {
      ...data,
      people: data.people.map((p) => ({ ...p, availableSlotIds: [...p.availableSlotIds].reverse() })),
      capacities: [...data.capacities].reverse(),
    };
    expect(schedule(shuffled)).toEqual(schedule(data));
  });

  it('with effort 0 stops after the construction, still valid', () => {
    const data = randomInstance({ people: 60, slots: 4, candidates: 200, seed: 2 });
    const quick = schedule(data, { effort: 0 });
    expect(quick.iterations).toBe(0);
    expect(checkSchedule(data, quick.assignments).ok).toBe(true);
    const full = schedule(data);
    expect(full.objective.practitionersWithMeeting).toBeGreaterThanOrEqual(quick.objective.practitionersWithMeeting);
  });
});
