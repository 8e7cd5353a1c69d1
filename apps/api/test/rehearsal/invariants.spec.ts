import { describe, expect, it } from 'vitest';
import type { History, IcsRecord, MailRecord, MeetingRecord, Snapshot } from './history';
import { checkStep, InvariantChecker, INVARIANTS, type InvariantName } from './invariants';

/**
 * The checker is tested on a small recorded event with no fault, then with one fault planted per
 * invariant: it must report exactly that invariant.
 */
const START = '2027-10-31T10:00:00.000Z';
const END = '2027-10-31T10:30:00.000Z';

function meeting(over: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    id: 'm1',
    sessionId: 's1',
    slotId: 'slot1',
    offerId: 'o1',
    hostId: 'host',
    status: 'CONFIRMED',
    startsAt: START,
    endsAt: END,
    requestId: null,
    rescheduledFromId: null,
    sequence: 0,
    participantIds: ['host', 'guest'],
    outcomeSource: over.status === 'COMPLETED' || over.status === 'NO_SHOW' ? 'ROOM' : null,
    ...over,
  };
}

function snapshot(step: number, at: string, over: Partial<Snapshot> = {}): Snapshot {
  return {
    step,
    label: `step ${step}`,
    at,
    meetings: [meeting()],
    requests: [],
    offers: [{ id: 'o1', seats: 1 }],
    attendance: [],
    ...over,
  };
}

function ics(over: Partial<IcsRecord> = {}): IcsRecord[] {
  const base: IcsRecord = {
    parser: 'ical.js',
    filename: 'invite.ics',
    method: 'REQUEST',
    uid: 'meeting-m1@cyswllt',
    sequence: 0,
    status: 'CONFIRMED',
    start: START,
    end: END,
    summary: 'Dance and health',
    attendees: ['host@example.test', 'guest@example.test'].slice(1),
    organizer: null,
    ...over,
  };
  return [base, { ...base, parser: 'node-ical' }];
}

let index = 0;
function mail(over: Partial<MailRecord> & { kind: string }): MailRecord {
  return {
    index: index++,
    step: 1,
    outboxId: `out${index}`,
    queuedAt: '2027-10-20T09:00:00.000Z',
    meetingId: 'm1',
    requestId: null,
    recipientId: 'guest',
    to: ['guest@example.test'],
    language: 'en',
    subject: 'Booked',
    addresses: ['guest@example.test', 'no-reply@cyswllt.invalid'],
    ics: [],
    icsErrors: [],
    ...over,
  };
}

/** Booked on the 20th; reminders the day before and 10 minutes before; held, COMPLETED after. */
function cleanHistory(): History {
  index = 0;
  const guestMail = (over: Partial<MailRecord> & { kind: string }) => mail(over);
  const hostMail = (over: Partial<MailRecord> & { kind: string }) =>
    mail({ recipientId: 'host', to: ['host@example.test'], language: 'cy', addresses: ['host@example.test'], ...over });
  return {
    people: [
      { id: 'host', email: 'host@example.test', language: 'cy' },
      { id: 'guest', email: 'guest@example.test', language: 'en' },
    ],
    sessions: [
      {
        id: 's1',
        titleCy: 'Dawns ac iechyd',
        titleEn: 'Dance and health',
        startsAt: START,
        endsAt: '2027-10-31T11:00:00.000Z',
        slots: [
          { startsAt: START, endsAt: END },
          { startsAt: END, endsAt: '2027-10-31T11:00:00.000Z' },
        ],
      },
    ],
    snapshots: [
      snapshot(1, '2027-10-20T09:00:00.000Z'),
      snapshot(2, '2027-10-30T10:00:00.000Z'),
      snapshot(3, '2027-10-31T09:50:00.000Z'),
      snapshot(4, '2027-10-31T11:00:00.000Z', {
        meetings: [meeting({ status: 'COMPLETED' })],
        attendance: [{ meetingId: 'm1', userId: 'guest', firstJoinedAt: START }],
      }),
    ],
    mails: [
      guestMail({ kind: 'BOOKED', ics: ics({ attendees: ['guest@example.test'] }) }),
      hostMail({ kind: 'BOOKED', ics: ics({ summary: 'Dawns ac iechyd', attendees: ['host@example.test'] }) }),
      guestMail({ kind: 'REMINDER_DAY', step: 2, queuedAt: '2027-10-30T10:00:00.000Z' }),
      hostMail({ kind: 'REMINDER_DAY', step: 2, queuedAt: '2027-10-30T10:00:00.000Z' }),
      guestMail({ kind: 'REMINDER_SOON', step: 3, queuedAt: '2027-10-31T09:50:00.000Z' }),
      hostMail({ kind: 'REMINDER_SOON', step: 3, queuedAt: '2027-10-31T09:50:00.000Z' }),
    ],
    readBacks: [{ step: 4, figures: [{ name: 'meetings held', reported: 1, recount: 1 }], orukErrors: [] }],
    systemAddresses: ['no-reply@cyswllt.invalid'],
  };
}

function run(history: History): InvariantChecker {
  const checker = new InvariantChecker(history);
  const steps = history.snapshots.map((s) => s.step);
  for (const step of steps) checker.check(step, step === steps.at(-1));
  return checker;
}

function invariantsReported(history: History): InvariantName[] {
  return [...new Set(run(history).violations.map((v) => v.invariant as InvariantName))];
}

const plants: Record<InvariantName, (h: History) => void> = {
  'no-double-booking': (h) => {
    h.snapshots[1].meetings.push(
      meeting({
        id: 'm2',
        offerId: 'o2',
        participantIds: ['guest', 'other'],
        startsAt: '2027-10-31T10:15:00.000Z',
        endsAt: '2027-10-31T10:45:00.000Z',
      }),
    );
  },
  'request-agrees-with-meeting': (h) => {
    h.snapshots[1].requests.push({ id: 'r1', status: 'ACCEPTED', awaitingSchedule: false, meetingId: 'm9' });
  },
  'calendar-invitation-and-updates': (h) => {
    h.mails.push(
      mail({
        kind: 'RESCHEDULED',
        step: 2,
        queuedAt: '2027-10-30T10:00:00.000Z',
        ics: ics({ attendees: ['guest@example.test'], sequence: 0 }),
      }),
    );
  },
  'ics-parsers-agree': (h) => {
    h.mails[0].ics[1] = { ...h.mails[0].ics[1], start: '2027-10-31T11:00:00.000Z' };
  },
  'mail-agrees-with-state': (h) => {
    h.snapshots[1].meetings = [meeting({ status: 'CANCELLED' })];
    h.snapshots.splice(2, 2);
    h.mails = h.mails.slice(0, 4);
  },
  'reminder-exactly-once': (h) => {
    h.mails.splice(4, 1);
  },
  'recipient-language': (h) => {
    h.mails[1].language = 'en';
  },
  'no-foreign-address': (h) => {
    h.mails[0].addresses.push('host@example.test');
  },
  'one-outcome-after-start': (h) => {
    h.snapshots[2].meetings.push(
      meeting({
        id: 'm3',
        offerId: 'o3',
        status: 'NO_SHOW',
        participantIds: ['x', 'y'],
        startsAt: '2027-11-02T10:00:00.000Z',
        endsAt: '2027-11-02T10:30:00.000Z',
      }),
    );
  },
  'dashboard-recount': (h) => {
    h.readBacks[0].figures.push({ name: 'feedback given', reported: 3, recount: 2 });
  },
  'oruk-feed-valid': (h) => {
    h.readBacks[0].orukErrors.push('/services/0/name must be string');
  },
  'slots-cover-session': (h) => {
    h.sessions[0].slots.shift();
  },
};

describe('rehearsal invariant checker', () => {
  it('finds nothing in a clean event, and counts its checks', () => {
    const checker = run(cleanHistory());
    expect(checker.violations).toEqual([]);
    expect(checker.checks).toBeGreaterThan(20);
  });

  it.each(INVARIANTS)('reports a planted %s violation, and only that invariant', (invariant) => {
    const history = cleanHistory();
    plants[invariant](history);
    expect(invariantsReported(history)).toEqual([invariant]);
  });

  it('reports a violation with its step and records', () => {
    const history = cleanHistory();
    plants['no-double-booking'](history);
    const [violation] = run(history).violations;
    expect(violation).toMatchObject({ step: 2, invariant: 'no-double-booking' });
    expect(violation.records).toEqual(['person guest', 'meeting m1', 'meeting m2']);
  });

  it('reports a fault that persists once, at the first step it shows', () => {
    const history = cleanHistory();
    for (const s of history.snapshots.slice(1, 3))
      s.requests.push({ id: 'r1', status: 'DECLINED', awaitingSchedule: true, meetingId: null });
    expect(run(history).violations.map((v) => v.step)).toEqual([2]);
  });

  it('lets a surer source replace an outcome (participants over the room, an organiser over both), never the other way', () => {
    const corrected = cleanHistory();
    corrected.snapshots[3].meetings = [meeting({ status: 'NO_SHOW', outcomeSource: 'ROOM' })];
    corrected.snapshots.push(
      snapshot(5, '2027-10-31T12:00:00.000Z', {
        meetings: [meeting({ status: 'COMPLETED', outcomeSource: 'PARTICIPANTS' })],
        attendance: corrected.snapshots[3].attendance,
      }),
    );
    corrected.readBacks[0].step = 5;
    expect(run(corrected).violations).toEqual([]);

    const overruled = cleanHistory();
    overruled.snapshots[3].meetings = [meeting({ status: 'COMPLETED', outcomeSource: 'ORGANISER' })];
    overruled.snapshots.push(
      snapshot(5, '2027-10-31T12:00:00.000Z', {
        meetings: [meeting({ status: 'NO_SHOW', outcomeSource: 'PARTICIPANTS' })],
        attendance: overruled.snapshots[3].attendance,
      }),
    );
    expect(invariantsReported(overruled)).toEqual(['one-outcome-after-start']);
  });

  it('accepts the 10-minute reminder of a meeting someone joined early, to those not in the room only', () => {
    const early = cleanHistory();
    early.snapshots[2] = snapshot(3, '2027-10-31T09:50:00.000Z', {
      meetings: [meeting({ status: 'IN_PROGRESS' })],
      attendance: [{ meetingId: 'm1', userId: 'host', firstJoinedAt: '2027-10-31T09:49:00.000Z' }],
    });
    early.snapshots[3].attendance = [
      ...early.snapshots[2].attendance,
      { meetingId: 'm1', userId: 'guest', firstJoinedAt: START },
    ];
    early.mails = early.mails.filter((m) => !(m.kind === 'REMINDER_SOON' && m.recipientId === 'host'));
    expect(invariantsReported(early)).toEqual([]);
    early.mails.push(
      mail({
        kind: 'REMINDER_SOON',
        step: 3,
        queuedAt: '2027-10-31T09:50:00.000Z',
        recipientId: 'host',
        to: ['host@example.test'],
        language: 'cy',
        addresses: ['host@example.test'],
      }),
    );
    expect(invariantsReported(early)).toContain('mail-agrees-with-state');
  });

  it('finds a rescheduled meeting that starts a new calendar event', () => {
    const history = cleanHistory();
    history.snapshots[1].meetings = [
      meeting({ status: 'CANCELLED' }),
      meeting({ id: 'm2', rescheduledFromId: 'm1', sequence: 1 }),
    ];
    history.snapshots[2].meetings = history.snapshots[1].meetings;
    history.snapshots[3].meetings = [
      meeting({ status: 'CANCELLED' }),
      meeting({ id: 'm2', rescheduledFromId: 'm1', status: 'COMPLETED' }),
    ];
    history.mails = history.mails.slice(0, 2);
    history.mails.push(
      mail({
        kind: 'RESCHEDULED',
        meetingId: 'm2',
        step: 2,
        queuedAt: '2027-10-30T10:00:00.000Z',
        ics: ics({ uid: 'meeting-m2@cyswllt', attendees: ['guest@example.test'] }),
      }),
    );
    const found = checkStep(history, 2).violations.filter((v) => v.invariant === 'calendar-invitation-and-updates');
    expect(found.map((v) => v.message)).toEqual([
      'a rescheduled meeting starts a new calendar event instead of updating the old one',
    ]);
  });
});
