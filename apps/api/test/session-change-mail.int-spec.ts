import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Language, Role } from '../src/core/auth/role';
import { SessionChangeListeners } from '../src/modules/events/session-change-listener';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import { REGISTER } from './support/booking-fixtures';
import { Booked, bookOne } from './support/notification-fixtures';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #8, "when a session they registered for changes": everyone registered (hosts and guests,
 * in meetings or not) gets one essential e-mail in their language when the session moves or ends
 * at another time (old and new times, UK time) or is cancelled (the organiser's reason), linking to the session page.
 */

const MOVE = `mutation($id: ID!, $startsAt: DateTime!) { moveSession(id: $id, startsAt: $startsAt) { id startsAt } }`;
const UPDATE_SESSION = `mutation($id: ID!, $input: UpdateSessionInput!) { updateSession(id: $id, input: $input) { id endsAt } }`;
const CANCEL_SESSION = `mutation($id: ID!, $reason: String!) { cancelSession(id: $id, reason: $reason) { id status } }`;

describe('e-mails when a registered session changes', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: OutboxWorker;
  let booked: Booked;
  /** Registered as a guest, in no meeting; reads Welsh. */
  let onlooker: TestUser;

  /** Everything queued since the last call, delivered: [recipient, subject], sorted. */
  async function delivered(): Promise<[string, string][]> {
    sink.mails.length = 0;
    await worker.runOnce();
    return sink.mails.map((m) => [m.to[0]!, m.parsed.subject!] as [string, string]).sort();
  }

  const mailTo = (user: TestUser, subjectStart: string) =>
    sink.mails.find((m) => m.to.includes(user.user.email) && m.parsed.subject!.startsWith(subjectStart))!;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      now: new Date('2027-03-20T12:00:00Z'),
      config: { smtpUrl: sink.url, publicUrl: 'https://cyswllt.example' },
    });
    worker = t.app.get(OutboxWorker);
    // Friday 26 March 2027, 10:00–11:00 London (GMT), before the clocks go forward on the 28th.
    booked = await bookOne(t, '2027-03-26T10:00:00.000Z', '2027-03-26T11:00:00.000Z');
    onlooker = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.cy, displayName: 'Gwyliwr' });
    await onlooker.client.data(REGISTER, { input: { sessionId: booked.sessionId, role: 'GUEST' } });
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  beforeEach(async () => {
    await worker.runOnce();
    sink.mails.length = 0;
  });

  it('a move nobody may make, or one rolled back after the e-mails were planned, queues nothing', async () => {
    const before = await t.countRows('outbox');
    // Not an organiser, or another organiser's session: a typed error, and no e-mail.
    const moveTo = { id: booked.sessionId, startsAt: '2027-04-02T09:00:00.000Z' };
    expect(await booked.host.client.errorCode(MOVE, moveTo)).toBe('FORBIDDEN');
    const otherOrganiser = await t.createUser({ roles: [Role.ORGANISER] });
    expect(await otherOrganiser.client.errorCode(MOVE, moveTo)).toBe('NOT_SESSION_ORGANISER');
    // The e-mails are written in the move's transaction: when it fails afterwards, they go with it.
    const failure = t.db.write(async (em) => {
      await t.app.get(SessionChangeListeners).sessionMoved(booked.sessionId, t.clock.now(), em, {
        startsAt: new Date('2027-03-19T10:00:00Z'),
        endsAt: new Date('2027-03-19T11:00:00Z'),
      });
      expect((await t.db.sql(`SELECT id FROM outbox WHERE kind = 'SESSION_MOVED'`, [], em)).rows).toHaveLength(3);
      throw new Error('the move failed after its listeners ran');
    });
    await expect(failure).rejects.toThrow('the move failed');
    expect(await t.countRows('outbox')).toBe(before);
    expect(await delivered()).toEqual([]);
  });

  it('a move e-mails every registrant once, in their language, with the old and new UK times', async () => {
    const { organiser, host, guest, sessionId } = booked;
    // A week later, across the clock change: 09:00 UTC is 10:00 London (BST) again.
    await organiser.client.data(MOVE, { id: sessionId, startsAt: '2027-04-02T09:00:00.000Z' });
    const mails = await delivered();
    const moved = mails.filter(
      ([, subject]) => subject.startsWith('Session moved') || subject.startsWith('Sesiwn wedi symud'),
    );
    expect(moved.map(([to]) => to).sort()).toEqual([host.user.email, guest.user.email, onlooker.user.email].sort());
    // Those in the meeting also hear about the meeting itself.
    expect(
      mails
        .filter(([, subject]) => subject.startsWith('Moved:') || subject.startsWith('Wedi’i symud:'))
        .map(([to]) => to)
        .sort(),
    ).toEqual([host.user.email, guest.user.email].sort());
    expect(mails.some(([to]) => to === organiser.user.email)).toBe(false);

    const toGuest = mailTo(guest, 'Session moved');
    expect(toGuest.parsed.subject).toBe('Session moved: Art and dementia, now Friday 2 April 2027, 10:00–11:00');
    expect(toGuest.parsed.headers.get('content-language')).toBe('en');
    expect(toGuest.parsed.text).toContain('Dear English Guest,');
    expect(toGuest.parsed.text).toContain(
      'has moved from Friday 26 March 2027, 10:00–11:00 to Friday 2 April 2027, 10:00–11:00 (UK time).',
    );
    expect(toGuest.parsed.text).toContain('Session: Art and dementia');
    expect(toGuest.parsed.text).toContain(`See the session: https://cyswllt.example/en/sessions/${sessionId}`);
    // Essential: no unsubscribe link; no calendar attachment (the meetings' own e-mails carry those).
    expect(toGuest.parsed.headerLines.some((line) => line.key === 'list-unsubscribe')).toBe(false);
    expect(toGuest.parsed.attachments).toHaveLength(0);

    const toOnlooker = mailTo(onlooker, 'Sesiwn wedi symud');
    expect(toOnlooker.parsed.subject).toMatch(
      /^Sesiwn wedi symud: Celf a dementia, bellach .*2 Ebrill 2027, 10:00–11:00$/,
    );
    expect(toOnlooker.parsed.headers.get('content-language')).toBe('cy');
    expect(toOnlooker.parsed.text).toContain('Annwyl Gwyliwr,');
    expect(toOnlooker.parsed.text).toContain(
      'wedi symud o ddydd Gwener 26 Mawrth 2027, 10:00–11:00 i ddydd Gwener 2 Ebrill 2027, 10:00–11:00 (amser y DU)',
    );
    expect(toOnlooker.parsed.text).toContain(`Gweler y sesiwn: https://cyswllt.example/cy/sessions/${sessionId}`);

    // The same change heard again (a repeated event, a retried transaction) sends nothing more.
    const before = await t.countRows('outbox');
    await t.db.write((em) =>
      t.app.get(SessionChangeListeners).sessionMoved(sessionId, t.clock.now(), em, {
        startsAt: new Date('2027-03-26T10:00:00Z'),
        endsAt: new Date('2027-03-26T11:00:00Z'),
      }),
    );
    expect(await t.countRows('outbox')).toBe(before);
    expect(await delivered()).toEqual([]);
  });

  it('a second move is a new revision: everyone hears again', async () => {
    const { organiser, sessionId } = booked;
    await organiser.client.data(MOVE, { id: sessionId, startsAt: '2027-04-09T09:00:00.000Z' });
    const moved = (await delivered()).filter(
      ([, subject]) => subject.startsWith('Session moved') || subject.startsWith('Sesiwn wedi symud'),
    );
    expect(moved).toHaveLength(3);
    expect(mailTo(booked.guest, 'Session moved').parsed.text).toContain(
      'from Friday 2 April 2027, 10:00–11:00 to Friday 9 April 2027, 10:00–11:00',
    );
  });

  it('a published session’s new end e-mails every registrant its times before and now; breaks alone do not', async () => {
    const { organiser, guest, sessionId } = booked;
    // 10:00–11:00 London (BST) becomes 10:00–11:30: one more 30-minute slot at the end.
    await organiser.client.data(UPDATE_SESSION, { id: sessionId, input: { endsAt: '2027-04-09T10:30:00.000Z' } });
    const changed = (await delivered()).filter(
      ([, subject]) => subject.startsWith('Session times changed') || subject.startsWith('Amserau sesiwn wedi newid'),
    );
    expect(changed.map(([to]) => to).sort()).toEqual(
      [booked.host.user.email, guest.user.email, onlooker.user.email].sort(),
    );
    const toGuest = mailTo(guest, 'Session times changed');
    expect(toGuest.parsed.subject).toBe(
      'Session times changed: Art and dementia, now Friday 9 April 2027, 10:00–11:30',
    );
    expect(toGuest.parsed.text).toContain(
      'now runs Friday 9 April 2027, 10:00–11:30 (UK time), instead of Friday 9 April 2027, 10:00–11:00.',
    );
    expect(toGuest.parsed.text).toContain(`See the session: https://cyswllt.example/en/sessions/${sessionId}`);
    expect(mailTo(onlooker, 'Amserau sesiwn wedi newid').parsed.text).toMatch(
      /bellach ar ddydd Gwener 9 Ebrill 2027, 10:00–11:30 \(amser y DU\), yn lle .*9 Ebrill 2027, 10:00–11:00\./,
    );

    // A break in the new slot, with the end as it is: nobody's times changed, no e-mail.
    await organiser.client.data(UPDATE_SESSION, {
      id: sessionId,
      input: { endsAt: '2027-04-09T10:30:00.000Z', breakSlotIndexes: [2] },
    });
    expect(await delivered()).toEqual([]);
  });

  it('a cancellation e-mails every registrant the organiser’s reason, once', async () => {
    const { organiser, host, guest, sessionId } = booked;
    await organiser.client.data(CANCEL_SESSION, { id: sessionId, reason: 'The venue has flooded' });
    const mails = await delivered();
    const cancelled = mails.filter(
      ([, subject]) => subject.startsWith('Session cancelled') || subject.startsWith('Sesiwn wedi’i chanslo'),
    );
    expect(cancelled.map(([to]) => to).sort()).toEqual([host.user.email, guest.user.email, onlooker.user.email].sort());
    const toGuest = mailTo(guest, 'Session cancelled');
    expect(toGuest.parsed.subject).toBe('Session cancelled: Art and dementia, Friday 9 April 2027, 10:00–11:30');
    expect(toGuest.parsed.text).toContain('has been cancelled by its organiser.');
    expect(toGuest.parsed.text).toContain('The organiser’s reason: The venue has flooded');
    expect(toGuest.parsed.text).toContain(`See the session: https://cyswllt.example/en/sessions/${sessionId}`);
    const toHost = mailTo(host, 'Sesiwn wedi’i chanslo');
    expect(toHost.parsed.text).toContain('Rheswm y trefnydd: The venue has flooded');

    // Heard again: nothing more.
    await t.db.write((em) => t.app.get(SessionChangeListeners).sessionCancelled(sessionId, t.clock.now(), em));
    expect(await delivered()).toEqual([]);
  });
});
