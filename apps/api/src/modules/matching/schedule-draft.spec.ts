import { describe, expect, it } from 'vitest';
import type { ScheduleInput } from '@cyswllt/matching';
import { keepProposalsInPlace, MovableProposal, PlacedCandidate, reconcileDraft } from './schedule-draft';

const pair = (hostId: string, guestId: string, slotId: string, meetingId?: string): PlacedCandidate => ({
  slotId,
  source: {
    hostId,
    guestId,
    thirdPartyId: null,
    tier: 'ONE_SIDED_REQUEST',
    requestIds: [`r-${guestId}`],
    meetingId,
    extraTime: false,
  },
});
const proposal = (id: string, hostId: string, guestId: string, slotId: string): MovableProposal => ({
  id,
  hostId,
  guestId,
  slotId,
  thirdPartyId: null,
});

describe('reconcileDraft (the re-optimising diff)', () => {
  it('groups new pairs by host and slot into added meetings', () => {
    const { meetings, changes } = reconcileDraft(
      [pair('h', 'a', 's1'), pair('h', 'b', 's1'), pair('h', 'c', 's2')],
      [],
      3,
    );
    expect(meetings.map((m) => [m.slotId, m.guestIds])).toEqual([
      ['s1', ['a', 'b']],
      ['s2', ['c']],
    ]);
    expect(changes).toEqual({ moved: [], dropped: [], kept: 0, fixed: 3 });
  });

  it('keeps a proposal placed in its own slot out of the new meetings; others there join it', () => {
    const p = proposal('m1', 'h', 'a', 's1');
    const alone = reconcileDraft([pair('h', 'a', 's1', 'm1')], [p], 0);
    expect(alone).toEqual({ meetings: [], changes: { moved: [], dropped: [], kept: 1, fixed: 0 } });

    const joined = reconcileDraft([pair('h', 'a', 's1', 'm1'), pair('h', 'b', 's1')], [p], 0);
    expect(joined.meetings).toMatchObject([
      { slotId: 's1', guestIds: ['b'], tiers: ['ONE_SIDED_REQUEST'], fills: 'm1' },
    ]);
    expect(joined.changes.kept).toBe(1);
  });

  it('moves a proposal placed elsewhere, and drops one not placed', () => {
    const { meetings, changes } = reconcileDraft(
      [pair('h', 'a', 's2', 'm1'), pair('h', 'b', 's1')],
      [proposal('m1', 'h', 'a', 's1'), proposal('m2', 'k', 'c', 's3')],
      1,
    );
    expect(meetings).toMatchObject([
      { slotId: 's2', guestIds: ['a'], moves: { meetingId: 'm1', fromSlotId: 's1' } },
      { slotId: 's1', guestIds: ['b'] },
    ]);
    expect(meetings[1]!.moves).toBeUndefined();
    expect(changes).toEqual({
      moved: [{ meetingId: 'm1', hostId: 'h', guestIds: ['a'], fromSlotId: 's1', toSlotId: 's2' }],
      dropped: [{ meetingId: 'm2', hostId: 'k', guestIds: ['c'], fromSlotId: 's3', toSlotId: null }],
      kept: 0,
      fixed: 1,
    });
  });

  it('moves one proposal per new meeting: another landing in the same group is dropped and its guest joins', () => {
    const { meetings, changes } = reconcileDraft(
      [pair('h', 'a', 's3', 'm1'), pair('h', 'b', 's3', 'm2')],
      [proposal('m1', 'h', 'a', 's1'), proposal('m2', 'h', 'b', 's2')],
      0,
    );
    expect(meetings).toMatchObject([{ slotId: 's3', guestIds: ['a', 'b'], moves: { meetingId: 'm1' } }]);
    expect(changes.moved.map((m) => m.meetingId)).toEqual(['m1']);
    expect(changes.dropped.map((m) => m.meetingId)).toEqual(['m2']);
  });
});

describe('keepProposalsInPlace', () => {
  const slots = ['s1', 's2', 's3'].map((id, index) => ({ id, index, isBreak: false }));
  const person = (id: string, availableSlotIds = ['s1', 's2', 's3']) => ({
    id,
    isPractitioner: id !== 'h',
    availableSlotIds,
  });
  const input = (people = [person('h'), person('a'), person('b')]): ScheduleInput => ({
    slots,
    people,
    capacities: slots.map((s) => ({ hostId: 'h', slotId: s.id, seats: 1 })),
    candidates: [],
  });
  const sources = new Map([
    ['c1', { hostId: 'h', guestId: 'a', thirdPartyId: null, meetingId: 'm1' }],
    ['c2', { hostId: 'h', guestId: 'b', thirdPartyId: null }],
  ]);
  const movable = [proposal('m1', 'h', 'a', 's1')];

  it('puts a moved proposal back where its own slot is still free for everyone in it', () => {
    const kept = keepProposalsInPlace(
      input(),
      [
        { candidateId: 'c1', slotId: 's3' },
        { candidateId: 'c2', slotId: 's2' },
      ],
      sources,
      movable,
    );
    expect(kept).toEqual([
      { candidateId: 'c1', slotId: 's1' },
      { candidateId: 'c2', slotId: 's2' },
    ]);
  });

  it('leaves it moved when its slot went to someone else, or someone in it is no longer free then', () => {
    const taken = [
      { candidateId: 'c1', slotId: 's3' },
      { candidateId: 'c2', slotId: 's1' },
    ];
    expect(keepProposalsInPlace(input(), taken, sources, movable)).toEqual(taken);
    const moved = [{ candidateId: 'c1', slotId: 's3' }];
    expect(
      keepProposalsInPlace(input([person('h'), person('a', ['s2', 's3']), person('b')]), moved, sources, movable),
    ).toEqual(moved);
  });
});
