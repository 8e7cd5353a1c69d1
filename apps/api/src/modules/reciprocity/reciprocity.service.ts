import type { ReciprocityFigures } from '@cyswllt/matching';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { MeetingStatus } from '../booking/booking.enums';
import { MeetingsService } from '../booking/meetings.service';
import { SESSION_ZONE } from '../events/slot-grid';
import { LedgerLine, ledgerLine, LedgerTotals, matchingFigures, totalsOf } from './ledger';
import { ExchangeKind } from './reciprocity.enums';
import { ReciprocityError, ReciprocityErrorCode } from './reciprocity.errors';
import { HeldMeetingRow, ReciprocityRepository } from './reciprocity.repository';

/** A line of a person's own history: the meeting, who else was in it, and what it credited. */
export interface HistoryLine extends LedgerLine {
  sessionId: string;
  sessionTitleCy: string;
  sessionTitleEn: string;
  startsAt: Date;
  endsAt: Date;
  otherIds: string[];
  recorded: boolean;
}

export interface MyLedger {
  allTime: LedgerTotals;
  thisYear: LedgerTotals;
  showOnProfile: boolean;
  history: HistoryLine[];
}

export interface RecordExchange {
  meetingId: string;
  gave: ExchangeKind[];
  got: ExchangeKind[];
  preparationMinutes: number;
}

/**
 * The reciprocity ledger (docs/reciprocity-and-fairness.md): hours from held meetings, what each
 * participant says they gave and got, their own preparation, and whether their profile shows it.
 */
@Injectable()
export class ReciprocityService {
  constructor(
    private readonly db: Database,
    private readonly repository: ReciprocityRepository,
    private readonly meetings: MeetingsService,
    private readonly clock: Clock,
  ) {}

  /** Rule: signed in; the caller's own ledger only. */
  async mine(actor: Actor): Promise<MyLedger> {
    const rows = await this.repository.heldMeetings({ userIds: [actor.id] });
    const [others, shown] = await Promise.all([
      this.repository.othersIn(
        rows.map((r) => r.meetingId),
        actor.id,
      ),
      this.repository.shownOnProfile([actor.id]),
    ]);
    const history = rows.map((row) => this.historyLine(row, others.get(row.meetingId) ?? []));
    const yearStart = this.yearStart().getTime();
    return {
      allTime: totalsOf(history),
      thisYear: totalsOf(history.filter((line) => line.startsAt.getTime() >= yearStart)),
      showOnProfile: shown.has(actor.id),
      history,
    };
  }

  /**
   * Rule: an active participant of the meeting, once it is COMPLETED (held). Replaces the caller's
   * earlier entry for it; kinds are kept once each, in ExchangeKind order.
   */
  async record(actor: Actor, input: RecordExchange): Promise<HistoryLine> {
    await this.db.write(async (em) => {
      const found = await this.meetings.findWithPeople(input.meetingId, em);
      if (!found) throw CommonError.notFound('Meeting', input.meetingId);
      if (!found.participants.some((p) => p.userId === actor.id)) {
        throw new ReciprocityError(ReciprocityErrorCode.NOT_A_PARTICIPANT, 'You are not in this meeting.', {
          meetingId: input.meetingId,
        });
      }
      if (found.meeting.status !== MeetingStatus.COMPLETED) {
        throw new ReciprocityError(
          ReciprocityErrorCode.MEETING_NOT_HELD,
          'Only meetings that were held count in the ledger.',
          {
            meetingId: input.meetingId,
            status: found.meeting.status,
          },
        );
      }
      const tidy = (kinds: ExchangeKind[]) => Object.values(ExchangeKind).filter((kind) => kinds.includes(kind));
      await this.repository.saveEntry(
        {
          meetingId: input.meetingId,
          userId: actor.id,
          gave: tidy(input.gave),
          got: tidy(input.got),
          preparationMinutes: input.preparationMinutes,
          updatedAt: this.clock.now(),
        },
        em,
      );
    });
    const [row] = (await this.repository.heldMeetings({ userIds: [actor.id] })).filter(
      (r) => r.meetingId === input.meetingId,
    );
    const others = await this.repository.othersIn([input.meetingId], actor.id);
    return this.historyLine(row!, others.get(input.meetingId) ?? []);
  }

  /** Rule: signed in; the caller's own choice. */
  async setShownOnProfile(actor: Actor, show: boolean): Promise<boolean> {
    await this.db.write((em) => this.repository.setShownOnProfile(actor.id, show, this.clock.now(), em));
    return show;
  }

  /** A person's all-time totals, for their profile: only to themselves, or to anyone when they chose to show them. */
  async shownTotals(viewer: Actor, userId: string): Promise<LedgerTotals | null> {
    if (viewer.id !== userId && !(await this.repository.shownOnProfile([userId])).has(userId)) return null;
    return totalsOf((await this.repository.heldMeetings({ userIds: [userId] })).map(ledgerLine));
  }

  /** Each person's figures this calendar year (Europe/London), for matching's equity factor. */
  async thisYearFigures(userIds: readonly string[]): Promise<Map<string, ReciprocityFigures>> {
    const rows = await this.repository.heldMeetings({ userIds, from: this.yearStart() });
    return new Map(userIds.map((id) => [id, matchingFigures(rows.filter((r) => r.userId === id).map(ledgerLine))]));
  }

  /** Each participant's totals over the held meetings of these sessions (for the impact dashboard). */
  async totalsInSessions(sessionIds: readonly string[]): Promise<Map<string, LedgerTotals>> {
    const lines = new Map<string, LedgerLine[]>();
    for (const row of await this.repository.heldMeetings({ sessionIds }))
      lines.set(row.userId, [...(lines.get(row.userId) ?? []), ledgerLine(row)]);
    return new Map([...lines].map(([userId, own]) => [userId, totalsOf(own)]));
  }

  private historyLine(row: HeldMeetingRow, otherIds: string[]): HistoryLine {
    return {
      ...ledgerLine(row),
      sessionId: row.sessionId,
      sessionTitleCy: row.sessionTitleCy,
      sessionTitleEn: row.sessionTitleEn,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      otherIds,
      recorded: row.entry !== null,
    };
  }

  private yearStart(): Date {
    return DateTime.fromJSDate(this.clock.now(), { zone: SESSION_ZONE }).startOf('year').toJSDate();
  }
}
