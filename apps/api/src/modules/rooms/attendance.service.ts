import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { LiveEvents } from '../../core/realtime/live-events';
import { MeetingStatus } from '../booking/booking.enums';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { MeetingsService, MeetingWithPeople } from '../booking/meetings.service';
import { summarise } from './attendance-math';
import { LeftSource } from './entities/room-connection.entity';
import { JOIN_CLOSES_AFTER_MS } from './join-window';
import { LiveParticipant } from './livekit.gateway';
import { RoomPresenceEvent, RoomsTopics } from './rooms-live';
import { RoomsRepository } from './rooms.repository';
import { roomClosed } from './room-state';

/** What a webhook says happened, in our terms (see RoomsWebhookService). */
export type RoomObservation =
  | { kind: 'room_started'; at: Date }
  | { kind: 'room_finished'; at: Date }
  | { kind: 'participant_joined' | 'participant_left'; at: Date; sid: string; identity: string; metadata: string };

export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored';

/** The role a token carried (its metadata, signed by us): organisers look in, they do not attend. */
export const ORGANISER_ROLE = 'ORGANISER';

/**
 * Attendance and the meeting status that follows from it (docs/architecture.md#video-rooms):
 * - someone of the meeting joins → IN_PROGRESS;
 * - the room finished with at least two of its people having been there, and nobody left in it
 *   → COMPLETED;
 * - by the end of the join window (5 minutes after the end), or when an organiser ended the room:
 *   at least two turned up → COMPLETED, otherwise NO_SHOW.
 * Every change runs in one transaction that first locks the meeting's room row, so webhooks and
 * the reconciler never interleave on one meeting. Organisers' own visits are recorded but never
 * count as attendance.
 */
@Injectable()
export class AttendanceService {
  private readonly logger = new Logger('Attendance');

  constructor(
    private readonly db: Database,
    private readonly rooms: RoomsRepository,
    private readonly meetings: MeetingsService,
    private readonly clock: Clock,
    private readonly live: LiveEvents,
  ) {}

  /**
   * Applies one webhook event exactly once (by its id): a redelivery is recognised and changes
   * nothing. Returns the identities of removed people who (re)joined, to be sent away again.
   */
  async applyWebhook(
    event: { id: string; name: string; roomName: string | null; createdAt: Date },
    observation: RoomObservation | null,
  ): Promise<{ outcome: WebhookOutcome; kick: string[] }> {
    const now = this.clock.now();
    return this.db.write(async (em) => {
      const fresh = await this.rooms.recordEvent(
        { id: event.id, event: event.name, roomName: event.roomName, createdAt: event.createdAt, receivedAt: now },
        em,
      );
      if (!fresh) return { outcome: 'duplicate' as const, kick: [] };
      if (!observation || !event.roomName) return { outcome: 'ignored' as const, kick: [] };
      const found = await this.meetings.findByRoomName(event.roomName, em);
      if (!found) return { outcome: 'ignored' as const, kick: [] };
      const kick = await this.observe(found, observation, now, em);
      return { outcome: 'applied' as const, kick };
    });
  }

  /**
   * What the server says is in the room now (the reconciler): connections we miss are added,
   * connections the server no longer has are closed (a lost participant_left).
   */
  async reconcile(meetingId: string, live: LiveParticipant[]): Promise<{ kick: string[] }> {
    const now = this.clock.now();
    return this.db.write(async (em) => {
      const found = await this.meetings.findWithPeople(meetingId, em);
      if (!found) return { kick: [] };
      await this.rooms.lockRoom(found.meeting.id, found.meeting.roomName, now, em);
      const touched = new Map<string, boolean>();
      const kick: string[] = [];
      for (const p of live) {
        const who = this.classify(found, p.identity, p.metadata);
        if (!who) continue;
        await this.rooms.seen(
          { sid: p.sid, meetingId: found.meeting.id, userId: p.identity, organiser: who.organiser },
          p.joinedAt,
          em,
        );
        touched.set(p.identity, who.organiser);
        if (!who.organiser && (await this.rooms.isRemoved(found.meeting.id, p.identity, em))) kick.push(p.identity);
      }
      const closed = await this.rooms.closeOpen(
        found.meeting.id,
        now,
        LeftSource.RECONCILER,
        live.map((p) => p.sid),
        em,
      );
      for (const userId of closed) if (!touched.has(userId)) touched.set(userId, this.isOrganiserVisit(found, userId));
      for (const [userId, organiser] of touched) await this.recompute(found.meeting, userId, organiser, now, em);
      await this.settle(found.meeting, now, em);
      return { kick };
    });
  }

  /**
   * An organiser ended the room: it closes for good, and the meeting gets its outcome now — unless
   * it has not started yet: then the room closes, not the meeting (it settles later, as any other).
   */
  async endRoom(meeting: MeetingEntity, byUserId: string): Promise<void> {
    const now = this.clock.now();
    await this.db.write(async (em) => {
      const found = await this.meetings.findWithPeople(meeting.id, em);
      if (!found) return;
      await this.rooms.lockRoom(meeting.id, meeting.roomName, now, em);
      await this.rooms.markEnded(meeting.id, byUserId, now, em);
      const closed = await this.rooms.closeOpen(meeting.id, now, LeftSource.ROOM, [], em);
      for (const userId of closed) await this.recompute(meeting, userId, this.isOrganiserVisit(found, userId), now, em);
      await this.settle(found.meeting, now, em);
    });
  }

  /**
   * Gives every meeting that ended more than `afterEndMs` ago (at least its join window) and still
   * waits for its outcome, the outcome its room's attendance says (COMPLETED or NO_SHOW).
   */
  async settleEnded(afterEndMs: number, limit = 200): Promise<number> {
    const now = this.clock.now();
    const due = await this.meetings.awaitingOutcome(
      new Date(now.getTime() - Math.max(afterEndMs, JOIN_CLOSES_AFTER_MS)),
      limit,
    );
    for (const meeting of due) {
      await this.db.write(async (em) => {
        await this.rooms.lockRoom(meeting.id, meeting.roomName, now, em);
        const fresh = await this.meetings.findWithPeople(meeting.id, em);
        if (fresh) await this.settle(fresh.meeting, now, em);
      });
    }
    return due.length;
  }

  private async observe(found: MeetingWithPeople, o: RoomObservation, now: Date, em: EntityManager): Promise<string[]> {
    const meetingId = found.meeting.id;
    const room = await this.rooms.lockRoom(meetingId, found.meeting.roomName, now, em);
    const kick: string[] = [];
    switch (o.kind) {
      case 'room_started':
        await this.rooms.markStarted(meetingId, o.at, em);
        break;
      case 'room_finished': {
        await this.rooms.markFinished(meetingId, o.at, em);
        // Whoever still looks connected left when the room closed (their own leave may follow).
        const closed = await this.rooms.closeOpen(meetingId, o.at, LeftSource.ROOM, [], em);
        for (const userId of closed)
          await this.recompute(found.meeting, userId, this.isOrganiserVisit(found, userId), now, em);
        break;
      }
      case 'participant_joined':
      case 'participant_left': {
        const who = this.classify(found, o.identity, o.metadata);
        if (!who) break;
        const key = { sid: o.sid, meetingId, userId: o.identity, organiser: who.organiser };
        if (o.kind === 'participant_joined') {
          await this.rooms.joined(key, o.at, em);
          // Delivered after the room's finish, for a connection that began before it: it ended then.
          const finishedAt = roomClosed(room) ? room.finishedAt : null;
          if (finishedAt && o.at <= finishedAt)
            await this.rooms.closeOpen(meetingId, finishedAt, LeftSource.ROOM, [], em);
          if (!who.organiser && (await this.rooms.isRemoved(meetingId, o.identity, em))) kick.push(o.identity);
        } else {
          await this.rooms.left(key, o.at, em);
        }
        await this.recompute(found.meeting, o.identity, who.organiser, now, em);
        break;
      }
    }
    await this.settle(found.meeting, now, em);
    return kick;
  }

  /** One of the meeting's people, an organiser looking in (by the role we signed into the token), or nobody we know. */
  private classify(found: MeetingWithPeople, identity: string, metadata: string): { organiser: boolean } | null {
    if (found.participants.some((p) => p.userId === identity)) return { organiser: false };
    try {
      if ((JSON.parse(metadata || '{}') as { role?: string }).role === ORGANISER_ROLE) return { organiser: true };
    } catch {
      // not ours
    }
    this.logger.warn(`ignoring unknown identity ${identity} in room ${found.meeting.roomName}`);
    return null;
  }

  private isOrganiserVisit(found: MeetingWithPeople, userId: string): boolean {
    return !found.participants.some((p) => p.userId === userId);
  }

  /** Folds a person's connections into their attendance, and tells the session's organisers (after commit). */
  private async recompute(
    meeting: MeetingEntity,
    userId: string,
    organiser: boolean,
    now: Date,
    em: EntityManager,
  ): Promise<void> {
    const mine = (await this.rooms.connections(meeting.id, em)).filter((c) => c.userId === userId);
    const summary = summarise(mine);
    await this.rooms.saveAttendance(meeting.id, userId, organiser, summary, now, em);
    const present = summary.presentSince !== null;
    const at = (present ? summary.presentSince : summary.lastLeftAt) ?? now;
    const event: RoomPresenceEvent = {
      sessionId: meeting.sessionId,
      meetingId: meeting.id,
      userId,
      present,
      at: at.toISOString(),
    };
    this.live.afterCommit(em, RoomsTopics.presence(meeting.sessionId), event);
  }

  /**
   * Moves the meeting's status as far as attendance says (each step a no-op when not allowed). No
   * outcome before the start: trying the room in the early join window and leaving, or an
   * organiser ending the room early, leaves the meeting open; only connections that lasted into
   * the meeting count towards its outcome.
   */
  private async settle(meeting: MeetingEntity, now: Date, em: EntityManager): Promise<void> {
    const connections = (await this.rooms.connections(meeting.id, em)).filter((c) => !c.organiser);
    if (new Set(connections.map((c) => c.userId)).size >= 1)
      await this.meetings.applyAttendanceStatus(meeting.id, MeetingStatus.IN_PROGRESS, em);
    const start = meeting.startsAt.getTime();
    if (now.getTime() < start) return;
    const attended = new Set(connections.filter((c) => !c.leftAt || c.leftAt.getTime() > start).map((c) => c.userId))
      .size;
    const inRoom = connections.some((c) => c.joinedAt && !c.leftAt);
    const room = await this.rooms.room(meeting.id, em);
    const closed = roomClosed(room) && room!.finishedAt!.getTime() > start;
    const over =
      Boolean(room?.endedAt && room.endedAt.getTime() >= start) ||
      now.getTime() > meeting.endsAt.getTime() + JOIN_CLOSES_AFTER_MS;

    if (attended >= 2 && (over || (closed && !inRoom)))
      await this.meetings.applyAttendanceStatus(meeting.id, MeetingStatus.COMPLETED, em);
    else if (over && attended < 2) await this.meetings.applyAttendanceStatus(meeting.id, MeetingStatus.NO_SHOW, em);
  }
}
