import { describe, expect, it } from 'vitest';
import { fairnessFacts } from './fairness';
import { schedule } from './schedule';
import type { ScheduleInput } from './schedule.types';

/** Two slots; a host with one seat in each; guests with various diaries. */
function input(): ScheduleInput {
  return {
    slots: [
      { id: 's1', index: 0, isBreak: false },
      { id: 's2', index: 1, isBreak: false },
      { id: 'brk', index: 2, isBreak: true },
    ],
    people: [
      { id: 'host', isPractitioner: false, availableSlotIds: ['s1'] },
      { id: 'ann', isPractitioner: true, availableSlotIds: ['s1', 's2'] },
      { id: 'ben', isPractitioner: true, availableSlotIds: ['s1'] },
      { id: 'cai', isPractitioner: true, availableSlotIds: ['s2'] },
      { id: 'dai', isPractitioner: true, availableSlotIds: ['brk'] },
      { id: 'eve', isPractitioner: true, availableSlotIds: ['s1', 's2'] },
    ],
    capacities: [{ hostId: 'host', slotId: 's1', seats: 1 }],
    candidates: [
      { id: 'a', hostId: 'host', guestId: 'ann', tier: 'ACCEPTED', score: 1 },
      { id: 'b', hostId: 'host', guestId: 'ben', tier: 'ONE_SIDED_REQUEST', score: 1 },
      { id: 'c', hostId: 'host', guestId: 'cai', tier: 'ONE_SIDED_REQUEST', score: 1 },
      { id: 'd', hostId: 'host', guestId: 'dai', tier: 'ONE_SIDED_REQUEST', score: 1 },
    ],
  };
}

describe('fairnessFacts', () => {
  it('gives a run its meetings, values and why each person without one has none', () => {
    const i = input();
    const facts = fairnessFacts(i, schedule(i));
    const of = (id: string) => facts.find((f) => f.personId === id)!;
    expect(of('ann')).toEqual({ personId: 'ann', meetings: 1, value: 17, reason: null });
    expect(of('host')).toMatchObject({ meetings: 1, value: 17, reason: null });
    expect(of('ben').reason).toBe('CAPACITY'); // s1 was common, but the host's one seat went to Ann
    expect(of('cai').reason).toBe('NO_MUTUAL_SLOT'); // free only in s2, where the host offers nothing
    expect(of('dai').reason).toBe('NO_AVAILABILITY'); // free only in a break
    expect(of('eve').reason).toBe('NO_CANDIDATES');
    expect(facts.map((f) => f.personId)).toEqual(i.people.map((p) => p.id));
  });

  it('tries a session’s candidates beside its booked meetings when there is no run', () => {
    const i = { ...input(), fixedMeetings: [{ id: 'm', slotId: 's1', hostId: 'host', guestIds: ['ann'] }] };
    const facts = fairnessFacts(i);
    const of = (id: string) => facts.find((f) => f.personId === id)!;
    expect(of('ann')).toEqual({ personId: 'ann', meetings: 1, value: 0, reason: null });
    expect(of('ben').reason).toBe('CAPACITY');
    expect(of('cai').reason).toBe('NO_MUTUAL_SLOT');
    const roomy = { ...i, capacities: [{ hostId: 'host', slotId: 's1', seats: 2 }] };
    expect(fairnessFacts(roomy).find((f) => f.personId === 'ben')!.reason).toBe('NOT_YET_PLACED');
  });
});
