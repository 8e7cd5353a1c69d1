import { describe, expect, it } from 'vitest';
import { FairnessPerson, fairnessFigures } from './fairness-figures';

const person = (i: number, over: Partial<FairnessPerson> = {}): FairnessPerson => ({
  id: `p${i}`,
  role: 'PRACTITIONER',
  regions: ['powys'],
  conditions: [],
  welshSpeaker: false,
  firstTime: true,
  inclusiveSpace: false,
  meetings: 1,
  value: 4,
  reason: null,
  ...over,
});

describe('fairnessFigures', () => {
  it('shows coverage and average value for groups of five or more, and counts the reasons', () => {
    const people = [
      ...Array.from({ length: 8 }, (_, i) => person(i)),
      ...Array.from({ length: 6 }, (_, i) => person(10 + i, { meetings: 0, value: 0, reason: 'NO_MUTUAL_SLOT' })),
      ...Array.from({ length: 5 }, (_, i) => person(20 + i, { role: 'COMMISSIONER', welshSpeaker: true, value: 16 })),
    ];
    const f = fairnessFigures(people);
    expect(f.people.value).toBe(19);
    expect(f.withMeeting.value).toBe(13);
    expect(f.coverage.display).toBe('68%');
    const role = (c: string) => f.groups.find((g) => g.dimension === 'ROLE' && g.category === c)!;
    expect(role('PRACTITIONER')).toMatchObject({ people: { value: 14 }, withMeeting: { value: 8 } });
    expect(role('PRACTITIONER').coverage.value).toBeCloseTo(8 / 14, 2);
    expect(role('COMMISSIONER').averageValue.display).toBe('16.0');
    expect(f.reasons.find((r) => r.reason === 'NO_MUTUAL_SLOT')!.people.value).toBe(6);
  });

  it('hides small groups and never shows a share or average over fewer than five people', () => {
    const people = [
      ...Array.from({ length: 9 }, (_, i) => person(i)),
      person(9, { role: 'LINK_WORKER', meetings: 0, value: 0, reason: 'NO_AVAILABILITY' }),
    ];
    const f = fairnessFigures(people);
    const link = f.groups.find((g) => g.dimension === 'ROLE' && g.category === 'LINK_WORKER')!;
    expect(link.people).toMatchObject({ value: null, display: '<5' });
    expect(link.coverage.value).toBeNull();
    expect(link.averageValue.value).toBeNull();
    // The practitioner count (9) would give the link worker away from the total (10): hidden too.
    const prac = f.groups.find((g) => g.dimension === 'ROLE' && g.category === 'PRACTITIONER')!;
    expect(prac.people.value).toBeNull();
    expect(f.reasons.find((r) => r.reason === 'NO_AVAILABILITY')!.people.display).toBe('<5');
  });
});
