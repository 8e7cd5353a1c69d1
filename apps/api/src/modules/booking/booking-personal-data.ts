import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import {
  ErasedPerson,
  ERASE_MEETINGS,
  exportedInstant,
  PersonalDataContributor,
  PersonalDataSource,
} from '../../core/privacy/personal-data';
import { SessionStatus } from '../events/events.enums';
import { RequestStatus, ThirdPartyStatus } from './booking.enums';
import { SESSION_CANCELLED } from './meeting-change-listener';
import { MeetingsService, RESCHEDULED } from './meetings.service';
import { WaitingListService } from './waiting-list.service';

type Row = Record<string, unknown>;

/** Why their meetings were cancelled; shown to the others in both languages. */
export const ACCOUNT_CLOSED_REASON = "Cyfrif wedi'i gau / Account closed";

/** Sessions still to come or running: registrations there would keep the person in matching. */
const OPEN_SESSIONS = [SessionStatus.DRAFT, SessionStatus.PUBLISHED, SessionStatus.LIVE];

/**
 * Registrations and availability, offers, meeting requests and meetings.
 *
 * Erasure runs right after the account is anonymised (ERASE_MEETINGS): upcoming meetings are left
 * or cancelled through MeetingsService, so the others get the usual cancellation e-mail (naming
 * the anonymous person); pending requests end (WITHDRAWN if theirs, DECLINED if to them, a third
 * party's invitation DECLINED); their future offers are withdrawn and their registrations in
 * sessions not yet over are deleted. Past meetings, participation and their "we met" answers stay for the others. Texts
 * they wrote — request messages, decline reasons, cancel reasons — are emptied.
 */
@Injectable()
@PersonalDataSource()
export class BookingPersonalData implements PersonalDataContributor {
  readonly section = 'booking';
  readonly eraseOrder = ERASE_MEETINGS;

  constructor(
    private readonly db: Database,
    private readonly meetings: MeetingsService,
    private readonly waitingList: WaitingListService,
  ) {}

  async exportFor(userId: string): Promise<unknown> {
    const registrations = await this.rows(
      `SELECT r.id, r.session_id, r.role, r.created_at, s.title_cy, s.title_en FROM registrations r JOIN themed_sessions s ON s.id = r.session_id
        WHERE r.user_id = ? ORDER BY r.created_at, r.id`,
      [userId],
    );
    const availability = await this.rows(
      `SELECT a.registration_id, a.slot_id, sl.starts_at FROM availability a JOIN registrations r ON r.id = a.registration_id JOIN slots sl ON sl.id = a.slot_id
        WHERE r.user_id = ? ORDER BY sl.starts_at`,
      [userId],
    );
    const offers = await this.rows(
      `SELECT o.id, o.session_id, o.slot_id, sl.starts_at, o.seats, o.created_at, o.withdrawn_at FROM offers o JOIN slots sl ON sl.id = o.slot_id
        WHERE o.host_id = ? ORDER BY sl.starts_at, o.id`,
      [userId],
    );
    const requests = await this.rows(
      `SELECT q.id, q.session_id, q.from_user_id, fu.display_name AS from_name, q.to_user_id, tu.display_name AS to_name,
              q.third_party_id, pu.display_name AS third_party_name, q.third_party_status, q.message, q.status, q.meeting_id,
              q.decline_reason, q.created_at, q.responded_at
         FROM meeting_requests q JOIN users fu ON fu.id = q.from_user_id JOIN users tu ON tu.id = q.to_user_id LEFT JOIN users pu ON pu.id = q.third_party_id
        WHERE q.from_user_id = ? OR q.to_user_id = ? OR q.third_party_id = ? ORDER BY q.created_at, q.id`,
      [userId, userId, userId],
    );
    const meetings = await this.rows(
      `SELECT m.id, m.session_id, m.status, m.source, m.starts_at, m.ends_at, m.cancel_reason, m.cancelled_by_id, m.outcome_source, mine.role AS my_role
         FROM meetings m JOIN (SELECT DISTINCT meeting_id, role FROM meeting_participants WHERE user_id = ?) mine ON mine.meeting_id = m.id
        ORDER BY m.starts_at, m.id`,
      [userId],
    );
    // The others as the person saw them: those in the meeting with them (or all, once it was cancelled).
    const people = await this.rows(
      `SELECT DISTINCT p.meeting_id, p.user_id, u.display_name, p.role FROM meeting_participants p JOIN users u ON u.id = p.user_id
        WHERE p.meeting_id IN (SELECT meeting_id FROM meeting_participants WHERE user_id = ?) ORDER BY p.meeting_id, p.role, p.user_id`,
      [userId],
    );
    const said = await this.rows(
      'SELECT meeting_id, happened, reported_at FROM meeting_outcome_reports WHERE user_id = ?',
      [userId],
    );
    const standby = await this.rows(
      'SELECT offer_id, session_id, status, created_at, offered_at, claim_until FROM standby_entries WHERE user_id = ? ORDER BY created_at, id',
      [userId],
    );
    const waiting = await this.rows(
      'SELECT session_id, status, created_at, updated_at FROM session_waiting_list WHERE user_id = ? ORDER BY created_at, id',
      [userId],
    );
    const person = (id: unknown, name: unknown) => (id ? { id, displayName: name } : null);
    return {
      waitingLists: waiting.map((w) => ({
        sessionId: w.session_id,
        status: w.status,
        joinedAt: this.instant(w.created_at),
        updatedAt: this.instant(w.updated_at),
      })),
      registrations: registrations.map((r) => ({
        id: r.id,
        sessionId: r.session_id,
        sessionTitleCy: r.title_cy,
        sessionTitleEn: r.title_en,
        role: r.role,
        createdAt: this.instant(r.created_at),
        availableSlots: availability
          .filter((a) => a.registration_id === r.id)
          .map((a) => ({ slotId: a.slot_id, startsAt: this.instant(a.starts_at) })),
      })),
      offers: offers.map((o) => ({
        id: o.id,
        sessionId: o.session_id,
        slotId: o.slot_id,
        startsAt: this.instant(o.starts_at),
        seats: Number(o.seats),
        createdAt: this.instant(o.created_at),
        withdrawnAt: this.instant(o.withdrawn_at),
      })),
      standby: standby.map((e) => ({
        offerId: e.offer_id,
        sessionId: e.session_id,
        status: e.status,
        joinedAt: this.instant(e.created_at),
        offeredAt: this.instant(e.offered_at),
        claimUntil: this.instant(e.claim_until),
      })),
      meetingRequests: requests.map((q) => ({
        id: q.id,
        sessionId: q.session_id,
        direction: q.from_user_id === userId ? 'SENT' : q.to_user_id === userId ? 'RECEIVED' : 'THIRD_PARTY',
        from: person(q.from_user_id, q.from_name),
        to: person(q.to_user_id, q.to_name),
        thirdParty: person(q.third_party_id, q.third_party_name),
        thirdPartyStatus: q.third_party_status,
        message: q.message,
        status: q.status,
        meetingId: q.meeting_id,
        declineReason: q.decline_reason,
        createdAt: this.instant(q.created_at),
        respondedAt: this.instant(q.responded_at),
      })),
      meetings: meetings.map((m) => ({
        id: m.id,
        sessionId: m.session_id,
        status: m.status,
        source: m.source,
        myRole: m.my_role,
        startsAt: this.instant(m.starts_at),
        endsAt: this.instant(m.ends_at),
        cancelReason: m.cancel_reason,
        cancelledByMe: m.cancelled_by_id === userId,
        outcomeSource: m.outcome_source ?? null,
        iSaidItHappened:
          said
            .filter((r) => r.meeting_id === m.id)
            .map((r) => ({ happened: Boolean(r.happened), at: this.instant(r.reported_at) }))[0] ?? null,
        participants: people
          .filter((p) => p.meeting_id === m.id)
          .map((p) => ({ id: p.user_id, displayName: p.display_name, role: p.role })),
      })),
    };
  }

  async erase(person: ErasedPerson, em: EntityManager): Promise<void> {
    const { userId } = person;
    const at = this.db.instant(person.at);
    // Their own words first, so the reason written by the cancellations below is kept.
    const ownWords = `SELECT message AS words FROM meeting_requests WHERE from_user_id = ?
      UNION SELECT decline_reason FROM meeting_requests WHERE to_user_id = ? AND decline_reason IS NOT NULL
      UNION SELECT cancel_reason FROM meetings WHERE cancelled_by_id = ? AND cancel_reason NOT IN (?, ?)`;
    const words = await this.db.sql<{ words: string }>(
      ownWords,
      [userId, userId, userId, RESCHEDULED, SESSION_CANCELLED],
      em,
    );
    person.ownWords.push(...words.rows.map((row) => row.words));
    await this.db.sql(
      'UPDATE meetings SET cancel_reason = NULL WHERE cancelled_by_id = ? AND cancel_reason NOT IN (?, ?)',
      [userId, RESCHEDULED, SESSION_CANCELLED],
      em,
    );
    // Off every standby list first, so no seat the leaving below frees is offered to them.
    await this.db.sql('DELETE FROM standby_entries WHERE user_id = ?', [userId], em);
    await this.db.sql('DELETE FROM session_waiting_list WHERE user_id = ?', [userId], em);
    const cappedSessions = await this.waitingList.cappedSessionsOf(userId, em);
    await this.meetings.leaveUpcoming(userId, ACCOUNT_CLOSED_REASON, em);
    await this.db.sql(
      'UPDATE meeting_requests SET status = ?, responded_at = ? WHERE from_user_id = ? AND status = ?',
      [RequestStatus.WITHDRAWN, at, userId, RequestStatus.PENDING],
      em,
    );
    await this.db.sql(
      'UPDATE meeting_requests SET status = ?, responded_at = ? WHERE to_user_id = ? AND status = ?',
      [RequestStatus.DECLINED, at, userId, RequestStatus.PENDING],
      em,
    );
    await this.db.sql(
      'UPDATE meeting_requests SET third_party_status = ? WHERE third_party_id = ? AND third_party_status = ?',
      [ThirdPartyStatus.DECLINED, userId, ThirdPartyStatus.INVITED],
      em,
    );
    await this.db.sql(`UPDATE meeting_requests SET message = '' WHERE from_user_id = ?`, [userId], em);
    await this.db.sql('UPDATE meeting_requests SET decline_reason = NULL WHERE to_user_id = ?', [userId], em);
    await this.db.sql(
      'UPDATE offers SET withdrawn_at = ? WHERE host_id = ? AND withdrawn_at IS NULL AND slot_id IN (SELECT id FROM slots WHERE starts_at > ?)',
      [at, userId, at],
      em,
    );
    await this.db.sql(
      `DELETE FROM registrations WHERE user_id = ? AND session_id IN (SELECT id FROM themed_sessions WHERE status IN (${OPEN_SESSIONS.map(() => '?').join(', ')}))`,
      [userId, ...OPEN_SESSIONS],
      em,
    );
    // Their guest places in capped sessions go to the next in line.
    for (const sessionId of cappedSessions) await this.waitingList.promote(sessionId, em);
  }

  private async rows(sql: string, params: unknown[]): Promise<Row[]> {
    return (await this.db.sql<Row>(sql, params)).rows;
  }

  private instant(value: unknown): string | null {
    return exportedInstant(this.db, value);
  }
}
