import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActionDueNotifier } from '../src/modules/notifications/action-due-notifier';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import { Booked, bookOne } from './support/notification-fixtures';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue #8, "when a follow-up action falls due": on the morning (Europe/London) of its due date an
 * open action's owner gets one e-mail, in their language, through the outbox.
 */

const RECORD = `mutation($input: RecordFollowUpActionInput!) { recordFollowUpAction(input: $input) { id } }`;
const CHANGE = `mutation($input: ChangeFollowUpStatusInput!) { changeFollowUpStatus(input: $input) { id status } }`;
const REASSIGN = `mutation($input: ReassignFollowUpActionInput!) { reassignFollowUpAction(input: $input) { id } }`;
const PREFERENCES = `mutation($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { kind enabled } }`;

describe('follow-up due-date e-mails', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: OutboxWorker;
  let notifier: ActionDueNotifier;
  let booked: Booked;
  const ids: Record<string, string> = {};

  /** Everything the notifier queued since the last call, delivered: [recipient, subject]. */
  async function delivered(): Promise<[string, string][]> {
    sink.mails.length = 0;
    await worker.runOnce();
    return sink.mails.map((m) => [m.to[0]!, m.parsed.subject!] as [string, string]).sort();
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      now: new Date('2027-03-20T12:00:00Z'),
      config: { smtpUrl: sink.url, publicUrl: 'https://cyswllt.example' },
    });
    worker = t.app.get(OutboxWorker);
    notifier = t.app.get(ActionDueNotifier);
    // 10:00 London (summer time) on 29 March; the host reads Welsh, the guest English.
    booked = await bookOne(t, '2027-03-29T09:00:00.000Z', '2027-03-29T10:00:00.000Z');
    t.clock.set(new Date('2027-03-29T09:10:00Z'));
    const { host, guest, meetingId } = booked;
    const record = async (name: string, ownerId: string, dueOn: string, description: string) => {
      ids[name] = (
        await guest.client.data(RECORD, { input: { meetingId, kind: 'PILOT', description, ownerId, dueOn } })
      ).recordFollowUpAction.id;
    };
    await record('open', host.user.id, '2027-04-01', 'Draft the pilot outline');
    await record('started', guest.user.id, '2027-04-01', 'Send the evaluation framework');
    await record('done', guest.user.id, '2027-04-01', 'Share the referral form');
    await record('dropped', guest.user.id, '2027-04-01', 'Ask the ward manager');
    await record('handedOver', guest.user.id, '2027-04-01', 'Introduce the GP cluster lead');
    await record('later', guest.user.id, '2027-04-02', 'Book a follow-up call');
    await guest.client.data(CHANGE, { input: { actionId: ids.started, status: 'IN_PROGRESS' } });
    await guest.client.data(CHANGE, { input: { actionId: ids.done, status: 'DONE' } });
    await guest.client.data(CHANGE, { input: { actionId: ids.dropped, status: 'DROPPED' } });
    await guest.client.data(REASSIGN, { input: { actionId: ids.handedOver, ownerId: host.user.id } });
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  beforeEach(async () => {
    await worker.runOnce();
    sink.mails.length = 0;
  });

  it('nothing before the due date, nor before 08:00 London on it', async () => {
    t.clock.set(new Date('2027-03-31T20:00:00Z'));
    expect(await notifier.runOnce()).toBe(0);
    // 07:59 BST on 1 April.
    t.clock.set(new Date('2027-04-01T06:59:00Z'));
    expect(await notifier.runOnce()).toBe(0);
    expect((await t.db.sql(`SELECT id FROM outbox WHERE kind = 'ACTION_DUE'`)).rows).toEqual([]);
  });

  it('on the morning it falls due, each open action’s current owner gets one e-mail in their language, once', async () => {
    const { host, guest } = booked;
    t.clock.set(new Date('2027-04-01T07:00:00Z'));
    // Open and in progress: yes; done and dropped: no; the handed-over one goes to its new owner.
    expect(await notifier.runOnce()).toBe(3);
    expect(await notifier.runOnce()).toBe(0);
    expect(await delivered()).toEqual(
      [
        [host.user.email, 'Cam dilynol i’w gwblhau heddiw: Celf a dementia'],
        [host.user.email, 'Cam dilynol i’w gwblhau heddiw: Celf a dementia'],
        [guest.user.email, 'Follow-up due today: Art and dementia'],
      ].sort(),
    );
    const toGuest = sink.mails.find((m) => m.to.includes(guest.user.email))!;
    expect(toGuest.parsed.headers.get('content-language')).toBe('en');
    expect(toGuest.parsed.text).toContain('Dear English Guest,');
    expect(toGuest.parsed.text).toContain('is due today: “Send the evaluation framework”');
    expect(toGuest.parsed.text).toContain('Session: Art and dementia');
    expect(toGuest.parsed.text).toContain('When: Monday 29 March 2027, 10:00–10:30 (UK time)');
    expect(toGuest.parsed.text).toContain('With: Gwesteiwr Cymraeg');
    expect(toGuest.parsed.text).toContain('See your follow-up actions: https://cyswllt.example/en/actions');
    expect(toGuest.parsed.text).not.toContain('Share the referral form');
    // Optional: it carries the one-click unsubscribe link, and no calendar attachment.
    const unsubscribe = toGuest.parsed.headerLines.find((line) => line.key === 'list-unsubscribe')?.line;
    expect(unsubscribe).toMatch(/https:\/\/cyswllt\.example\/unsubscribe\/[^.]+\.ACTION_DUE\./);
    expect(toGuest.parsed.attachments).toHaveLength(0);
    const hostTexts = sink.mails.filter((m) => m.to.includes(host.user.email)).map((m) => m.parsed.text!);
    expect(
      hostTexts.some(
        (text) => text.includes('Annwyl Gwesteiwr Cymraeg,') && text.includes('“Draft the pilot outline”'),
      ),
    ).toBe(true);
    expect(hostTexts.some((text) => text.includes('“Introduce the GP cluster lead”'))).toBe(true);

    // Later runs that day (every instance's ticker) queue nothing more.
    t.clock.set(new Date('2027-04-01T16:00:00Z'));
    expect(await notifier.runOnce()).toBe(0);
    expect(await delivered()).toEqual([]);
  });

  it('an owner who switched these e-mails off gets none', async () => {
    const { guest } = booked;
    await guest.client.data(PREFERENCES, { input: { preferences: [{ kind: 'ACTION_DUE', enabled: false }] } });
    const before = await t.countRows('outbox');
    t.clock.set(new Date('2027-04-02T08:30:00Z'));
    expect(await notifier.runOnce()).toBe(0);
    expect(await t.countRows('outbox')).toBe(before);
    await guest.client.data(PREFERENCES, { input: { preferences: [{ kind: 'ACTION_DUE', enabled: true }] } });
  });

  it('a new due date re-arms it', async () => {
    const { host } = booked;
    // Moved on by a week (the due date is the key, with the action).
    await t.db.sql(`UPDATE follow_up_actions SET due_on = ? WHERE id = ?`, ['2027-04-08', ids.open]);
    t.clock.set(new Date('2027-04-08T07:30:00Z'));
    expect(await notifier.runOnce()).toBe(1);
    expect(await delivered()).toEqual([[host.user.email, 'Cam dilynol i’w gwblhau heddiw: Celf a dementia']]);
    expect(sink.mails[0]!.parsed.text).toContain('“Draft the pilot outline”');
  });
});
