import { describe, expect, it } from 'vitest';
import { candidate, fixed, input, offers, person, slots } from '../testing/instance-builders';
import { checkSchedule } from './check-schedule';
import { TIER_WEIGHTS } from './schedule.types';

/** The checker is what the property tests and the benchmark trust: each rule gets a failing case. */
describe('checkSchedule', () => {
  const data = input({
    slots: slots(3, [2]),
    people: [
      person('H', [0, 1, 2], false),
      person('K', [0, 1], false),
      person('A', [0, 1, 2]),
      person('B', [0, 1]),
      person('C', [0]),
      person('L', [0, 1], false),
    ],
    capacities: [...offers('H', [0, 1, 2], 2), ...offers('K', [0])],
    fixedMeetings: [fixed('f1', 1, 'K', ['B'])],
    candidates: [
      candidate('ha', 'H', 'A', 'ACCEPTED', 10),
      candidate('hb', 'H', 'B', 'RECOMMENDED', 5),
      candidate('hc', 'H', 'C'),
      candidate('ka', 'K', 'A'),
      candidate('kb', 'K', 'B'),
      candidate('three', 'H', 'C', 'MUTUAL_REQUEST', 0, 'L'),
      candidate('ah', 'A', 'H'),
    ],
  });

  const codes = (assignments: { candidateId: string; slotId: string }[]) =>
    checkSchedule(data, assignments).violations.map((v) => v.code);

  it('accepts a valid schedule and recomputes its objective', () => {
    const check = checkSchedule(data, [
      { candidateId: 'ha', slotId: 's0' },
      { candidateId: 'hc', slotId: 's0' },
    ]);
    expect(check).toEqual({
      ok: true,
      violations: [],
      practitionersWithMeeting: 3, // A and C placed, B in the fixed meeting
      totalValue: TIER_WEIGHTS.ACCEPTED + 1 + TIER_WEIGHTS.RECOMMENDED,
    });
  });

  it('flags unknown candidates and slots, and double assignment', () => {
    expect(codes([{ candidateId: 'nope', slotId: 's0' }])).toEqual(['UNKNOWN_CANDIDATE']);
    expect(codes([{ candidateId: 'ha', slotId: 's9' }])).toEqual(['UNKNOWN_SLOT']);
    expect(
      codes([
        { candidateId: 'ha', slotId: 's0' },
        { candidateId: 'ha', slotId: 's1' },
      ]),
    ).toEqual(['ASSIGNED_TWICE']);
  });

  it('flags breaks, unavailability and missing seats', () => {
    expect(codes([{ candidateId: 'ha', slotId: 's2' }])).toEqual(['BREAK_SLOT']);
    expect(codes([{ candidateId: 'hc', slotId: 's1' }])).toEqual(['NOT_AVAILABLE']);
    expect(codes([{ candidateId: 'ka', slotId: 's1' }])).toContain('NO_SEATS');
  });

  it('flags a double-booked person, including a host who is also a guest and a clash with a fixed meeting', () => {
    expect(
      codes([
        { candidateId: 'ha', slotId: 's0' },
        { candidateId: 'ka', slotId: 's0' },
      ]),
    ).toEqual(['PERSON_DOUBLE_BOOKED']);
    expect(
      codes([
        { candidateId: 'hb', slotId: 's0' },
        { candidateId: 'ah', slotId: 's0' },
      ]),
    ).toContain('PERSON_DOUBLE_BOOKED');
    expect(codes([{ candidateId: 'hb', slotId: 's1' }])).toContain('PERSON_DOUBLE_BOOKED');
  });

  it('flags overfilled seats and a third party in a group', () => {
    expect(
      codes([
        { candidateId: 'ha', slotId: 's0' },
        { candidateId: 'hb', slotId: 's0' },
        { candidateId: 'hc', slotId: 's0' },
      ]),
    ).toEqual(['SEATS_EXCEEDED']);
    expect(
      codes([
        { candidateId: 'ha', slotId: 's0' },
        { candidateId: 'three', slotId: 's0' },
      ]),
    ).toEqual(['THIRD_PARTY_NOT_ALONE']);
  });

  it('flags repeated pairs, against placed and fixed meetings', () => {
    expect(
      codes([
        { candidateId: 'ha', slotId: 's0' },
        { candidateId: 'ah', slotId: 's1' },
      ]),
    ).toContain('REPEATED_PAIR');
    expect(codes([{ candidateId: 'kb', slotId: 's0' }])).toEqual(['REPEATED_PAIR']);
  });
});
