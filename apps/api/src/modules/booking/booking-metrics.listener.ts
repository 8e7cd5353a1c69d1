import { Injectable } from '@nestjs/common';
import { Metrics } from '../../core/metrics/metrics';
import { MeetingChange, MeetingChangeListener, MeetingChangeListeners } from './meeting-change-listener';

/**
 * Counts seats booked into cyswllt_bookings_total: a seat taken (booked), a request accepted with
 * a slot (accepted), an auto-scheduled proposal (proposed). Runs inside the booking's transaction,
 * so a booking that then rolls back was still counted — rare (a later listener failing), and a
 * counter is for rates, not for bookkeeping.
 */
@Injectable()
export class BookingMetricsListener implements MeetingChangeListener {
  constructor(
    listeners: MeetingChangeListeners,
    private readonly metrics: Metrics,
  ) {
    listeners.register(this);
  }

  async meetingChanged(change: MeetingChange): Promise<void> {
    if (change.kind === 'booked' || change.kind === 'proposed' || (change.kind === 'accepted' && change.meeting)) {
      this.metrics.bookings.inc({ kind: change.kind });
    }
  }
}
