import { describe, expect, it } from 'vitest';
import { linkWorkerReach } from './link-worker-reach';

const route = (linkWorkerId: string, organisationId: string, at: string) => ({
  linkWorkerId,
  displayName: linkWorkerId.toUpperCase(),
  organisationId,
  agreedAt: new Date(at),
});

describe('link workers’ reach', () => {
  it('counts distinct organisations per link worker by the end of each month (UK time), and the latest month’s growth', () => {
    const reach = linkWorkerReach([
      route('b', 'o1', '2027-01-10T10:00:00Z'),
      route('b', 'o1', '2027-02-10T10:00:00Z'), // the same organisation again: no growth
      route('b', 'o2', '2027-02-11T10:00:00Z'),
      route('a', 'o3', '2027-03-31T23:30:00Z'), // 00:30 BST on 1 April: April
    ]);
    expect(reach.periods).toEqual(['2027-01', '2027-02', '2027-04']);
    expect(reach.linkWorkers).toEqual([
      { id: 'a', displayName: 'A', organisations: [0, 0, 1], growth: 1 },
      { id: 'b', displayName: 'B', organisations: [1, 2, 2], growth: 0 },
    ]);
  });

  it('has nothing to show without routes', () => {
    expect(linkWorkerReach([])).toEqual({ periods: [], linkWorkers: [] });
  });
});
