import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import { Booked, bookOne, calendarOf } from './support/notification-fixtures';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #19, point 5: Welsh text that inserts a term reads right end to end — real taxonomy terms in
 * the reasons the API gives, times in the e-mails and in the attached .ics — with the mutation the
 * sentence calls for (docs/welsh-grammar.md). The forms themselves are checked term by term in
 * profiles/term-forms.spec.ts.
 */

const PROFILE = `mutation($input: ProfileInput!) { updateMyProfile(input: $input) { updatedAt } }`;
const RECOMMEND = `query($sessionId: ID!) { recommendations(sessionId: $sessionId) { person { id } reasons { code textCy textEn } } }`;
const MOVE = `mutation($id: ID!, $startsAt: DateTime!) { moveSession(id: $id, startsAt: $startsAt) { id } }`;

describe('Welsh that inserts terms', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: OutboxWorker;
  let booked: Booked;

  const welshMail = (user: TestUser, subjectStart: string) =>
    sink.mails.find((m) => m.to.includes(user.user.email) && m.parsed.subject!.startsWith(subjectStart))!;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ now: new Date('2027-03-20T12:00:00Z'), config: { smtpUrl: sink.url } });
    worker = t.app.get(OutboxWorker);
    // Monday 29 March 2027, 10:00 London (BST); the host reads Welsh.
    booked = await bookOne(t, '2027-03-29T09:00:00.000Z', '2027-03-29T10:00:00.000Z');
    await worker.runOnce();
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('reasons: aspirate after "gyda" and the list’s "a", nasal after "yn" ("ym Mwrdd …")', async () => {
    const north = { conditions: ['parkinsons', 'cancer'], regions: ['betsi-cadwaladr'] };
    await booked.host.client.data(PROFILE, { input: north });
    await booked.guest.client.data(PROFILE, { input: north });
    const { recommendations } = await booked.guest.client.data(RECOMMEND, { sessionId: booked.sessionId });
    const host = recommendations.find((r: { person: { id: string } }) => r.person.id === booked.host.user.id);
    const text = (code: string) => host.reasons.find((r: { code: string }) => r.code === code);
    expect(text('SHARED_CONDITIONS').textCy).toBe('yn gweithio gyda chanser a chlefyd Parkinson fel chi');
    expect(text('SHARED_CONDITIONS').textEn).toBe("works with Cancer and Parkinson's like you");
    expect(text('COMMISSIONS_IN_REGION').textCy).toBe('yn comisiynu ym Mwrdd Iechyd Prifysgol Betsi Cadwaladr');
  });

  it('the booking e-mail and its .ics: the time in lower case, soft as an adverb ("Cyfarfod ddydd Llun")', () => {
    const mail = welshMail(booked.host, 'Wedi’i archebu');
    expect(mail.parsed.subject).toBe('Wedi’i archebu: Celf a dementia, dydd Llun 29 Mawrth 2027, 10:00–10:30');
    expect(mail.parsed.text).toContain('Pryd: dydd Llun 29 Mawrth 2027, 10:00–10:30 (amser y DU)');
    expect(calendarOf(mail).event.description).toBe(
      'Cyfarfod ddydd Llun 29 Mawrth 2027, 10:00–10:30 (amser y DU) yn y sesiwn “Celf a dementia”. Ymunwch o’ch agenda: http://localhost:3000/cy/agenda',
    );
  });

  it('the move e-mail: soft after "o" and "i" ("o ddydd Llun … i ddydd Gwener"), and its .ics', async () => {
    sink.mails.length = 0;
    await booked.organiser.client.data(MOVE, { id: booked.sessionId, startsAt: '2027-04-02T09:00:00.000Z' });
    await worker.runOnce();
    const moved = welshMail(booked.host, 'Sesiwn wedi symud');
    expect(moved.parsed.subject).toBe(
      'Sesiwn wedi symud: Celf a dementia, bellach ddydd Gwener 2 Ebrill 2027, 10:00–11:00',
    );
    expect(moved.parsed.text).toContain(
      'wedi symud o ddydd Llun 29 Mawrth 2027, 10:00–11:00 i ddydd Gwener 2 Ebrill 2027, 10:00–11:00 (amser y DU).',
    );
    const meeting = welshMail(booked.host, 'Wedi’i symud');
    expect(meeting.parsed.text).toContain(
      'Mae eich cyfarfod wedi symud o ddydd Llun 29 Mawrth 2027, 10:00–10:30 i amser newydd.',
    );
    expect(calendarOf(meeting).event.description).toMatch(
      /^Cyfarfod ddydd Gwener 2 Ebrill 2027, 10:00–10:30 \(amser y DU\)/,
    );
  });
});
