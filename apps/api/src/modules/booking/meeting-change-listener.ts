import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ParticipantRole } from './booking.enums';
import { MeetingRequestEntity } from './entities/meeting-request.entity';
import { MeetingEntity } from './entities/meeting.entity';
import { OfferEntity } from './entities/offer.entity';
import { StandbyEntryEntity } from './entities/standby-entry.entity';
import { WaitingListEntryEntity } from './entities/waiting-list-entry.entity';

/** The cancel reason of meetings ended because their whole session was cancelled. */
export const SESSION_CANCELLED = 'SESSION_CANCELLED';

/** Someone in a meeting, as the domain event carries them (captured before any of them is freed). */
export interface MeetingPerson {
  userId: string;
  role: ParticipantRole;
}

/**
 * What happened to a meeting or a meeting request. Emitted by MeetingsService, RequestsService and RoomsModeration
 * inside the transaction that made the change, after the change was written, so a listener's
 * writes (the notifications outbox) commit or roll back with it.
 */
export type MeetingChange =
  /** A seat was booked: a new meeting, or a guest joining a group meeting (`byUserId` is the guest). */
  | { kind: 'booked'; meeting: MeetingEntity; people: MeetingPerson[]; byUserId: string }
  /**
   * One guest left a group meeting that goes on (their seat is free); `people` are those still in
   * it. `standbyWaiting`, when known: whether the offer had anyone waiting on standby, read after
   * the meeting was locked (saves the standby list a read when nobody is).
   */
  | {
      kind: 'left';
      meeting: MeetingEntity;
      people: MeetingPerson[];
      byUserId: string;
      reason: string;
      standbyWaiting?: boolean;
    }
  /** The whole meeting was cancelled; `people` are those who were in it (`standbyWaiting` as for 'left'). */
  | {
      kind: 'cancelled';
      meeting: MeetingEntity;
      people: MeetingPerson[];
      byUserId: string | null;
      reason: string;
      standbyWaiting?: boolean;
    }
  /**
   * The meeting moved: `meeting` replaced `previous` (now CANCELLED) in another slot, or — when
   * the organiser moved the whole session — the same meeting (same id, higher sequence) has new times.
   */
  | {
      kind: 'rescheduled';
      meeting: MeetingEntity;
      previous: MeetingEntity;
      people: MeetingPerson[];
      byUserId: string | null;
    }
  /** An auto-scheduled meeting everyone must confirm. */
  | { kind: 'proposed'; meeting: MeetingEntity; people: MeetingPerson[] }
  /** Everyone agreed to a PROPOSED meeting: it is CONFIRMED (same calendar event, next SEQUENCE). */
  | { kind: 'confirmed'; meeting: MeetingEntity; people: MeetingPerson[] }
  /**
   * An organiser took one person out of the meeting before its start (`people`: that person), or
   * undid that: no reminders, no room while removed.
   */
  | {
      kind: 'participantRemoved' | 'participantRestored';
      meeting: MeetingEntity;
      people: MeetingPerson[];
      byUserId: string;
    }
  /** A freed seat is held for the first on the offer's standby list until `entry.claimUntil`. */
  | { kind: 'standbyOffered'; entry: StandbyEntryEntity; offer: OfferEntity; slot: { startsAt: Date; endsAt: Date } }
  /** The host raised an offer's seats (the new seats are free, like freed ones). */
  | { kind: 'seatsAdded'; offer: OfferEntity }
  /** A full session's place went to the first on its waiting list: they are registered now. */
  | { kind: 'waitingListPlaced'; entry: WaitingListEntryEntity }
  | { kind: 'requested'; request: MeetingRequestEntity }
  /** The receiver accepted; `meeting` is set when a slot was picked at once. */
  | { kind: 'accepted'; request: MeetingRequestEntity; meeting: MeetingEntity | null; people: MeetingPerson[] }
  | { kind: 'declined'; request: MeetingRequestEntity }
  /** Still unanswered when its session started. */
  | { kind: 'expired'; request: MeetingRequestEntity };

export type MeetingChangeKind = MeetingChange['kind'];

export interface MeetingChangeListener {
  meetingChanged(change: MeetingChange, em: EntityManager): Promise<void>;
}

/**
 * The listener registry other modules (notifications) register with at start-up; booking knows
 * nothing of them, which keeps the module graph one-way (notifications → booking). A listener
 * that throws fails the change it was told about: it runs in the same transaction.
 */
@Injectable()
export class MeetingChangeListeners {
  private readonly listeners: MeetingChangeListener[] = [];

  /** Returns a function that unregisters the listener again (tests). */
  register(listener: MeetingChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  async emit(change: MeetingChange, em: EntityManager): Promise<void> {
    for (const listener of this.listeners) await listener.meetingChanged(change, em);
  }
}
