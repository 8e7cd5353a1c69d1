import type { History, MailRecord, MeetingRecord, Snapshot, Violation } from './history';

/**
 * The rehearsal's invariants: pure functions over a recorded History (docs/rehearsal.md explains
 * each). checkStep looks at one step — its snapshot and the e-mails delivered after it — and, on
 * the last step, at what must have happened by the end. A fault that persists is reported once,
 * at the first step it shows (InvariantChecker de-duplicates by invariant and records).
 */
export const INVARIANTS = [
  'no-double-booking',
  'request-agrees-with-meeting',
  'calendar-invitation-and-updates',
  'ics-parsers-agree',
  'mail-agrees-with-state',
  'reminder-exactly-once',
  'recipient-language',
  'no-foreign-address',
  'one-outcome-after-start',
  'dashboard-recount',
  'oruk-feed-valid',
  'slots-cover-session',
] as const;
export type InvariantName = (typeof INVARIANTS)[number];

const ACTIVE = new Set(['PROPOSED', 'CONFIRMED', 'IN_PROGRESS']);
const OUTCOMES = new Set(['COMPLETED', 'NO_SHOW']);
/** Kinds written in both languages on purpose (no account language to follow). */
const BILINGUAL_KINDS = new Set(['INVITATION', 'PASSWORD_RESET']);
const REMINDERS: Record<string, number> = { REMINDER_DAY: 24 * 3600_000, REMINDER_SOON: 10 * 60_000 };

export interface StepResult {
  violations: Violation[];
  checks: number;
  checksBy: Partial<Record<InvariantName, number>>;
}

class Collector {
  readonly violations: Violation[] = [];
  checks = 0;
  readonly checksBy: Partial<Record<InvariantName, number>> = {};
  constructor(readonly step: number) {}

  expect(ok: boolean, invariant: InvariantName, message: string, records: string[]): void {
    this.checks++;
    this.checksBy[invariant] = (this.checksBy[invariant] ?? 0) + 1;
    if (!ok) this.violations.push({ step: this.step, invariant, message, records });
  }
}

const ms = (iso: string) => Date.parse(iso);

function snapshotAt(history: History, step: number): Snapshot | undefined {
  return history.snapshots.find((s) => s.step === step);
}

/** The first snapshot taken at or after `instant` (the state the action that queued a mail left). */
function snapshotAfter(history: History, instant: string): Snapshot | undefined {
  return history.snapshots.find((s) => ms(s.at) >= ms(instant));
}

function chainRoot(meetings: Map<string, MeetingRecord>, id: string): string {
  let current = meetings.get(id);
  const seen = new Set<string>();
  while (current?.rescheduledFromId && !seen.has(current.id)) {
    seen.add(current.id);
    const previous = meetings.get(current.rescheduledFromId);
    if (!previous) return current.rescheduledFromId;
    current = previous;
  }
  return current?.id ?? id;
}

/** Every meeting ever seen, latest state first found from the end. */
function allMeetings(history: History, upToStep: number): Map<string, MeetingRecord> {
  const meetings = new Map<string, MeetingRecord>();
  for (const snapshot of history.snapshots) {
    if (snapshot.step > upToStep) break;
    for (const meeting of snapshot.meetings) meetings.set(meeting.id, meeting);
  }
  return meetings;
}

function checkDoubleBooking(c: Collector, snapshot: Snapshot): void {
  const active = snapshot.meetings.filter((m) => ACTIVE.has(m.status));
  const byPerson = new Map<string, MeetingRecord[]>();
  for (const meeting of active) {
    for (const person of meeting.participantIds) byPerson.set(person, [...(byPerson.get(person) ?? []), meeting]);
  }
  for (const [person, meetings] of byPerson) {
    const sorted = [...meetings].sort((a, b) => ms(a.startsAt) - ms(b.startsAt));
    for (let i = 1; i < sorted.length; i++) {
      const overlap = ms(sorted[i].startsAt) < ms(sorted[i - 1].endsAt);
      c.expect(!overlap, 'no-double-booking', 'a person is in two meetings at once', [
        `person ${person}`,
        `meeting ${sorted[i - 1].id}`,
        `meeting ${sorted[i].id}`,
      ]);
    }
  }
  for (const offer of snapshot.offers) {
    const taken = active.filter((m) => m.offerId === offer.id);
    c.expect(
      taken.length <= offer.seats,
      'no-double-booking',
      `an offer of ${offer.seats} seat(s) holds ${taken.length} meetings`,
      [`offer ${offer.id}`, ...taken.map((m) => `meeting ${m.id}`)],
    );
  }
}

function checkRequests(c: Collector, snapshot: Snapshot): void {
  const meetings = new Map(snapshot.meetings.map((m) => [m.id, m]));
  // The meeting that stands for a request now: its meeting, or the last of that meeting's reschedules.
  const successor = new Map<string, MeetingRecord>();
  for (const meeting of snapshot.meetings)
    if (meeting.rescheduledFromId) successor.set(meeting.rescheduledFromId, meeting);
  const current = (id: string) => {
    let meeting = meetings.get(id);
    for (let hops = 0; meeting && successor.has(meeting.id) && hops < 50; hops++) meeting = successor.get(meeting.id);
    return meeting;
  };
  for (const request of snapshot.requests) {
    const meeting = request.meetingId ? current(request.meetingId) : undefined;
    const records = [
      `request ${request.id} ${request.status}${request.awaitingSchedule ? ' (awaiting schedule)' : ''}`,
      ...(meeting ? [`meeting ${meeting.id} ${meeting.status}`] : []),
    ];
    if (request.status === 'ACCEPTED') {
      const agrees = request.awaitingSchedule
        ? request.meetingId === null
        : meeting !== undefined && meeting.status !== 'CANCELLED';
      c.expect(
        agrees,
        'request-agrees-with-meeting',
        request.awaitingSchedule
          ? 'an accepted request awaiting the schedule already has a meeting'
          : 'an accepted request has no meeting that still stands',
        records,
      );
    } else {
      c.expect(
        !request.awaitingSchedule,
        'request-agrees-with-meeting',
        `a ${request.status} request still awaits the schedule`,
        records,
      );
      // A pending request may carry the auto-schedule's proposal (PROPOSED); nothing else may stand.
      const proposal = request.status === 'PENDING' && meeting?.status === 'PROPOSED';
      c.expect(
        meeting === undefined || proposal || !ACTIVE.has(meeting.status),
        'request-agrees-with-meeting',
        `a ${request.status} request has a meeting that still stands`,
        records,
      );
    }
  }
  const requests = new Map(snapshot.requests.map((r) => [r.id, r]));
  for (const meeting of snapshot.meetings) {
    if (!meeting.requestId || !ACTIVE.has(meeting.status)) continue;
    const request = requests.get(meeting.requestId);
    c.expect(
      request?.status === 'ACCEPTED' || (request?.status === 'PENDING' && meeting.status === 'PROPOSED'),
      'request-agrees-with-meeting',
      `a meeting that stands comes from a request that is ${request?.status ?? 'missing'}`,
      [`meeting ${meeting.id} ${meeting.status}`, `request ${meeting.requestId}`],
    );
  }
}

function checkIcs(c: Collector, history: History, mails: MailRecord[], meetings: Map<string, MeetingRecord>): void {
  for (const mail of mails) {
    for (const error of mail.icsErrors)
      c.expect(false, 'ics-parsers-agree', `an .ics could not be parsed: ${error}`, [
        `mail ${mail.index} ${mail.kind}`,
      ]);
    const byFile = new Map<string, MailRecord['ics']>();
    for (const ics of mail.ics) byFile.set(ics.filename, [...(byFile.get(ics.filename) ?? []), ics]);
    for (const [filename, readings] of byFile) {
      const [a, b] = readings;
      const key = (r: MailRecord['ics'][number]) =>
        JSON.stringify([
          r.method,
          r.uid,
          r.sequence,
          r.status,
          ms(r.start),
          ms(r.end),
          r.summary,
          [...r.attendees].sort(),
        ]);
      c.expect(
        readings.length === 2 && key(a) === key(b),
        'ics-parsers-agree',
        'ical.js and node-ical read the .ics differently',
        [`mail ${mail.index} ${filename}`, ...readings.map((r) => `${r.parser}: ${key(r)}`)],
      );
    }
  }
  // Per recipient and calendar event: the first message an invitation (REQUEST), every later one a higher SEQUENCE.
  const previous = new Map<string, { sequence: number; mail: number }>();
  for (const mail of history.mails) {
    if (mail.index > (mails.at(-1)?.index ?? -1)) break;
    const own = mail.ics.filter((i) => i.parser === 'ical.js' && i.filename === 'invite.ics');
    for (const ics of own) {
      for (const recipient of mail.to) {
        const key = `${recipient} ${ics.uid}`;
        const before = previous.get(key);
        if (mails.includes(mail)) {
          if (before) {
            c.expect(
              ics.sequence > before.sequence,
              'calendar-invitation-and-updates',
              `an update to an event repeats SEQUENCE ${ics.sequence} (was ${before.sequence})`,
              [`mail ${before.mail}`, `mail ${mail.index} ${mail.kind}`, `uid ${ics.uid}`, `to ${recipient}`],
            );
          } else {
            c.expect(
              ics.method === 'REQUEST',
              'calendar-invitation-and-updates',
              `the first .ics of an event is ${ics.method}, not an invitation`,
              [`mail ${mail.index} ${mail.kind}`, `uid ${ics.uid}`],
            );
          }
        }
        previous.set(key, { sequence: ics.sequence, mail: mail.index });
      }
    }
  }
  // A rescheduled meeting keeps the calendar event of the one it replaced (same UID).
  const uidOf = new Map<string, string>();
  for (const mail of history.mails) {
    const ics = mail.ics.find((i) => i.parser === 'ical.js' && i.filename === 'invite.ics');
    if (ics && mail.meetingId && !uidOf.has(mail.meetingId)) uidOf.set(mail.meetingId, ics.uid);
  }
  for (const mail of mails) {
    const ics = mail.ics.find((i) => i.parser === 'ical.js' && i.filename === 'invite.ics');
    if (!ics || !mail.meetingId) continue;
    const root = chainRoot(meetings, mail.meetingId);
    const rootUid = uidOf.get(root);
    if (root !== mail.meetingId && rootUid) {
      c.expect(
        rootUid === ics.uid,
        'calendar-invitation-and-updates',
        'a rescheduled meeting starts a new calendar event instead of updating the old one',
        [`meeting ${root} uid ${rootUid}`, `meeting ${mail.meetingId} uid ${ics.uid}`, `mail ${mail.index}`],
      );
    }
  }
}

function isStateOk(kind: string, mail: MailRecord, snapshot: Snapshot): { ok: boolean; state: string } {
  const meeting = mail.meetingId ? snapshot.meetings.find((m) => m.id === mail.meetingId) : undefined;
  const request = mail.requestId ? snapshot.requests.find((r) => r.id === mail.requestId) : undefined;
  const state = [
    meeting ? `meeting ${meeting.id} ${meeting.status}` : '',
    request ? `request ${request.id} ${request.status}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  switch (kind) {
    case 'BOOKED':
    case 'ACCEPTED':
    case 'RESCHEDULED':
      return { ok: meeting === undefined || meeting.status !== 'CANCELLED', state };
    case 'REMINDER_DAY':
      return {
        ok: meeting !== undefined && meeting.status === 'CONFIRMED' && ms(meeting.startsAt) > ms(mail.queuedAt),
        state,
      };
    case 'REMINDER_SOON': {
      // Also once someone joined early (IN_PROGRESS), to those not in the room yet.
      const inRoom = snapshot.attendance.some(
        (a) =>
          a.meetingId === mail.meetingId &&
          a.userId === mail.recipientId &&
          a.firstJoinedAt !== null &&
          ms(a.firstJoinedAt) <= ms(mail.queuedAt),
      );
      const waiting =
        meeting !== undefined && (meeting.status === 'CONFIRMED' || (meeting.status === 'IN_PROGRESS' && !inRoom));
      return { ok: waiting && ms(meeting.startsAt) > ms(mail.queuedAt), state };
    }
    case 'CANCELLED':
      return { ok: meeting === undefined || meeting.status === 'CANCELLED', state };
    case 'REQUESTED':
    case 'NUDGE':
      return { ok: request === undefined || request.status === 'PENDING', state };
    case 'DECLINED':
      return { ok: request === undefined || request.status === 'DECLINED', state };
    default:
      return { ok: true, state };
  }
}

function checkMails(c: Collector, history: History, mails: MailRecord[]): void {
  const people = new Map(history.people.map((p) => [p.id, p]));
  const byAddress = new Map(history.people.map((p) => [p.email.toLowerCase(), p]));
  const sessions = history.sessions;
  for (const mail of mails) {
    const records = [`mail ${mail.index} ${mail.kind} (outbox ${mail.outboxId}, queued ${mail.queuedAt})`];
    const snapshot = snapshotAfter(history, mail.queuedAt);
    if (snapshot) {
      const { ok, state } = isStateOk(mail.kind, mail, snapshot);
      c.expect(
        ok,
        'mail-agrees-with-state',
        `a ${mail.kind} e-mail contradicts the state when it was queued (${state || 'nothing found'})`,
        [...records, `step ${snapshot.step} ${snapshot.label}`],
      );
    }
    const recipient = mail.recipientId ? people.get(mail.recipientId) : byAddress.get(mail.to[0]?.toLowerCase() ?? '');
    if (recipient && !BILINGUAL_KINDS.has(mail.kind)) {
      c.expect(
        mail.language === recipient.language,
        'recipient-language',
        `a ${mail.kind} e-mail in "${mail.language}" to someone who reads ${recipient.language}`,
        [...records, `person ${recipient.id}`],
      );
      for (const ics of mail.ics.filter((i) => i.parser === 'ical.js')) {
        const wrong = sessions.find(
          (s) => s.titleCy !== s.titleEn && ics.summary.includes(recipient.language === 'cy' ? s.titleEn : s.titleCy),
        );
        c.expect(!wrong, 'recipient-language', `the .ics title is in the other language: "${ics.summary}"`, [
          ...records,
          `person ${recipient.id}`,
        ]);
      }
    }
    const own = new Set([
      ...mail.to.map((a) => a.toLowerCase()),
      ...(recipient ? [recipient.email.toLowerCase()] : []),
      ...history.systemAddresses.map((a) => a.toLowerCase()),
    ]);
    const foreign = [...new Set(mail.addresses.map((a) => a.toLowerCase()))].filter(
      (a) => byAddress.has(a) && !own.has(a),
    );
    c.expect(foreign.length === 0, 'no-foreign-address', `an e-mail shows another address: ${foreign.join(', ')}`, [
      ...records,
      ...foreign.map((a) => `address ${a}${byAddress.get(a) ? ` (person ${byAddress.get(a)!.id})` : ''}`),
    ]);
  }
}

function checkReminders(c: Collector, history: History, mails: MailRecord[], final: Snapshot | undefined): void {
  const seen = new Map<string, number[]>();
  for (const mail of history.mails) {
    if (!(mail.kind in REMINDERS) || !mail.meetingId) continue;
    const key = `${mail.kind} ${mail.meetingId} ${mail.recipientId ?? mail.to.join(',')}`;
    seen.set(key, [...(seen.get(key) ?? []), mail.index]);
    if (mails.includes(mail)) {
      const count = seen.get(key)!.length;
      c.expect(count === 1, 'reminder-exactly-once', `${mail.kind} sent ${count} times`, [
        `meeting ${mail.meetingId}`,
        `to ${mail.to.join(',')}`,
        ...seen.get(key)!.map((i) => `mail ${i}`),
      ]);
    }
  }
  if (!final) return;
  // By the end: every participant of every meeting that stood until its start had each reminder
  // whose time came while the meeting stood, unless already in the room by then.
  const firstSeen = new Map<string, string>();
  const everCancelled = new Set<string>();
  for (const snapshot of history.snapshots) {
    for (const meeting of snapshot.meetings) {
      if (!firstSeen.has(meeting.id) && meeting.status === 'CONFIRMED') firstSeen.set(meeting.id, snapshot.at);
      if (meeting.status === 'CANCELLED') everCancelled.add(meeting.id);
    }
  }
  for (const meeting of final.meetings) {
    const confirmedAt = firstSeen.get(meeting.id);
    if (!confirmedAt || everCancelled.has(meeting.id) || ms(meeting.startsAt) > ms(final.at)) continue;
    for (const [kind, before] of Object.entries(REMINDERS)) {
      const due = ms(meeting.startsAt) - before;
      if (ms(confirmedAt) > due) continue;
      for (const person of meeting.participantIds) {
        const joined = final.attendance.find((a) => a.meetingId === meeting.id && a.userId === person)?.firstJoinedAt;
        if (joined && ms(joined) <= due) continue;
        const count = seen.get(`${kind} ${meeting.id} ${person}`)?.length ?? 0;
        c.expect(count >= 1, 'reminder-exactly-once', `${kind} never sent`, [
          `meeting ${meeting.id} starts ${meeting.startsAt}`,
          `person ${person}`,
        ]);
      }
    }
  }
}

const OUTCOME_SOURCES = ['ROOM', 'PARTICIPANTS', 'ORGANISER'];

/** Whether an outcome from `next` may replace one from `previous`. */
function outranks(next: string | null, previous: string | null): boolean {
  return OUTCOME_SOURCES.indexOf(next ?? '') > OUTCOME_SOURCES.indexOf(previous ?? '');
}

function checkOutcomes(c: Collector, history: History, snapshot: Snapshot, final: boolean): void {
  const before = history.snapshots.filter((s) => s.step < snapshot.step).at(-1);
  const earlier = new Map(before?.meetings.map((m) => [m.id, m]) ?? []);
  for (const meeting of snapshot.meetings) {
    if (OUTCOMES.has(meeting.status)) {
      c.expect(
        ms(snapshot.at) >= ms(meeting.startsAt),
        'one-outcome-after-start',
        `${meeting.status} before the meeting started (${meeting.startsAt})`,
        [`meeting ${meeting.id}`, `at ${snapshot.at}`],
      );
      // An outcome stands unless a surer source replaces it: the participants' word over the room's,
      // an organiser's decision over both (docs/meeting-lifecycle.md).
      const was = earlier.get(meeting.id);
      const replaced =
        was !== undefined &&
        OUTCOMES.has(was.status) &&
        (was.status !== meeting.status || was.outcomeSource !== meeting.outcomeSource);
      c.expect(
        !replaced || outranks(meeting.outcomeSource, was.outcomeSource),
        'one-outcome-after-start',
        `a second outcome: ${was?.status} (${was?.outcomeSource}) then ${meeting.status} (${meeting.outcomeSource})`,
        [`meeting ${meeting.id}`],
      );
    }
    if (final && meeting.status !== 'CANCELLED') {
      const over = ms(meeting.endsAt) <= ms(snapshot.at);
      c.expect(
        !over || OUTCOMES.has(meeting.status),
        'one-outcome-after-start',
        `ended at ${meeting.endsAt} with no outcome (${meeting.status})`,
        [`meeting ${meeting.id}`],
      );
    }
  }
}

function checkReadBacks(c: Collector, history: History, step: number): void {
  for (const readBack of history.readBacks.filter((r) => r.step === step)) {
    for (const figure of readBack.figures) {
      c.expect(
        figure.reported === figure.recount,
        'dashboard-recount',
        `${figure.name}: reported ${figure.reported}, recount ${figure.recount}`,
        [`figure ${figure.name}`],
      );
    }
    c.expect(
      readBack.orukErrors.length === 0,
      'oruk-feed-valid',
      `the ORUK feed does not validate: ${readBack.orukErrors.slice(0, 3).join('; ')}`,
      readBack.orukErrors.slice(0, 10),
    );
  }
}

/** A session's slots follow one another from its start to its end (a clock change included). */
function checkSlots(c: Collector, history: History): void {
  for (const session of history.sessions) {
    let expected = ms(session.startsAt);
    let covered = session.slots.length > 0;
    for (const slot of session.slots) {
      covered &&= ms(slot.startsAt) === expected;
      expected = ms(slot.endsAt);
    }
    covered &&= expected === ms(session.endsAt);
    const grid = session.slots.length ? `${session.slots[0].startsAt} to ${session.slots.at(-1)!.endsAt}` : 'none';
    c.expect(
      covered,
      'slots-cover-session',
      `${session.slots.length} slots (${grid}) do not run from ${session.startsAt} to ${session.endsAt}`,
      [`session ${session.id} ${session.titleEn}`],
    );
  }
}

/** The invariants at one step of a history; `final` adds what must have happened by the end. */
export function checkStep(history: History, step: number, final = false): StepResult {
  const c = new Collector(step);
  const snapshot = snapshotAt(history, step);
  const mails = history.mails.filter((m) => m.step === step);
  if (snapshot) {
    checkDoubleBooking(c, snapshot);
    checkRequests(c, snapshot);
    checkOutcomes(c, history, snapshot, final);
  }
  checkIcs(c, history, mails, allMeetings(history, step));
  checkMails(c, history, mails);
  checkReminders(c, history, mails, final ? snapshot : undefined);
  checkReadBacks(c, history, step);
  checkSlots(c, history);
  return { violations: c.violations, checks: c.checks, checksBy: c.checksBy };
}

/** Runs checkStep step after step, reporting each fault once (the first step it shows). */
export class InvariantChecker {
  readonly violations: Violation[] = [];
  checks = 0;
  private readonly reported = new Set<string>();

  constructor(private readonly history: History) {}

  /** The new violations of this step. */
  check(step: number, final = false): Violation[] {
    const result = checkStep(this.history, step, final);
    this.checks += result.checks;
    if (process.env.REHEARSAL_DEBUG) console.log(`    checks at step ${step}: ${JSON.stringify(result.checksBy)}`);
    const fresh = result.violations.filter((v) => {
      const key = `${v.invariant} ${v.message.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '')} ${v.records.filter((r) => !r.startsWith('at ')).join('|')}`;
      if (this.reported.has(key)) return false;
      this.reported.add(key);
      return true;
    });
    this.violations.push(...fresh);
    return fresh;
  }
}
