import type {
  MeetingTier,
  PersonFairness,
  ScheduleAssignment,
  ScheduleInput,
  ScheduleObjective,
  UnassignedReason,
} from '@cyswllt/matching';

/** What a run proposes, stored as JSON on the run and shown in the preview. */
export interface DraftMeeting {
  slotId: string;
  hostId: string;
  guestIds: string[];
  thirdPartyId: string | null;
  /** The strongest tier among the candidates it joins; ACCEPTED alone makes it CONFIRMED. */
  tiers: MeetingTier[];
  requestIds: string[];
  /** A proposal nobody had agreed to, moved here from `fromSlotId` (its guest is among `guestIds`). */
  moves?: { meetingId: string; fromSlotId: string } | null;
  /** A proposal left where it is: `guestIds` join it (its own guest is not among them). */
  fills?: string | null;
  /** Extra time: it takes this slot and the next one; absent in drafts made before it existed. */
  extraTime?: boolean;
}

/** A proposal taken out of the draft, or moved, as the preview lists it. */
export interface DraftChangedMeeting {
  meetingId: string;
  hostId: string;
  guestIds: string[];
  fromSlotId: string;
  /** Where it moves; null: dropped (its people are told, its requests can be scheduled again). */
  toSlotId: string | null;
}

/** What publishing changes beside the new meetings (re-optimising): proposals moved, dropped, kept. */
export interface DraftChanges {
  moved: DraftChangedMeeting[];
  dropped: DraftChangedMeeting[];
  /** Proposals nobody had agreed to that stay where they are. */
  kept: number;
  /** CONFIRMED (and other agreed) meetings, which never move. */
  fixed: number;
}

export interface DraftUnplaced {
  hostId: string;
  guestId: string;
  tier: MeetingTier;
  reason: UnassignedReason;
}

export interface ScheduleDraft {
  meetings: DraftMeeting[];
  /** Absent in drafts made before re-optimising existed. */
  changes?: DraftChanges;
  unplaced: DraftUnplaced[];
  practitionersWithoutMeeting: string[];
  /** Who the run counted as practitioners, and who already had a booked meeting (adjusting needs both). */
  practitionerIds: string[];
  inFixedMeetings: string[];
  objective: ScheduleObjective;
  emptyReason: string | null;
  /** People whose candidates were ranked lower for repeated no-shows; absent in drafts made before it existed. */
  lowerPriority?: { userId: string; noShows: number }[];
  /** Each person's meetings, value and why they have none, as the run left them (the fairness report); absent in runs made before it. */
  fairness?: PersonFairness[];
}

/** A candidate of the scheduler, with what publishing needs to know about it. */
export interface CandidateSource {
  id: string;
  hostId: string;
  guestId: string;
  thirdPartyId: string | null;
  tier: MeetingTier;
  score: number;
  requestIds: string[];
  /** A request asked for extra time: two consecutive slots. */
  extraTime: boolean;
  /** Its people with repeated no-shows, for whom its score was lowered. */
  lowered: { userId: string; noShows: number }[];
  /** The movable proposal this pair already has (re-optimising), if any. */
  meetingId?: string;
}

/** A PROPOSED meeting nobody has agreed to yet, with one guest: the scheduler may move or drop it. */
export interface MovableProposal {
  id: string;
  slotId: string;
  hostId: string;
  guestId: string;
  thirdPartyId: string | null;
}

/** A placed candidate, as the draft groups it. */
export interface PlacedCandidate {
  slotId: string;
  source: Pick<
    CandidateSource,
    'hostId' | 'guestId' | 'thirdPartyId' | 'tier' | 'requestIds' | 'meetingId' | 'extraTime'
  >;
}

/**
 * Groups placed candidates by host and slot (one meeting each, a group where the host has seats)
 * and compares them with the movable proposals: a proposal placed in its own slot is kept (the
 * others there join it), one placed elsewhere moves (one per new meeting; any other proposal landing
 * in the same meeting is dropped and its guest joins), one not placed is dropped.
 */
export function reconcileDraft(
  placed: readonly PlacedCandidate[],
  movable: readonly MovableProposal[],
  fixed: number,
): { meetings: DraftMeeting[]; changes: DraftChanges } {
  const byId = new Map(movable.map((m) => [m.id, m]));
  const groups = new Map<string, { meeting: DraftMeeting; proposals: MovableProposal[] }>();
  for (const { slotId, source } of placed) {
    const key = `${source.hostId}|${slotId}`;
    const group = groups.get(key) ?? {
      meeting: { slotId, hostId: source.hostId, guestIds: [], thirdPartyId: null, tiers: [], requestIds: [] },
      proposals: [],
    };
    group.meeting.guestIds.push(source.guestId);
    group.meeting.thirdPartyId ??= source.thirdPartyId;
    group.meeting.tiers.push(source.tier);
    group.meeting.requestIds.push(...source.requestIds);
    if (source.extraTime) group.meeting.extraTime = true;
    const proposal = source.meetingId ? byId.get(source.meetingId) : undefined;
    if (proposal) group.proposals.push(proposal);
    groups.set(key, group);
  }
  const changes: DraftChanges = { moved: [], dropped: [], kept: 0, fixed };
  const placedIds = new Set<string>();
  const meetings: DraftMeeting[] = [];
  const change = (p: MovableProposal, toSlotId: string | null): DraftChangedMeeting => ({
    meetingId: p.id,
    hostId: p.hostId,
    guestIds: [p.guestId],
    fromSlotId: p.slotId,
    toSlotId,
  });
  for (const { meeting, proposals } of groups.values()) {
    const kept = proposals.find((p) => p.slotId === meeting.slotId);
    const anchor = kept ?? proposals[0];
    for (const p of proposals) {
      placedIds.add(p.id);
      if (p !== anchor) changes.dropped.push(change(p, null));
    }
    if (kept) {
      changes.kept++;
      const at = meeting.guestIds.indexOf(kept.guestId);
      meeting.guestIds.splice(at, 1);
      meeting.tiers.splice(at, 1);
      meeting.fills = kept.id;
      if (meeting.guestIds.length === 0) continue;
    } else if (anchor) {
      meeting.moves = { meetingId: anchor.id, fromSlotId: anchor.slotId };
      changes.moved.push(change(anchor, meeting.slotId));
    }
    meetings.push(meeting);
  }
  for (const p of movable) if (!placedIds.has(p.id)) changes.dropped.push(change(p, null));
  return { meetings, changes };
}

/**
 * Puts back each moved proposal whose own slot is still free for it (its people available and
 * in no other meeting there, the host's seats there unused): a candidate's value does not depend
 * on its slot, so the schedule stays as good and moves only what the gain needed.
 */
export function keepProposalsInPlace(
  input: ScheduleInput,
  assignments: readonly ScheduleAssignment[],
  sources: ReadonlyMap<string, Pick<CandidateSource, 'hostId' | 'guestId' | 'thirdPartyId' | 'meetingId'>>,
  movable: readonly MovableProposal[],
): ScheduleAssignment[] {
  const home = new Map(movable.map((m) => [m.id, m.slotId]));
  const available = new Map(input.people.map((p) => [p.id, new Set(p.availableSlotIds)]));
  const hasSeats = new Set(input.capacities.filter((c) => c.seats > 0).map((c) => `${c.hostId}|${c.slotId}`));
  const peopleOf = (s: Pick<CandidateSource, 'hostId' | 'guestId' | 'thirdPartyId'>) =>
    [s.hostId, s.guestId, s.thirdPartyId].filter((id): id is string => Boolean(id));
  const busy = new Set<string>();
  const hostsUsed = new Set<string>();
  const occupy = (people: string[], hostId: string, slotId: string, delta: 1 | -1) => {
    const keys = [
      ...people.map((id) => ({ set: busy, key: `${id}|${slotId}` })),
      { set: hostsUsed, key: `${hostId}|${slotId}` },
    ];
    for (const { set, key } of keys) {
      if (delta > 0) set.add(key);
      else set.delete(key);
    }
  };
  for (const f of input.fixedMeetings ?? [])
    occupy([f.hostId, ...f.guestIds, ...(f.thirdPartyId ? [f.thirdPartyId] : [])], f.hostId, f.slotId, 1);
  for (const a of assignments) {
    const source = sources.get(a.candidateId)!;
    occupy(peopleOf(source), source.hostId, a.slotId, 1);
  }
  return assignments.map((a) => {
    const source = sources.get(a.candidateId)!;
    const slotId = source.meetingId ? home.get(source.meetingId) : undefined;
    if (!slotId || slotId === a.slotId) return a;
    const people = peopleOf(source);
    const guestsHere = assignments.filter(
      (b) => b !== a && b.slotId === a.slotId && sources.get(b.candidateId)!.hostId === source.hostId,
    );
    // A host with other guests where it was placed stays there with them.
    const free =
      guestsHere.length === 0 &&
      hasSeats.has(`${source.hostId}|${slotId}`) &&
      !hostsUsed.has(`${source.hostId}|${slotId}`) &&
      people.every((id) => available.get(id)?.has(slotId) && !busy.has(`${id}|${slotId}`));
    if (!free) return a;
    occupy(people, source.hostId, a.slotId, -1);
    occupy(people, source.hostId, slotId, 1);
    return { ...a, slotId };
  });
}
