import {
  fairnessFacts,
  CandidateMeeting,
  FixedMeeting,
  HostCapacity,
  MatchingError as LibraryError,
  recommend,
  ScheduleInput,
  ScheduleProgress,
  ScheduleResult,
  scheduleAsync,
} from '@cyswllt/matching';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database, isUniqueViolation } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import {
  MeetingSource,
  MeetingStatus,
  ParticipantRole,
  RequestStatus,
  ThirdPartyStatus,
} from '../booking/booking.enums';
import { BookingError } from '../booking/booking.errors';
import { consecutiveSlot } from '../booking/booking-rules';
import { MeetingPlacer } from '../booking/meeting-placer';
import { MeetingsService, RESCHEDULED } from '../booking/meetings.service';
import { RegistrationsService } from '../booking/registrations.service';
import { RequestsService } from '../booking/requests.service';
import { SlotEntity } from '../events/entities/slot.entity';
import { SessionStatus } from '../events/events.enums';
import { SessionsService } from '../events/sessions.service';
import { ScheduleRunEntity, ScheduleRunStatus } from './entities/schedule-run.entity';
import { MatchingError, MatchingErrorCode } from './matching.errors';
import { MatchingRepository } from './matching.repository';
import { MatchingSettingsService } from './matching-settings.service';
import {
  CandidateSource,
  DraftMeeting,
  keepProposalsInPlace,
  MovableProposal,
  reconcileDraft,
  ScheduleDraft,
} from './schedule-draft';
import { SessionPeopleService } from './session-people.service';
import { NoShowsService } from '../rooms/no-shows.service';
import { REPEATED_NO_SHOW_SCORE_FACTOR, REPEATED_NO_SHOWS } from '../rooms/no-shows';

/** A recommendation must score at least this to become a RECOMMENDED candidate. */
const STRONG_RECOMMENDATION = 0.3;
const PROGRESS_WRITE_MS = 500;
/** Why a proposal nobody had agreed to was dropped by a new auto-schedule (told to its people). */
export const PROPOSAL_DROPPED_REASON = 'Aildrefnwyd yr amserlen / The schedule was rearranged';

/** What a run schedules: as things stand (proposals fixed) and, when there are any, with proposals movable. */
interface RunInputs {
  input: ScheduleInput;
  sources: Map<string, CandidateSource>;
  /** PROPOSED meetings nobody has agreed to, movable in `input`. */
  movable: MovableProposal[];
  /** The same session with the movable proposals fixed (what runs did before re-optimising). */
  asBooked: ScheduleInput;
}

/**
 * The organiser's auto-schedule: builds the scheduler's input from the session (registrations,
 * availability, offers, open requests, strong recommendations, booked meetings), runs the
 * scheduler in the background with progress and cancellation, keeps the result as a draft, and
 * publishes a draft in one transaction.
 */
@Injectable()
export class SchedulingService implements OnApplicationShutdown {
  private readonly logger = new Logger(SchedulingService.name);
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();

  constructor(
    private readonly db: Database,
    private readonly repository: MatchingRepository,
    private readonly settings: MatchingSettingsService,
    private readonly people: SessionPeopleService,
    private readonly sessions: SessionsService,
    private readonly registrations: RegistrationsService,
    private readonly meetings: MeetingsService,
    private readonly requests: RequestsService,
    private readonly placer: MeetingPlacer,
    private readonly clock: Clock,
    private readonly noShows: NoShowsService,
  ) {}

  async start(actor: Actor, sessionId: string): Promise<ScheduleRunEntity> {
    const session = await this.settings.ownedSession(actor, sessionId);
    if (session.status !== SessionStatus.PUBLISHED && session.status !== SessionStatus.LIVE) {
      throw new MatchingError(
        MatchingErrorCode.SESSION_NOT_SCHEDULABLE,
        `A ${session.status} session cannot be scheduled.`,
        { status: session.status },
      );
    }
    const inputs = await this.buildRunInputs(sessionId);
    const run: ScheduleRunEntity = {
      id: randomUUID(),
      sessionId,
      requestedById: actor.id,
      status: ScheduleRunStatus.RUNNING,
      progress: JSON.stringify({ phase: 'PREPARE', fraction: 0 }),
      draft: null,
      error: null,
      createdAt: this.clock.now(),
      finishedAt: null,
    };
    try {
      await this.db.write((em) => this.repository.insertRun(run, em));
    } catch (error) {
      if (isUniqueViolation(error))
        throw new MatchingError(
          MatchingErrorCode.SCHEDULE_ALREADY_RUNNING,
          'An auto-schedule is already running for this session.',
        );
      throw error;
    }
    const abort = new AbortController();
    const done = this.execute(run.id, inputs, abort.signal).finally(() => this.running.delete(run.id));
    this.running.set(run.id, { abort, done });
    return run;
  }

  /** Resolves when the run has stopped (tests and shutdown wait on it). */
  async settled(runId: string): Promise<void> {
    await this.running.get(runId)?.done;
  }

  async get(actor: Actor, runId: string): Promise<ScheduleRunEntity> {
    const run = await this.repository.run(runId);
    if (!run) throw MatchingSettingsService.notFound(runId);
    await this.settings.ownedSession(actor, run.sessionId);
    return run;
  }

  async latest(actor: Actor, sessionId: string): Promise<ScheduleRunEntity[]> {
    await this.settings.ownedSession(actor, sessionId);
    return this.repository.latestRuns(sessionId);
  }

  /** Stops a running run within a second; it leaves no draft. */
  async cancel(actor: Actor, runId: string): Promise<ScheduleRunEntity> {
    const run = await this.get(actor, runId);
    const active = this.running.get(run.id);
    if (run.status !== ScheduleRunStatus.RUNNING || !active) {
      throw new MatchingError(MatchingErrorCode.SCHEDULE_NOT_RUNNING, `The run is ${run.status.toLowerCase()}.`, {
        status: run.status,
      });
    }
    active.abort.abort();
    await active.done;
    return (await this.repository.run(run.id))!;
  }

  /**
   * The organiser's adjustment of a READY draft: takes one planned meeting out (by its position in
   * the preview) before publishing. Its people then count as without that meeting.
   */
  async removeDraftMeeting(actor: Actor, runId: string, index: number): Promise<ScheduleRunEntity> {
    const run = await this.get(actor, runId);
    if (run.status !== ScheduleRunStatus.READY || !run.draft) throw this.notReady(run);
    const draft = JSON.parse(run.draft) as ScheduleDraft;
    const [removed] = draft.meetings.splice(index, 1);
    if (!removed) throw CommonError.badInput(`The draft has no meeting ${index}.`, { index: ['out of range'] });
    if (removed.moves && draft.changes) {
      // Without its move, the proposal stays where it is.
      draft.changes.moved = draft.changes.moved.filter((m) => m.meetingId !== removed.moves!.meetingId);
      draft.changes.kept++;
    }
    const peopleOf = (m: DraftMeeting) => [m.hostId, ...m.guestIds, ...(m.thirdPartyId ? [m.thirdPartyId] : [])];
    const covered = new Set([...draft.meetings.flatMap(peopleOf), ...draft.inFixedMeetings]);
    const practitioners = new Set(draft.practitionerIds);
    const losers = peopleOf(removed).filter((id) => practitioners.has(id) && !covered.has(id));
    draft.practitionersWithoutMeeting.push(...losers);
    draft.objective = {
      ...draft.objective,
      practitionersWithMeeting: draft.objective.practitionersWithMeeting - losers.length,
      assignedCount: draft.objective.assignedCount - removed.guestIds.length,
    };
    const changed = JSON.stringify(draft);
    const saved = await this.db.write((em) =>
      this.repository.moveRun(run.id, ScheduleRunStatus.READY, { status: ScheduleRunStatus.READY, draft: changed }, em),
    );
    if (!saved) throw this.notReady(run);
    return { ...run, draft: changed };
  }

  async discard(actor: Actor, runId: string): Promise<ScheduleRunEntity> {
    const run = await this.get(actor, runId);
    const moved = await this.db.write((em) =>
      this.repository.moveRun(
        run.id,
        ScheduleRunStatus.READY,
        { status: ScheduleRunStatus.DISCARDED, draft: null },
        em,
      ),
    );
    if (!moved) throw this.notReady(run);
    return { ...run, status: ScheduleRunStatus.DISCARDED, draft: null };
  }

  /**
   * Turns the draft into meetings in one transaction: accepted pairs CONFIRMED, the others
   * PROPOSED for each side to confirm; scheduled requests remember their meeting. If anything
   * changed since the run (a slot taken, someone booked), nothing is written: SCHEDULE_STALE.
   */
  async publish(actor: Actor, runId: string): Promise<{ run: ScheduleRunEntity; meetingIds: string[] }> {
    const run = await this.get(actor, runId);
    if (run.status !== ScheduleRunStatus.READY || !run.draft) throw this.notReady(run);
    const draft = JSON.parse(run.draft) as ScheduleDraft;
    const now = this.clock.now();
    try {
      const meetingIds = await this.db.write(async (em) => {
        if (
          !(await this.repository.moveRun(
            run.id,
            ScheduleRunStatus.READY,
            { status: ScheduleRunStatus.PUBLISHED, finishedAt: now },
            em,
          ))
        )
          throw this.notReady(run);
        const slots = new Map((await this.sessions.slotsOf([run.sessionId], em)).map((s) => [s.id, s]));
        // Re-optimising: proposals nobody agreed to are dropped (with notice) or taken back to move, first,
        // so the slots and people they held are free for the rest.
        for (const dropped of draft.changes?.dropped ?? [])
          if (!(await this.meetings.takeBackProposal(dropped.meetingId, PROPOSAL_DROPPED_REASON, em)))
            throw this.proposalChanged();
        const taken = new Map<string, NonNullable<Awaited<ReturnType<MeetingsService['takeBackProposal']>>>>();
        for (const { moves } of draft.meetings) {
          if (!moves) continue;
          const proposal = await this.meetings.takeBackProposal(moves.meetingId, RESCHEDULED, em);
          if (!proposal) throw this.proposalChanged();
          taken.set(moves.meetingId, proposal);
        }
        const fixed = await this.meetings.liveInSession(run.sessionId, em);
        const ids: string[] = [];
        for (const planned of draft.meetings)
          ids.push(await this.place(run.sessionId, planned, slots, fixed, now, em, taken));
        return ids;
      });
      return { run: { ...run, status: ScheduleRunStatus.PUBLISHED, finishedAt: now }, meetingIds };
    } catch (error) {
      if (error instanceof BookingError) {
        throw new MatchingError(
          MatchingErrorCode.SCHEDULE_STALE,
          'The session changed since this draft was made; run the auto-schedule again.',
          { cause: error.code },
        );
      }
      throw error;
    }
  }

  private proposalChanged(): MatchingError {
    return new MatchingError(
      MatchingErrorCode.SCHEDULE_STALE,
      'A proposal of this draft was agreed to or ended since; run the auto-schedule again.',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    for (const { abort } of this.running.values()) abort.abort();
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** Extra time's second slot: the one right after, or SCHEDULE_STALE when the session no longer has it. */
  private nextSlot(slots: Map<string, SlotEntity>, slot: SlotEntity): SlotEntity {
    const next = consecutiveSlot([...slots.values()], slot);
    if (!next) throw new MatchingError(MatchingErrorCode.SCHEDULE_STALE, 'A slot of the draft no longer exists.');
    return next;
  }

  private async place(
    sessionId: string,
    planned: DraftMeeting,
    slots: Map<string, SlotEntity>,
    fixed: Awaited<ReturnType<MeetingsService['liveInSession']>>,
    now: Date,
    em: EntityManager,
    taken: Map<string, NonNullable<Awaited<ReturnType<MeetingsService['takeBackProposal']>>>>,
  ): Promise<string> {
    const slot = slots.get(planned.slotId);
    if (!slot) throw new MatchingError(MatchingErrorCode.SCHEDULE_STALE, 'A slot of the draft no longer exists.');
    const confirmed = planned.tiers.every((tier) => tier === 'ACCEPTED');
    const offer = await this.registrations.liveOfferOf(planned.hostId, slot.id, em);
    const existing = fixed.find((f) => f.meeting.slotId === slot.id && f.meeting.hostId === planned.hostId);
    const proposal = planned.moves ? taken.get(planned.moves.meetingId) : undefined;
    let meetingId: string;
    if (proposal) {
      // A moved proposal: the same calendar event in the new slot (its people get the update), then any others join it.
      const moved = await this.meetings.moveProposal(proposal, slot, em);
      const own = new Set(proposal.participants.map((p) => p.userId));
      const joining = planned.guestIds.filter((id) => !own.has(id));
      if (joining.length > 0) {
        if (!offer || moved.offerId !== offer.id) throw this.proposalChanged();
        for (const guestId of joining) await this.placer.addGuest(moved, guestId, offer, em, now, null);
      }
      meetingId = moved.id;
    } else if (existing && offer && existing.meeting.offerId === offer.id) {
      // Fill free seats of a group meeting that was already booked.
      for (const guestId of planned.guestIds)
        await this.placer.addGuest(existing.meeting, guestId, offer, em, now, confirmed ? now : null);
      meetingId = existing.meeting.id;
    } else {
      const { meeting } = await this.placer.place(
        {
          sessionId,
          slot,
          extraSlot: planned.extraTime ? this.nextSlot(slots, slot) : null,
          hostId: planned.hostId,
          guestIds: planned.guestIds,
          thirdPartyId: planned.thirdPartyId,
          offer: offer && !existing ? offer : null,
          source: MeetingSource.AUTO_SCHEDULED,
          status: confirmed ? MeetingStatus.CONFIRMED : MeetingStatus.PROPOSED,
          now,
        },
        em,
      );
      meetingId = meeting.id;
    }
    for (const requestId of planned.requestIds) await this.requests.markScheduled(requestId, meetingId, em);
    return meetingId;
  }

  private async execute(runId: string, inputs: RunInputs, signal: AbortSignal): Promise<void> {
    let lastWrite = 0;
    let pending: Promise<void> = Promise.resolve();
    const onProgress = (progress: ScheduleProgress) => {
      if (progress.elapsedMs - lastWrite < PROGRESS_WRITE_MS) return;
      lastWrite = progress.elapsedMs;
      pending = pending
        .then(() => this.db.write((em) => this.repository.saveProgress(runId, JSON.stringify(progress), em)))
        .catch(() => undefined);
    };
    try {
      const options = { onProgress, signal, progressIntervalMs: PROGRESS_WRITE_MS };
      const { movable, sources } = inputs;
      let input = inputs.asBooked;
      let result = await scheduleAsync(input, options);
      let moving: MovableProposal[] = [];
      if (movable.length > 0) {
        // Moving proposals nobody agreed to is worth it only when it serves more people.
        const reoptimised = await scheduleAsync(inputs.input, options);
        if (servesMore(reoptimised, result, movable.length)) {
          input = inputs.input;
          // Only what the gain needs moves: a proposal whose own slot is still free for it stays.
          result = {
            ...reoptimised,
            assignments: keepProposalsInPlace(input, reoptimised.assignments, sources, movable),
          };
          moving = movable;
        }
      }
      await pending;
      const draft = this.draftOf(input, result, sources, moving, movable.length - moving.length);
      const finished = {
        phase: 'FINISH',
        fraction: 1,
        practitionersWithMeeting: result.objective.practitionersWithMeeting,
        totalValue: result.objective.totalValue,
        assignedCount: result.objective.assignedCount,
      };
      await this.db.write((em) =>
        this.repository.moveRun(
          runId,
          ScheduleRunStatus.RUNNING,
          {
            status: ScheduleRunStatus.READY,
            draft: JSON.stringify(draft),
            progress: JSON.stringify(finished),
            finishedAt: this.clock.now(),
          },
          em,
        ),
      );
    } catch (error) {
      await pending;
      const aborted = error instanceof LibraryError && error.code === 'ABORTED';
      if (!aborted) this.logger.error(`auto-schedule ${runId} failed: ${String(error)}`);
      await this.db.write((em) =>
        this.repository.moveRun(
          runId,
          ScheduleRunStatus.RUNNING,
          {
            status: aborted ? ScheduleRunStatus.CANCELLED : ScheduleRunStatus.FAILED,
            draft: null,
            error: aborted ? null : String(error).slice(0, 500),
            finishedAt: this.clock.now(),
          },
          em,
        ),
      );
    }
  }

  /** Groups placed candidates by host and slot: one meeting each (a group when the host has seats). */
  private draftOf(
    input: ScheduleInput,
    result: ScheduleResult,
    sources: Map<string, CandidateSource>,
    movable: MovableProposal[],
    keptFixed: number,
  ): ScheduleDraft {
    const placed = result.assignments.map(({ candidateId, slotId }) => ({ slotId, source: sources.get(candidateId)! }));
    const fixedCount = (input.fixedMeetings ?? []).length - keptFixed;
    const { meetings, changes } = reconcileDraft(placed, movable, fixedCount);
    changes.kept += keptFixed;
    return {
      meetings,
      changes,
      unplaced: result.unassigned.map(({ candidateId, reason }) => {
        const source = sources.get(candidateId)!;
        return { hostId: source.hostId, guestId: source.guestId, tier: source.tier, reason };
      }),
      practitionersWithoutMeeting: result.practitionersWithoutMeeting,
      practitionerIds: input.people.filter((p) => p.isPractitioner).map((p) => p.id),
      inFixedMeetings: (input.fixedMeetings ?? []).flatMap((f) => [
        f.hostId,
        ...f.guestIds,
        ...(f.thirdPartyId ? [f.thirdPartyId] : []),
      ]),
      objective: result.objective,
      emptyReason: result.emptyReason,
      lowerPriority: [...new Map([...sources.values()].flatMap((s) => s.lowered).map((p) => [p.userId, p])).values()],
      fairness: fairnessFacts(input, result),
    };
  }

  /**
   * A run's inputs: proposals nobody has agreed to yet (one guest, PROPOSED, no one confirmed) are
   * movable in `input` — their pairs are candidates again — and fixed in `asBooked`.
   */
  async buildRunInputs(sessionId: string): Promise<RunInputs> {
    const { input, sources, movable } = await this.buildInput(sessionId, { reoptimise: true });
    const movableCandidates = new Set([...sources.values()].filter((s) => s.meetingId).map((s) => s.id));
    const fixedMeetings = [
      ...(input.fixedMeetings ?? []),
      ...movable.map((m) => ({
        id: m.id,
        slotId: m.slotId,
        hostId: m.hostId,
        guestIds: [m.guestId],
        thirdPartyId: m.thirdPartyId,
      })),
    ];
    const capacities = new Map(input.capacities.map((c) => [`${c.hostId}|${c.slotId}`, c]));
    for (const m of movable) {
      const key = `${m.hostId}|${m.slotId}`;
      if (!capacities.has(key)) capacities.set(key, { hostId: m.hostId, slotId: m.slotId, seats: 1 });
    }
    const asBooked: ScheduleInput = {
      ...input,
      candidates: input.candidates.filter((c) => !movableCandidates.has(c.id)),
      capacities: [...capacities.values()],
      fixedMeetings,
    };
    return { input, sources, movable, asBooked };
  }

  /**
   * The scheduler's input for a session, and where each candidate came from. `asItStands` (the
   * fairness report of a session): every slot counts, past ones too, and held meetings are fixed
   * beside the live ones.
   */
  async buildInput(
    sessionId: string,
    options: { asItStands?: boolean; reoptimise?: boolean } = {},
  ): Promise<{ input: ScheduleInput; sources: Map<string, CandidateSource>; movable: MovableProposal[] }> {
    const [people, slots, offers, booked, openRequests, settings] = await Promise.all([
      this.people.ofSession(sessionId),
      this.sessions.slotsOf([sessionId]),
      this.registrations.listOffers(sessionId),
      options.asItStands ? this.meetings.heldOrLiveInSession(sessionId) : this.meetings.liveInSession(sessionId),
      this.requests.openInSession(sessionId),
      this.settings.get(sessionId),
    ]);
    const noShows = settings.lowerRepeatedNoShows
      ? await this.noShows.undisputedCounts(people.map((p) => p.userId))
      : new Map<string, number>();
    const now = this.clock.now().getTime();
    const usable = new Set(slots.filter((s) => options.asItStands || s.startsAt.getTime() > now).map((s) => s.id));
    const byId = new Map(people.map((p) => [p.userId, p]));
    // Re-optimising: PROPOSED meetings nobody has agreed to, of one guest the scheduler knows and one slot, may move.
    const movable: MovableProposal[] = [];
    const fixed = booked.filter(({ meeting, participants }) => {
      const guests = participants.filter((p) => p.role === ParticipantRole.GUEST);
      const isMovable =
        options.reoptimise &&
        meeting.status === MeetingStatus.PROPOSED &&
        // Extra time holds two slots: such a proposal stays where it is.
        !meeting.extraSlotId &&
        usable.has(meeting.slotId) &&
        guests.length === 1 &&
        byId.has(meeting.hostId) &&
        byId.has(guests[0]!.userId) &&
        participants.every((p) => !p.confirmedAt && (p.role !== ParticipantRole.THIRD_PARTY || byId.has(p.userId)));
      if (isMovable)
        movable.push({
          id: meeting.id,
          slotId: meeting.slotId,
          hostId: meeting.hostId,
          guestId: guests[0]!.userId,
          thirdPartyId: participants.find((p) => p.role === ParticipantRole.THIRD_PARTY)?.userId ?? null,
        });
      return !isMovable;
    });
    const sources = new Map<string, CandidateSource>();
    const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
    const metPairs = new Set(
      fixed.flatMap(({ participants }) =>
        participants.flatMap((p) =>
          participants.filter((q) => q.userId !== p.userId).map((q) => pairKey(p.userId, q.userId)),
        ),
      ),
    );
    const seenPairs = new Set<string>();
    const hostOf = (a: string, b: string) =>
      byId.get(a)?.kind === 'PRACTITIONER' && byId.get(b)?.kind !== 'PRACTITIONER' ? b : a;

    const add = (
      first: string,
      second: string,
      tier: CandidateSource['tier'],
      score: number,
      requestIds: string[],
      thirdPartyId: string | null,
      extraTime = false,
    ) => {
      const key = pairKey(first, second);
      if (seenPairs.has(key) || metPairs.has(key) || !byId.has(first) || !byId.has(second)) return;
      if (thirdPartyId && !byId.has(thirdPartyId)) thirdPartyId = null;
      seenPairs.add(key);
      const hostId = hostOf(second, first);
      const guestId = hostId === first ? second : first;
      const id = `c${sources.size}`;
      const lowered = [first, second]
        .filter((userId) => (noShows.get(userId) ?? 0) >= REPEATED_NO_SHOWS)
        .map((userId) => ({ userId, noShows: noShows.get(userId)! }));
      if (lowered.length > 0) score *= REPEATED_NO_SHOW_SCORE_FACTOR;
      sources.set(id, { id, hostId, guestId, thirdPartyId, tier, score, requestIds, lowered, extraTime });
    };

    // Requests, strongest first: accepted-awaiting-schedule, then mutual, then one-sided.
    const pending = openRequests.filter((r) => r.status === RequestStatus.PENDING);
    const confirmedThird = (r: (typeof openRequests)[number]) =>
      r.thirdPartyStatus === ThirdPartyStatus.CONFIRMED ? r.thirdPartyId : null;
    for (const r of openRequests.filter((r) => r.status === RequestStatus.ACCEPTED))
      add(r.fromUserId, r.toUserId, 'ACCEPTED', 1, [r.id], confirmedThird(r), r.extraTime);
    for (const r of pending) {
      const reverse = pending.find((o) => o.fromUserId === r.toUserId && o.toUserId === r.fromUserId);
      if (reverse)
        add(
          r.fromUserId,
          r.toUserId,
          'MUTUAL_REQUEST',
          1,
          [r.id, reverse.id],
          confirmedThird(r) ?? confirmedThird(reverse),
          r.extraTime || reverse.extraTime,
        );
    }
    for (const r of pending)
      add(r.fromUserId, r.toUserId, 'ONE_SIDED_REQUEST', 1, [r.id], confirmedThird(r), r.extraTime);

    // Strong recommendations: each practitioner's best few non-practitioners.
    if (settings.recommendationsPerPerson > 0) {
      const others = people.filter((p) => p.kind !== 'PRACTITIONER').map((p) => p.match);
      for (const practitioner of people.filter((p) => p.kind === 'PRACTITIONER')) {
        const ranked = recommend(practitioner.match, others, settings.weights, settings.recommendationsPerPerson, {
          underServedRegions: settings.underServedRegions,
        });
        for (const r of ranked.filter((r) => r.score >= STRONG_RECOMMENDATION))
          add(practitioner.userId, r.participantId, 'RECOMMENDED', r.score, [], null);
      }
    }

    // A movable proposal's pair is a candidate again (as its open requests or recommendation make it,
    // else as a recommendation), remembering its meeting.
    for (const m of movable) {
      const key = pairKey(m.hostId, m.guestId);
      let source = [...sources.values()].find((s) => pairKey(s.hostId, s.guestId) === key);
      if (!source) {
        add(m.hostId, m.guestId, 'RECOMMENDED', 1, [], m.thirdPartyId);
        source = [...sources.values()].find((s) => pairKey(s.hostId, s.guestId) === key);
      }
      if (source)
        Object.assign(source, { meetingId: m.id, hostId: m.hostId, guestId: m.guestId, thirdPartyId: m.thirdPartyId });
    }

    // Hosts host where they offered seats; elsewhere they are free, one-to-one.
    const capacities = new Map<string, HostCapacity>();
    for (const { offer } of offers)
      if (usable.has(offer.slotId) && byId.has(offer.hostId))
        capacities.set(`${offer.hostId}|${offer.slotId}`, {
          hostId: offer.hostId,
          slotId: offer.slotId,
          seats: offer.seats,
        });
    for (const hostId of new Set([...sources.values()].map((s) => s.hostId))) {
      for (const slotId of byId.get(hostId)?.availableSlotIds ?? []) {
        if (usable.has(slotId) && !capacities.has(`${hostId}|${slotId}`))
          capacities.set(`${hostId}|${slotId}`, { hostId, slotId, seats: 1 });
      }
    }
    // Booked meetings hold their people; anyone not taking part in matching (an organiser) is left out.
    // A meeting the scheduler cannot be told about (its host or every guest is left out) still
    // holds the known people in it: they become unavailable in that slot instead.
    const known = (id: string | undefined) => (id && byId.has(id) ? id : null);
    const fixedMeetings: FixedMeeting[] = [];
    const held = new Set<string>();
    for (const { meeting, participants } of fixed) {
      if (!usable.has(meeting.slotId)) continue;
      const guestIds = participants
        .filter((p) => p.role === ParticipantRole.GUEST && byId.has(p.userId))
        .map((p) => p.userId);
      if (byId.has(meeting.hostId) && guestIds.length > 0) {
        const thirdPartyId = known(participants.find((p) => p.role === ParticipantRole.THIRD_PARTY)?.userId);
        fixedMeetings.push({ id: meeting.id, slotId: meeting.slotId, hostId: meeting.hostId, guestIds, thirdPartyId });
      } else {
        for (const p of participants) held.add(`${p.userId}|${meeting.slotId}`);
      }
      // Extra time: its people are held in the next slot too (not a meeting the scheduler could join).
      if (meeting.extraSlotId) for (const p of participants) held.add(`${p.userId}|${meeting.extraSlotId}`);
    }
    for (const key of held) capacities.delete(key);
    // Seats a fixed meeting uses must fit the capacity the scheduler sees.
    for (const f of fixedMeetings) {
      const key = `${f.hostId}|${f.slotId}`;
      const capacity = capacities.get(key);
      if (!capacity || capacity.seats < f.guestIds.length)
        capacities.set(key, { hostId: f.hostId, slotId: f.slotId, seats: Math.max(f.guestIds.length, 1) });
    }

    const candidates: CandidateMeeting[] = [...sources.values()].map(
      ({ id, hostId, guestId, thirdPartyId, tier, score, extraTime }) => ({
        id,
        hostId,
        guestId,
        thirdPartyId,
        tier,
        score,
        ...(extraTime ? { extraTime } : {}),
      }),
    );
    const input: ScheduleInput = {
      slots: slots.map((s) => ({ id: s.id, index: s.idx, isBreak: s.isBreak || !usable.has(s.id) })),
      people: people.map((p) => ({
        id: p.userId,
        isPractitioner: p.kind === 'PRACTITIONER',
        availableSlotIds: p.availableSlotIds.filter((id) => usable.has(id) && !held.has(`${p.userId}|${id}`)),
      })),
      capacities: [...capacities.values()],
      candidates,
      fixedMeetings,
      seed: 1,
    };
    return { input, sources, movable };
  }

  private notReady(run: ScheduleRunEntity): MatchingError {
    return new MatchingError(
      MatchingErrorCode.SCHEDULE_NOT_READY,
      `The run is ${run.status.toLowerCase()}, not ready to publish.`,
      { status: run.status },
    );
  }
}

/**
 * Whether re-optimising (proposals movable) serves more people than keeping every proposal where it
 * is: more practitioners with a meeting, or as many and more meetings (`kept` proposals count in
 * the booked run's favour).
 */
export function servesMore(reoptimised: ScheduleResult, asBooked: ScheduleResult, kept: number): boolean {
  const a = reoptimised.objective;
  const b = asBooked.objective;
  if (a.practitionersWithMeeting !== b.practitionersWithMeeting)
    return a.practitionersWithMeeting > b.practitionersWithMeeting;
  return a.assignedCount > b.assignedCount + kept;
}
