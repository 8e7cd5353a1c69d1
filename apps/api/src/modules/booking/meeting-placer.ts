import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { SlotEntity } from '../events/entities/slot.entity';
import { MeetingSource, MeetingStatus, ParticipantRole } from './booking.enums';
import { noConsecutiveSlot, participantBusy, selfBusy, slotTaken } from './booking-rules';
import { BookingError, BookingErrorCode } from './booking.errors';
import { MeetingEntity } from './entities/meeting.entity';
import { OfferEntity } from './entities/offer.entity';
import { BookingLive } from './booking-live';
import { MeetingChangeListeners, MeetingPerson } from './meeting-change-listener';
import { meetingUid } from './meeting-uid';
import { MeetingsRepository, NewParticipant, StandbyGuard } from './meetings.repository';

export interface NewMeeting {
  sessionId: string;
  slot: SlotEntity;
  /** Extra time: the next, consecutive slot, which everyone is held in too (NO_CONSECUTIVE_SLOT if not free). */
  extraSlot?: SlotEntity | null;
  hostId: string;
  guestIds: string[];
  thirdPartyId?: string | null;
  /** When set, the meeting takes this offer's seats; otherwise it is a one-to-one. */
  offer?: OfferEntity | null;
  source: MeetingSource;
  status: MeetingStatus;
  requestId?: string | null;
  /** A reschedule: the meeting replaced (now CANCELLED), whose calendar event and SEQUENCE this one carries on. */
  replaces?: MeetingEntity | null;
  now: Date;
  /** A booking: not when the offer's seats are all held for others on standby. */
  standby?: StandbyGuard;
}

/** The slots a meeting holds its people in: its own, and the next one when it has extra time. */
export function slotsOf(meeting: Pick<MeetingEntity, 'slotId' | 'extraSlotId'>): string[] {
  return meeting.extraSlotId ? [meeting.slotId, meeting.extraSlotId] : [meeting.slotId];
}

/** A meeting just written, with its people (who the change's e-mails and events go to). */
export interface PlacedMeeting {
  meeting: MeetingEntity;
  people: MeetingPerson[];
}

/**
 * Writes a meeting and its people inside the caller's transaction. The database decides races:
 * every insert is conditional (ON CONFLICT DO NOTHING) against the unique indexes on
 * meeting_participants and meetings, so a loser gets SLOT_TAKEN or PARTICIPANT_BUSY and its
 * transaction is rolled back whole.
 */
@Injectable()
export class MeetingPlacer {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly changes: MeetingChangeListeners,
    private readonly live: BookingLive,
  ) {}

  async place(spec: NewMeeting, em: EntityManager): Promise<PlacedMeeting> {
    const id = randomUUID();
    const meeting: MeetingEntity = {
      id,
      sessionId: spec.sessionId,
      slotId: spec.slot.id,
      extraSlotId: spec.extraSlot?.id ?? null,
      offerId: spec.offer?.id ?? null,
      hostId: spec.hostId,
      source: spec.source,
      status: spec.status,
      startsAt: spec.slot.startsAt,
      endsAt: spec.extraSlot?.endsAt ?? spec.slot.endsAt,
      roomName: `cyswllt-${id}`,
      requestId: spec.requestId ?? null,
      rescheduledFromId: spec.replaces?.id ?? null,
      cancelReason: null,
      cancelledById: null,
      outcomeSource: null,
      // The same calendar event at a new time: same UID, SEQUENCE one above the last one sent.
      calendarUid: spec.replaces?.calendarUid ?? meetingUid(id),
      sequence: spec.replaces ? spec.replaces.sequence + 1 : 0,
      createdAt: spec.now,
      updatedAt: spec.now,
    };
    if (!(await this.meetings.insertIfOfferFree(meeting, em, spec.standby))) throw slotTaken();
    const seats = spec.offer?.seats ?? 1;
    if (spec.guestIds.length > seats) throw slotTaken();
    // A new meeting's seats are all free, so the only conflict left is someone busy in the slot.
    const confirmedAt = spec.status === MeetingStatus.PROPOSED ? null : spec.now;
    const common = { meetingId: id, slotId: spec.slot.id, confirmedAt, now: spec.now };
    const participants: NewParticipant[] = [
      { ...common, userId: spec.hostId, role: ParticipantRole.HOST },
      ...spec.guestIds.map((userId, i) => ({
        ...common,
        userId,
        role: ParticipantRole.GUEST,
        offerId: spec.offer?.id ?? null,
        seats,
        seatNo: i + 1,
      })),
      ...(spec.thirdPartyId ? [{ ...common, userId: spec.thirdPartyId, role: ParticipantRole.THIRD_PARTY }] : []),
    ];
    const seated = await this.meetings.insertParticipants(participants, em);
    const busy = participants.filter((p) => !seated.has(p.userId)).map((p) => p.userId);
    if (busy.length > 0) throw participantBusy(busy);
    await this.holdExtra(
      meeting,
      participants.map((p) => p.userId),
      spec.now,
      em,
    );
    this.live.slotsChanged(meeting.sessionId, slotsOf(meeting), em);
    const people = participants.map((p) => ({ userId: p.userId, role: p.role }));
    if (spec.source === MeetingSource.AUTO_SCHEDULED && spec.status === MeetingStatus.PROPOSED && !spec.replaces) {
      // The auto-scheduler's proposals: everyone is told and asked to confirm (reschedules emit their own event).
      await this.changes.emit({ kind: 'proposed', meeting, people }, em);
    }
    return { meeting, people };
  }

  /**
   * Extra time: holds these people in the meeting's second slot too, in one INSERT decided by the
   * same unique index as the first slot (so a concurrent booking there and this one cannot both
   * win). NO_CONSECUTIVE_SLOT naming who is not free.
   */
  private async holdExtra(meeting: MeetingEntity, userIds: string[], now: Date, em: EntityManager): Promise<void> {
    const extraSlotId = meeting.extraSlotId;
    if (!extraSlotId) return;
    // A hold row repeats the person's row in the meeting (role, seat), in the second slot.
    const rows = (await this.meetings.activeParticipants(meeting.id, em)).filter((p) => userIds.includes(p.userId));
    const held = await this.meetings.insertParticipants(
      rows.map((p) => ({ ...p, slotId: extraSlotId, now, hold: true })),
      em,
    );
    const busy = userIds.filter((userId) => !held.has(userId));
    if (busy.length > 0) throw noConsecutiveSlot('NOT_FREE', extraSlotId, { userIds: busy });
  }

  /**
   * A booking joins the offer's live meeting (locked by the caller): the lowest free seat, unless
   * the seats left are held for others on standby, in one statement. SLOT_TAKEN when none is left,
   * PARTICIPANT_BUSY when the guest is held elsewhere in the slot.
   */
  async seatGuest(
    meeting: MeetingEntity,
    guestId: string,
    offer: OfferEntity,
    em: EntityManager,
    now: Date,
    standby: StandbyGuard,
  ): Promise<void> {
    const seated = await this.meetings.insertGuestInFreeSeat(
      {
        meetingId: meeting.id,
        userId: guestId,
        slotId: meeting.slotId,
        role: ParticipantRole.GUEST,
        offerId: offer.id,
        seats: offer.seats,
        confirmedAt: now,
        now,
      },
      em,
      standby,
    );
    if (seated) return this.seated(meeting, guestId, now, em);
    if (await this.meetings.isBusy(guestId, meeting.slotId, em)) throw participantBusy([guestId]);
    throw slotTaken();
  }

  /** A person now in the meeting: held in its extra time too, and the slots' live views told. */
  private async seated(meeting: MeetingEntity, userId: string, now: Date, em: EntityManager): Promise<void> {
    await this.holdExtra(meeting, [userId], now, em);
    this.live.slotsChanged(meeting.sessionId, slotsOf(meeting), em);
  }

  /** Takes the first free seat of the meeting for the guest, or fails with SLOT_TAKEN. */
  async addGuest(
    meeting: MeetingEntity,
    guestId: string,
    offer: OfferEntity | null,
    em: EntityManager,
    now: Date,
    confirmedAt: Date | null = now,
  ): Promise<void> {
    const seats = offer?.seats ?? 1;
    for (let seatNo = 1; seatNo <= seats; seatNo++) {
      const seated = await this.meetings.insertParticipant(
        {
          meetingId: meeting.id,
          userId: guestId,
          slotId: meeting.slotId,
          role: ParticipantRole.GUEST,
          offerId: offer?.id ?? null,
          seats,
          seatNo,
          confirmedAt,
          now,
        },
        em,
      );
      if (seated) return this.seated(meeting, guestId, now, em);
      if (await this.meetings.isBusy(guestId, meeting.slotId, em)) throw participantBusy([guestId]);
    }
    throw slotTaken();
  }

  /**
   * Says who is busy when placing failed with PARTICIPANT_BUSY: SELF_BUSY (with the id of the
   * actor's clashing meeting) when the actor is, else PARTICIPANT_BUSY as it was; `more` goes
   * into the details (alternatives). Any other error comes back unchanged.
   */
  async explainBusy(
    error: unknown,
    actorId: string,
    slotId: string,
    em: EntityManager,
    more: () => Promise<Record<string, unknown>>,
  ): Promise<unknown> {
    if (!(error instanceof BookingError && error.code === BookingErrorCode.PARTICIPANT_BUSY)) return error;
    const userIds = (error.details.userIds as string[] | undefined) ?? [];
    const details = await more();
    if (userIds.includes(actorId))
      return selfBusy(await this.meetings.meetingOfIn(actorId, slotId, em), slotId, details);
    return participantBusy(userIds, details);
  }

  /** Holds the person in the meeting's slot (seats of their own offers there change too). */
  async addPerson(
    meeting: MeetingEntity,
    userId: string,
    role: ParticipantRole,
    em: EntityManager,
    at: { confirmedAt: Date | null; now: Date },
  ): Promise<void> {
    const added = await this.meetings.insertParticipant(
      { meetingId: meeting.id, userId, slotId: meeting.slotId, role, confirmedAt: at.confirmedAt, now: at.now },
      em,
    );
    if (!added) throw participantBusy([userId]);
    await this.seated(meeting, userId, at.now, em);
  }
}
