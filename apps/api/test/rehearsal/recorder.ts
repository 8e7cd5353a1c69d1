import type { Database } from '../../src/core/database/database';
import type { SmtpSink } from '../support/smtp-sink';
import type { History, MailRecord, Snapshot } from './history';
import { readIcs } from './ics';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/**
 * Records the event as it is played: after every step a snapshot of the rows the invariants
 * speak of (read straight from the database, the API's own state) and the e-mails the SMTP
 * listener received since the last step, each joined to its outbox row and its .ics parsed twice.
 */
export class Recorder {
  readonly history: History;
  private mailsSeen = 0;
  icsParsed = 0;

  constructor(
    private readonly db: Database,
    private readonly sink: SmtpSink,
    systemAddresses: string[],
  ) {
    this.history = { people: [], sessions: [], snapshots: [], mails: [], readBacks: [], systemAddresses };
  }

  async record(step: number, label: string, at: Date): Promise<void> {
    this.history.snapshots.push(await this.snapshot(step, label, at));
    await this.collectMails(step);
  }

  private async snapshot(step: number, label: string, at: Date): Promise<Snapshot> {
    const db = this.db;
    const iso = (value: unknown) => db.readInstant(value).toISOString();
    const meetings = (
      await db.sql<Record<string, unknown>>(
        `SELECT id, session_id, slot_id, offer_id, host_id, status, starts_at, ends_at, request_id, rescheduled_from_id, sequence, outcome_source FROM meetings ORDER BY created_at, id`,
      )
    ).rows;
    const participants = (
      await db.sql<{ meeting_id: string; user_id: string }>(
        `SELECT meeting_id, user_id FROM meeting_participants WHERE active = ? ORDER BY user_id`,
        [true],
      )
    ).rows;
    const requests = (
      await db.sql<Record<string, unknown>>(
        `SELECT id, status, awaiting_schedule, meeting_id FROM meeting_requests ORDER BY created_at, id`,
      )
    ).rows;
    const offers = (await db.sql<{ id: string; seats: number }>(`SELECT id, seats FROM offers`)).rows;
    const attendance = (
      await db.sql<Record<string, unknown>>(`SELECT meeting_id, user_id, first_joined_at FROM attendance`)
    ).rows;
    return {
      step,
      label,
      at: at.toISOString(),
      meetings: meetings.map((m) => ({
        id: String(m.id),
        sessionId: String(m.session_id),
        slotId: String(m.slot_id),
        offerId: (m.offer_id as string | null) ?? null,
        hostId: String(m.host_id),
        status: String(m.status),
        startsAt: iso(m.starts_at),
        endsAt: iso(m.ends_at),
        requestId: (m.request_id as string | null) ?? null,
        rescheduledFromId: (m.rescheduled_from_id as string | null) ?? null,
        sequence: Number(m.sequence),
        participantIds: participants.filter((p) => p.meeting_id === m.id).map((p) => p.user_id),
        outcomeSource: (m.outcome_source as string | null) ?? null,
      })),
      requests: requests.map((r) => ({
        id: String(r.id),
        status: String(r.status),
        awaitingSchedule: Boolean(r.awaiting_schedule),
        meetingId: (r.meeting_id as string | null) ?? null,
      })),
      offers: offers.map((o) => ({ id: o.id, seats: Number(o.seats) })),
      attendance: attendance.map((a) => ({
        meetingId: String(a.meeting_id),
        userId: String(a.user_id),
        firstJoinedAt: a.first_joined_at ? iso(a.first_joined_at) : null,
      })),
    };
  }

  private async collectMails(step: number): Promise<void> {
    const fresh = this.sink.mails.slice(this.mailsSeen);
    this.mailsSeen = this.sink.mails.length;
    for (const received of fresh) {
      const parsed = received.parsed;
      const outboxId = /<([^@>]+)@cyswllt>/.exec(parsed.messageId ?? '')?.[1] ?? '';
      const { rows } = await this.db.sql<Record<string, unknown>>(
        `SELECT kind, created_at, meeting_id, request_id, recipient_id FROM outbox WHERE id = ?`,
        [outboxId],
      );
      const row = rows[0] ?? {};
      const calendars = new Map<string, string>();
      for (const attachment of parsed.attachments) {
        if (!attachment.contentType.startsWith('text/calendar')) continue;
        const text = attachment.content.toString('utf8');
        if (![...calendars.values()].includes(text)) calendars.set(attachment.filename ?? 'invite.ics', text);
      }
      const ics: MailRecord['ics'] = [];
      const icsErrors: string[] = [];
      for (const [filename, text] of calendars) {
        const read = readIcs(filename, text);
        this.icsParsed++;
        ics.push(...read.records);
        icsErrors.push(...read.errors.map((e) => `${filename}: ${e}`));
      }
      const headerText = ['to', 'cc', 'replyTo'].map((h) => JSON.stringify(parsed[h as 'to'] ?? '')).join(' ');
      const everything = [
        headerText,
        parsed.text ?? '',
        typeof parsed.html === 'string' ? parsed.html : '',
        ...calendars.values(),
      ].join('\n');
      this.history.mails.push({
        index: this.history.mails.length,
        step,
        outboxId,
        kind: String(row.kind ?? parsed.headers.get('x-cyswllt-kind') ?? 'UNKNOWN'),
        queuedAt: row.created_at ? this.db.readInstant(row.created_at).toISOString() : new Date(0).toISOString(),
        meetingId: (row.meeting_id as string | null) ?? null,
        requestId: (row.request_id as string | null) ?? null,
        recipientId: (row.recipient_id as string | null) ?? null,
        to: received.to.map((a) => a.toLowerCase()),
        language: String(parsed.headers.get('content-language') ?? ''),
        subject: parsed.subject ?? '',
        addresses: [...new Set(everything.match(EMAIL) ?? [])].map((a) => a.toLowerCase()),
        ics,
        icsErrors,
      });
    }
  }
}
