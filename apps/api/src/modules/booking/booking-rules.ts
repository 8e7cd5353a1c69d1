import { SlotEntity } from '../events/entities/slot.entity';
import { ThemedSessionEntity } from '../events/entities/themed-session.entity';
import { OPEN_FOR_BOOKING } from '../events/session-transitions';
import { BookingError, BookingErrorCode } from './booking.errors';

/** Checks shared by booking, requests and rescheduling. */
export function assertSessionOpen(session: Pick<ThemedSessionEntity, 'status'>): void {
  if (!OPEN_FOR_BOOKING.includes(session.status)) {
    throw new BookingError(
      BookingErrorCode.SESSION_NOT_OPEN,
      `The session is ${session.status.toLowerCase()}; it does not take bookings.`,
      {
        status: session.status,
      },
    );
  }
}

export function assertSlotBookable(slot: SlotEntity, session: Pick<ThemedSessionEntity, 'id'>, now: Date): void {
  if (slot.sessionId !== session.id) {
    throw new BookingError(BookingErrorCode.SLOT_NOT_IN_SESSION, 'That slot belongs to another session.', {
      slotId: slot.id,
    });
  }
  if (slot.isBreak)
    throw new BookingError(BookingErrorCode.SLOT_IS_BREAK, 'That slot is a break.', { slotId: slot.id });
  if (slot.startsAt.getTime() <= now.getTime()) {
    throw new BookingError(BookingErrorCode.SLOT_IN_PAST, 'That slot has already started.', { slotId: slot.id });
  }
}

export function participantBusy(userIds: string[], more: Record<string, unknown> = {}): BookingError {
  return new BookingError(
    BookingErrorCode.PARTICIPANT_BUSY,
    'Someone in this meeting already has a meeting in that slot.',
    { userIds, ...more },
  );
}

/** The one booking is yourself: `meetingId` is your meeting in that slot. */
export function selfBusy(meetingId: string | null, slotId: string, more: Record<string, unknown> = {}): BookingError {
  return new BookingError(BookingErrorCode.SELF_BUSY, 'You already have a meeting at that time.', {
    meetingId,
    slotId,
    ...more,
  });
}

export function slotTaken(): BookingError {
  return new BookingError(BookingErrorCode.SLOT_TAKEN, 'That slot has just been taken.');
}

export function notRegistered(sessionId: string, userId: string): BookingError {
  return new BookingError(BookingErrorCode.NOT_REGISTERED, 'Register for the session first.', { sessionId, userId });
}

/** Why extra time could not be had (NO_CONSECUTIVE_SLOT's details.reason). */
export type NoConsecutiveReason = 'NO_NEXT_SLOT' | 'NOT_OFFERED' | 'GROUP_OFFER' | 'NOT_FREE';

export function noConsecutiveSlot(
  reason: NoConsecutiveReason,
  slotId: string,
  more: Record<string, unknown> = {},
): BookingError {
  const messages: Record<NoConsecutiveReason, string> = {
    NO_NEXT_SLOT: 'Extra time needs the next slot, and there is none right after this one.',
    NOT_OFFERED: 'Extra time needs the next slot, and the host does not offer it.',
    GROUP_OFFER: 'Extra time is for one-to-one meetings, not group consultations.',
    NOT_FREE: 'Extra time needs the next slot, and someone in the meeting is not free then.',
  };
  return new BookingError(BookingErrorCode.NO_CONSECUTIVE_SLOT, messages[reason], { reason, slotId, ...more });
}

/** The slot that starts as this one ends (not a break): the second slot of an extra-time meeting. */
export function consecutiveSlot(slots: readonly SlotEntity[], slot: SlotEntity): SlotEntity | null {
  return slots.find((s) => s.startsAt.getTime() === slot.endsAt.getTime() && !s.isBreak) ?? null;
}
