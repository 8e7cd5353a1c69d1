import { Injectable } from '@nestjs/common';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { MeetingsService } from '../booking/meetings.service';
import { NO_SHOW_WINDOW_MS, noShowState, NoShowState } from './no-shows';
import { RoomsError, RoomsErrorCode } from './rooms.errors';
import { NoShowFactsRow, RoomsRepository } from './rooms.repository';

/** A no-show recorded against a person, as they see it. */
export interface NoShowRecordData {
  meeting: MeetingEntity;
  state: NoShowState.COUNTED | NoShowState.DISPUTED;
  disputeReason: string | null;
}

/**
 * No-shows, kindly (docs/standby-and-reoptimisation.md#no-shows-kindly): derived from the room,
 * the organisers' and the person's own word (`noShowState`), never stored as a verdict. A person
 * sees their own record and may say any entry was not a no-show; only undisputed ones in the
 * last year count, and only where an organiser chose to lower the priority of repeated ones.
 */
@Injectable()
export class NoShowsService {
  constructor(
    private readonly db: Database,
    private readonly rooms: RoomsRepository,
    private readonly meetings: MeetingsService,
    private readonly clock: Clock,
  ) {}

  async mine(actor: Actor): Promise<NoShowRecordData[]> {
    return this.records(await this.recorded([actor.id]));
  }

  async dispute(actor: Actor, meetingId: string, reason: string): Promise<NoShowRecordData> {
    const row = (await this.recorded([actor.id])).find((r) => r.meetingId === meetingId);
    if (!row)
      throw new RoomsError(RoomsErrorCode.NOT_A_NO_SHOW, 'No no-show is recorded against you for this meeting.', {
        meetingId,
      });
    const text = reason.trim() || null;
    await this.db.write((em) =>
      this.rooms.saveDispute({ meetingId, userId: actor.id, reason: text, disputedAt: this.clock.now() }, em),
    );
    const [record] = await this.records([{ ...row, disputed: true, disputeReason: text }]);
    return record!;
  }

  /** Undisputed no-shows in the last year, by person (people with none are left out). */
  async undisputedCounts(userIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const row of await this.recorded(userIds))
      if (noShowState(row) === NoShowState.COUNTED) counts.set(row.userId, (counts.get(row.userId) ?? 0) + 1);
    return counts;
  }

  private async recorded(userIds: readonly string[]): Promise<NoShowFactsRow[]> {
    const since = new Date(this.clock.now().getTime() - NO_SHOW_WINDOW_MS);
    return (await this.rooms.noShowFacts(userIds, since)).filter((row) => noShowState(row) !== NoShowState.NONE);
  }

  private async records(rows: readonly NoShowFactsRow[]): Promise<NoShowRecordData[]> {
    const meetings = new Map((await this.meetings.findByIds(rows.map((r) => r.meetingId))).map((m) => [m.id, m]));
    return rows.map((row) => ({
      meeting: meetings.get(row.meetingId)!,
      state: noShowState(row) as NoShowState.COUNTED | NoShowState.DISPUTED,
      disputeReason: row.disputeReason,
    }));
  }
}
