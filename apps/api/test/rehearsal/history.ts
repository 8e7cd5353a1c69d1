/**
 * What the event rehearsal records, step by step: the API's state (snapshots of the rows that
 * matter), every e-mail the real SMTP listener received with its .ics as two parsers read it, the
 * dashboard figures beside a recount from raw rows, and the ORUK feed's validation errors. The
 * invariant checker (invariants.ts) reads only this: it is plain data, so a test can plant a fault.
 */
export type Lang = 'cy' | 'en';

export interface PersonRecord {
  id: string;
  email: string;
  language: Lang;
}

export interface SessionRecord {
  id: string;
  titleCy: string;
  titleEn: string;
  startsAt: string;
  endsAt: string;
  /** Its slot grid as the API returned it on creation. */
  slots: { startsAt: string; endsAt: string }[];
}

export interface MeetingRecord {
  id: string;
  sessionId: string;
  slotId: string;
  offerId: string | null;
  hostId: string;
  status: string;
  startsAt: string;
  endsAt: string;
  requestId: string | null;
  rescheduledFromId: string | null;
  sequence: number;
  participantIds: string[];
  /** How the outcome was decided (ROOM, PARTICIPANTS, ORGANISER); null while there is none. */
  outcomeSource: string | null;
}

export interface RequestRecord {
  id: string;
  status: string;
  awaitingSchedule: boolean;
  meetingId: string | null;
}

export interface OfferRecord {
  id: string;
  seats: number;
}

export interface AttendanceRecord {
  meetingId: string;
  userId: string;
  firstJoinedAt: string | null;
}

/** The state after one step; `at` is the API's "now" when it was taken. */
export interface Snapshot {
  step: number;
  label: string;
  at: string;
  meetings: MeetingRecord[];
  requests: RequestRecord[];
  offers: OfferRecord[];
  attendance: AttendanceRecord[];
}

/** One .ics attachment as one parser read it. */
export interface IcsRecord {
  parser: 'ical.js' | 'node-ical';
  filename: string;
  method: string;
  uid: string;
  sequence: number;
  status: string;
  start: string;
  end: string;
  summary: string;
  attendees: string[];
  organizer: string | null;
}

export interface MailRecord {
  /** Order of arrival at the SMTP listener. */
  index: number;
  /** The step after which it was delivered. */
  step: number;
  /** The outbox row (when the mail was queued, what for, to whom). */
  outboxId: string;
  kind: string;
  queuedAt: string;
  meetingId: string | null;
  requestId: string | null;
  recipientId: string | null;
  /** RCPT TO. */
  to: string[];
  /** Content-Language. */
  language: string;
  subject: string;
  /** Every e-mail address in the headers (To, Cc, Reply-To), text, HTML and .ics. */
  addresses: string[];
  ics: IcsRecord[];
  /** An .ics attachment a parser could not read: the parser and its error. */
  icsErrors: string[];
}

export interface FigureCheck {
  name: string;
  reported: number;
  recount: number;
}

export interface ReadBack {
  step: number;
  figures: FigureCheck[];
  orukErrors: string[];
}

export interface History {
  people: PersonRecord[];
  sessions: SessionRecord[];
  snapshots: Snapshot[];
  mails: MailRecord[];
  readBacks: ReadBack[];
  /** Addresses the platform itself sends from (not a person's). */
  systemAddresses: string[];
}

export interface Violation {
  step: number;
  invariant: string;
  message: string;
  records: string[];
}
