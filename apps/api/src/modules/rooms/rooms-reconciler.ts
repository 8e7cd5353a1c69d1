import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import { Ticker } from '../../core/clock/ticker';
import { MeetingsService } from '../booking/meetings.service';
import { AttendanceService } from './attendance.service';
import { JOIN_CLOSES_AFTER_MS, JOIN_OPENS_BEFORE_MS } from './join-window';
import { LiveKitGateway } from './livekit.gateway';
import { RoomsError } from './rooms.errors';
import { RoomsModeration } from './rooms-moderation.service';
import { RoomsRepository } from './rooms.repository';

/** How long processed webhook ids are kept to recognise redeliveries. */
const EVENT_IDS_KEPT_MS = 7 * 24 * 3600_000;
/**
 * With video unreachable, a meeting nobody reported on settles this long after its end, from the
 * attendance recorded (a short outage never turns a meeting it could not see into a no-show).
 */
export const BLIND_SETTLE_AFTER_MS = 24 * 3600_000;

export interface ReconcileReport {
  /** False when LiveKit is not configured or did not answer: nothing was changed. */
  reachable: boolean;
  roomsChecked: number;
  meetingsSettled: number;
}

/**
 * Heals lost webhooks (docs/architecture.md#video-rooms). On every tick of the core Ticker it asks the server who is
 * in the rooms of meetings within their join window (RoomServiceClient.listRooms, then
 * listParticipants per open room) and brings attendance in line; then it gives meetings whose
 * window has closed their outcome. When LiveKit is not configured or does not answer it heals
 * nothing, and gives an outcome only to meetings that ended BLIND_SETTLE_AFTER_MS ago (so past
 * meetings never stay CONFIRMED for ever); participants' and organisers' word overrides it.
 */
@Injectable()
export class RoomsReconciler implements OnModuleInit {
  private readonly logger = new Logger('RoomsReconciler');

  constructor(
    private readonly ticker: Ticker,
    private readonly gateway: LiveKitGateway,
    private readonly meetings: MeetingsService,
    private readonly rooms: RoomsRepository,
    private readonly attendance: AttendanceService,
    private readonly moderation: RoomsModeration,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.ticker.register('rooms: reconcile attendance with LiveKit, settle ended meetings', () => this.run());
  }

  async run(): Promise<ReconcileReport> {
    if (!this.gateway.configured) return this.unreachable(0);
    await this.rooms.pruneEvents(new Date(this.clock.now().getTime() - EVENT_IDS_KEPT_MS));
    const meetings = await this.meetings.inJoinWindow(this.clock.now(), JOIN_OPENS_BEFORE_MS, JOIN_CLOSES_AFTER_MS);
    let open: Set<string>;
    try {
      open = await this.gateway.openRooms(meetings.map((m) => m.roomName));
    } catch (error) {
      if (error instanceof RoomsError) return this.unreachable(0);
      throw error;
    }
    const known = new Set((await this.rooms.rooms(meetings.map((m) => m.id))).map((r) => r.meetingId));
    let roomsChecked = 0;
    for (const meeting of meetings) {
      if (!open.has(meeting.roomName) && !known.has(meeting.id)) continue; // never used: nothing to heal
      try {
        const live = open.has(meeting.roomName) ? await this.gateway.activeParticipants(meeting.roomName) : [];
        const { kick } = await this.attendance.reconcile(meeting.id, live);
        for (const identity of kick) await this.moderation.kickRemoved(meeting.roomName, identity);
        roomsChecked++;
      } catch (error) {
        if (error instanceof RoomsError) return this.unreachable(roomsChecked);
        this.logger.error(`reconciling ${meeting.roomName} failed: ${String(error)}`);
      }
    }
    const meetingsSettled = await this.attendance.settleEnded(JOIN_CLOSES_AFTER_MS);
    return { reachable: true, roomsChecked, meetingsSettled };
  }

  private async unreachable(roomsChecked: number): Promise<ReconcileReport> {
    return {
      reachable: false,
      roomsChecked,
      meetingsSettled: await this.attendance.settleEnded(BLIND_SETTLE_AFTER_MS),
    };
  }
}
