import ICAL from 'ical.js';
import { AfterCommit } from '../src/core/database/after-commit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { In } from 'typeorm';
import { Role } from '../src/core/auth/role';
import { REMOVED_WORDS } from '../src/core/privacy/personal-data';
import { OutboxMessageEntity } from '../src/modules/notifications/entities/outbox-message.entity';
import { MailRenderer, OutgoingMail } from '../src/modules/notifications/mail-renderer';
import { BOOK, OFFER, publishedSession, PublishedSession, REGISTER, SEND_REQUEST } from './support/booking-fixtures';
import { GqlClient } from './support/gql-client';
import { startTestApp, TestApp, TestUser } from './support/test-app';

const ERASE = `mutation ($input: EraseMyAccountInput!) { eraseMyAccount(input: $input) }`;
const UPDATE_PROFILE = `mutation ($input: ProfileInput!) { updateMyProfile(input: $input) { updatedAt } }`;
const PROPOSE = `mutation ($input: ProposeSessionInput!) { proposeSession(input: $input) { id } }`;
const PREFERENCES = `mutation ($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { kind enabled } }`;
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { id } }`;
const AGENDA = `{ myAgenda(includeCancelled: true) { id status cancelReason participants { person { id displayName } } } }`;

/** Texts only the person to be erased wrote: none may survive erasure anywhere. */
const HER_WORDS = {
  profile: 'uniq-profile-offers-7f3a',
  request: 'uniq-request-message-91c2',
  update: 'uniq-followup-comment-44d0',
  feedback: 'uniq-feedback-comment-0b7e',
  evidence: 'uniq-evidence-method-c5a9',
  proposal: 'uniq-proposal-text-e210',
  action: 'uniq-action-description-6d1f',
  referringTeam: 'uniq-referring-team-2b88',
};

describe('download my data and erase my account', () => {
  let t: TestApp;
  let past: PublishedSession; // 2027-01-20, over by the time of erasure
  let future: PublishedSession; // 2027-02-01, still to come
  let her: TestUser; // the person who downloads and erases
  let host: TestUser; // a commissioner she meets in both sessions
  let linkWorker: TestUser;
  let pastMeetingId: string;
  let futureMeetingId: string;

  async function myData(client: GqlClient): Promise<{ status: number; body: any; headers: Headers }> {
    const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(`${t.url}/account/my-data`, { headers: cookie ? { cookie } : {} });
    return { status: res.status, body: await res.json(), headers: res.headers };
  }

  async function insert(table: string, row: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(row);
    await t.db.sql(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      Object.values(row),
    );
  }

  /** Outbox e-mails as they would be sent or shown now (they are rendered from ids). */
  async function renderedMails(where: string, params: unknown[]): Promise<OutgoingMail[]> {
    const { rows } = await t.db.sql<{ id: string }>(`SELECT id FROM outbox WHERE ${where}`, params);
    const entities = await t.db.manager.findBy(OutboxMessageEntity, { id: In(rows.map((r) => r.id)) });
    return [...(await t.app.get(MailRenderer).render(entities)).values()];
  }

  /** Every column of every table, as text, that contains the needle (case-insensitive): generic over the schema. */
  async function tablesContaining(needle: string): Promise<string[]> {
    const columns =
      t.engine === 'postgres'
        ? (
            await t.db.sql<{ table_name: string; column_name: string }>(
              `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
            )
          ).rows
        : (
            await t.db.sql<{ table_name: string; column_name: string }>(
              `SELECT m.name AS table_name, c.name AS column_name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`,
            )
          ).rows;
    expect(columns.length).toBeGreaterThan(100);
    const hits: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const { rows } = await t.db.sql<{ n: number | string }>(
        `SELECT COUNT(*) AS n FROM "${table}" WHERE LOWER(CAST("${column}" AS TEXT)) LIKE ?`,
        [`%${needle.toLowerCase()}%`],
      );
      if (Number(rows[0].n) > 0) hits.push(`${table}.${column}`);
    }
    return hits;
  }

  beforeAll(async () => {
    t = await startTestApp();
    past = await publishedSession(t, { startsAt: '2027-01-20T10:00:00.000Z', endsAt: '2027-01-20T12:00:00.000Z' });
    future = await publishedSession(t);
    her = await t.createUser({
      roles: [Role.PRACTITIONER],
      displayName: 'Zephyrine Quillfeather',
      email: 'zephyrine.quillfeather@example.test',
    });
    host = await t.createUser({ roles: [Role.COMMISSIONER], displayName: 'Dr Bryn Comisiynydd' });
    linkWorker = await t.createUser({ roles: [Role.LINK_WORKER], displayName: 'Llinos Cyswllt' });

    await her.client.data(UPDATE_PROFILE, {
      input: {
        offers: HER_WORDS.profile,
        directoryListed: true,
        directoryServiceName: 'Zephyrine dances',
        directoryDelivery: 'ONLINE',
        directoryEmail: 'studio@example.org',
      },
    });
    await linkWorker.client.data(UPDATE_PROFILE, { input: { offers: 'Link worker offers, not hers' } });
    await her.client.data(PROPOSE, { input: { title: 'Dawns i bawb', description: HER_WORDS.proposal } });
    await her.client.data(PREFERENCES, { input: { preferences: [{ kind: 'REMINDER_DAY', enabled: false }] } });

    for (const session of [past, future]) {
      await host.client.data(REGISTER, { input: { sessionId: session.id, role: 'HOST' } });
      await her.client.data(REGISTER, { input: { sessionId: session.id, role: 'GUEST' } });
      const [slot] = await host.client
        .data(OFFER, { input: { sessionId: session.id, slotIndexes: [0], seats: 1 } })
        .then((d) => d.offerSlots);
      const { bookSlot } = await her.client.data(BOOK, { offerId: slot.id });
      if (session === past) pastMeetingId = bookSlot.id;
      else futureMeetingId = bookSlot.id;
    }
    await linkWorker.client.data(REGISTER, { input: { sessionId: future.id, role: 'HOST' } });
    await her.client.data(SEND_REQUEST, {
      input: { sessionId: future.id, toUserId: linkWorker.user.id, message: HER_WORDS.request },
    });
    await linkWorker.client.data(SEND_REQUEST, {
      input: { sessionId: future.id, toUserId: her.user.id, message: 'Shall we talk about referrals?' },
    });

    // Follow-ups of the past meeting (written directly: the follow-ups service is another increment).
    const now = t.db.instant(t.clock.now());
    const actionId = randomUUID();
    await insert('follow_up_actions', {
      id: actionId,
      meeting_id: pastMeetingId,
      created_by_id: host.user.id,
      owner_id: her.user.id,
      kind: 'PILOT',
      description: 'Pilot seated dance on the ward',
      due_on: '2027-03-01',
      status: 'IN_PROGRESS',
      created_at: now,
      updated_at: now,
    });
    await insert('follow_up_actions', {
      id: randomUUID(),
      meeting_id: pastMeetingId,
      created_by_id: her.user.id,
      owner_id: host.user.id,
      kind: 'REFERRAL_ROUTE',
      referring_organisation_kind: 'HEALTH_BOARD',
      referring_team: HER_WORDS.referringTeam,
      description: HER_WORDS.action,
      due_on: '2027-03-02',
      status: 'OPEN',
      created_at: now,
      updated_at: now,
    });
    await insert('follow_up_updates', {
      id: randomUUID(),
      action_id: actionId,
      author_id: her.user.id,
      from_status: 'OPEN',
      to_status: 'IN_PROGRESS',
      seq: 1,
      comment: HER_WORDS.update,
      created_at: now,
    });
    await insert('meeting_feedback', {
      id: randomUUID(),
      meeting_id: pastMeetingId,
      user_id: her.user.id,
      usefulness: 5,
      comment: HER_WORDS.feedback,
      created_at: now,
    });
    await insert('meeting_feedback', {
      id: randomUUID(),
      meeting_id: pastMeetingId,
      user_id: host.user.id,
      usefulness: 4,
      comment: 'Host feedback, not hers',
      created_at: now,
    });
    await insert('evidence_methods', {
      id: randomUUID(),
      owner_id: her.user.id,
      meeting_id: pastMeetingId,
      title: HER_WORDS.evidence,
      description: 'Warwick-Edinburgh scale before and after',
      conditions: '["parkinsons"]',
      art_forms: '["dance"]',
      shared: true,
      created_at: now,
      updated_at: now,
    });
    // Two auto-schedule drafts waiting for the organiser: one plans a meeting with her, one does not.
    const draft = (guestIds: string[]) =>
      JSON.stringify({
        meetings: [
          {
            slotId: future.slots[1].id,
            hostId: host.user.id,
            guestIds,
            thirdPartyId: null,
            tiers: ['SUGGESTED'],
            requestIds: [],
          },
        ],
      });
    await insert('schedule_runs', {
      id: randomUUID(),
      session_id: future.id,
      requested_by_id: future.organiser.user.id,
      status: 'READY',
      progress: '{}',
      draft: draft([her.user.id]),
      created_at: now,
    });
    await insert('schedule_runs', {
      id: randomUUID(),
      session_id: future.id,
      requested_by_id: future.organiser.user.id,
      status: 'READY',
      progress: '{}',
      draft: draft([linkWorker.user.id]),
      created_at: now,
    });
    t.clock.set(new Date('2027-01-25T12:00:00Z')); // the past session is over, the future one to come
    for (const person of [her, host, linkWorker, future.organiser]) {
      await person.client.data(LOG_IN, { input: { email: person.user.email, password: person.password } }); // the old login expired meanwhile
    }
    // She asked for a password-reset link (still waiting in the outbox, the link in its event).
    await t
      .client()
      .data(`mutation ($email: String!) { requestPasswordReset(input: { email: $email }) }`, { email: her.user.email });
    await t.app.get(AfterCommit).idle(); // the link is made after the answer
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('GET /account/my-data', () => {
    it('refuses anyone not signed in with 401', async () => {
      const { status, body } = await myData(t.client());
      expect(status).toBe(401);
      expect(body.error).toBe('UNAUTHENTICATED');
    });

    it("gives exactly the signed-in person's data across modules, as a JSON file", async () => {
      const { status, body, headers } = await myData(her.client);
      expect(status).toBe(200);
      expect(headers.get('content-disposition')).toMatch(/^attachment; filename="cyswllt-my-data-2027-01-25\.json"$/);
      expect(headers.get('cache-control')).toBe('no-store');
      expect(body).toMatchObject({ format: 'cyswllt-my-data/1', userId: her.user.id });
      expect(body.account).toMatchObject({
        id: her.user.id,
        email: 'zephyrine.quillfeather@example.test',
        displayName: 'Zephyrine Quillfeather',
        roles: ['PRACTITIONER'],
        shareEmail: false,
      });
      expect(body.account.loginSessions.length).toBeGreaterThanOrEqual(1);
      // When she asked for a reset link, but nothing of the link itself: not its hash, not the link in the waiting e-mail.
      expect(body.account.passwordReset).toEqual({
        requestedAt: expect.any(String),
        expiresAt: expect.any(String),
        usedAt: null,
      });
      const { rows: resets } = await t.db.sql<{ token_hash: string }>(
        'SELECT token_hash FROM password_resets WHERE user_id = ?',
        [her.user.id],
      );
      const { rows: waiting } = await t.db.sql<{ payload: string }>(
        `SELECT payload FROM outbox WHERE kind = 'PASSWORD_RESET' AND recipient_id = ?`,
        [her.user.id],
      );
      const link = (JSON.parse(waiting[0]!.payload) as { resetUrl: string }).resetUrl;
      expect(link).toContain('/reset-password/');
      expect(JSON.stringify(body)).not.toContain(resets[0]!.token_hash);
      expect(JSON.stringify(body)).not.toContain(link.split('/').pop());
      expect(body.profile).toMatchObject({
        offers: HER_WORDS.profile,
        directoryListed: true,
        directoryServiceName: 'Zephyrine dances',
      });
      expect(body.sessions.proposals).toEqual([
        expect.objectContaining({ title: 'Dawns i bawb', description: HER_WORDS.proposal, status: 'PENDING' }),
      ]);
      expect(body.booking.registrations.map((r: any) => r.sessionId).sort()).toEqual([past.id, future.id].sort());
      expect(body.booking.offers).toEqual([]);
      expect(body.booking.meetings.map((m: any) => m.id).sort()).toEqual([pastMeetingId, futureMeetingId].sort());
      const meeting = body.booking.meetings.find((m: any) => m.id === pastMeetingId);
      expect(meeting).toMatchObject({ myRole: 'GUEST', status: 'CONFIRMED' });
      expect(meeting.participants).toEqual(
        expect.arrayContaining([
          { id: host.user.id, displayName: 'Dr Bryn Comisiynydd', role: 'HOST' },
          { id: her.user.id, displayName: 'Zephyrine Quillfeather', role: 'GUEST' },
        ]),
      );
      expect(body.booking.meetingRequests.map((q: any) => [q.direction, q.message]).sort()).toEqual([
        ['RECEIVED', 'Shall we talk about referrals?'],
        ['SENT', HER_WORDS.request],
      ]);
      const pilot = expect.objectContaining({
        description: 'Pilot seated dance on the ward',
        owner: { id: her.user.id, displayName: 'Zephyrine Quillfeather' },
      });
      const route = expect.objectContaining({
        description: HER_WORDS.action,
        createdBy: { id: her.user.id, displayName: 'Zephyrine Quillfeather' },
      });
      expect(body.followUps.actions).toHaveLength(2);
      expect(body.followUps.actions).toEqual(expect.arrayContaining([pilot, route]));
      const ownAction = body.followUps.actions.find((a: any) => a.description === 'Pilot seated dance on the ward');
      expect(ownAction.updates.map((u: any) => u.comment)).toEqual([HER_WORDS.update]);
      expect(body.followUps.feedback).toEqual([
        expect.objectContaining({ meetingId: pastMeetingId, usefulness: 5, comment: HER_WORDS.feedback }),
      ]);
      expect(body.followUps.evidenceMethods.map((m: any) => m.title)).toEqual([HER_WORDS.evidence]);
      expect(body.notifications.preferences).toEqual([
        expect.objectContaining({ kind: 'REMINDER_DAY', enabled: false }),
      ]);
      expect(body.notifications.emails.length).toBeGreaterThanOrEqual(2); // two bookings, at least
      expect(new Set(body.notifications.emails.map((e: any) => e.to))).toEqual(
        new Set(['zephyrine.quillfeather@example.test']),
      );
      expect(body.attendance).toEqual([]);

      // Nothing of other people beyond what she sees: not their addresses, feedback, profiles or e-mails.
      const text = JSON.stringify(body);
      for (const other of [
        host.user.email,
        linkWorker.user.email,
        past.organiser.user.email,
        'Host feedback, not hers',
        'Link worker offers, not hers',
      ]) {
        expect(text).not.toContain(other);
      }
    });

    it('gives another person only their own data', async () => {
      const { body } = await myData(linkWorker.client);
      expect(body.account.email).toBe(linkWorker.user.email);
      expect(body.booking.meetings).toEqual([]);
      expect(body.booking.meetingRequests.map((q: any) => q.direction).sort()).toEqual(['RECEIVED', 'SENT']);
      expect(JSON.stringify(body)).not.toContain(her.user.email);
      expect(JSON.stringify(body)).not.toContain(HER_WORDS.profile);
    });
  });

  describe('eraseMyAccount', () => {
    it('refuses a wrong password, a wrong confirmation, and anyone not signed in, changing nothing', async () => {
      const before = await t.countRows('login_sessions');
      expect(
        await her.client.errorCode(ERASE, { input: { password: 'not my password', confirmation: her.user.email } }),
      ).toBe('INVALID_CREDENTIALS');
      expect(
        await her.client.errorCode(ERASE, {
          input: { password: her.password, confirmation: 'someone.else@example.test' },
        }),
      ).toBe('ERASURE_NOT_CONFIRMED');
      expect(await her.client.errorCode(ERASE, { input: { password: her.password, confirmation: '' } })).toBe(
        'ERASURE_NOT_CONFIRMED',
      );
      expect(
        await t.client().errorCode(ERASE, { input: { password: her.password, confirmation: her.user.email } }),
      ).toBe('UNAUTHENTICATED');
      expect(await t.countRows('login_sessions')).toBe(before);
      expect((await myData(her.client)).body.account.displayName).toBe('Zephyrine Quillfeather');
    });

    it('refuses an organiser whose sessions are still to run (ERASURE_BLOCKED with the sessions)', async () => {
      const res = await future.organiser.client.request(ERASE, {
        input: { password: future.organiser.password, confirmation: future.organiser.user.email },
      });
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'ERASURE_BLOCKED',
        blockers: [{ code: 'ORGANISES_ACTIVE_SESSIONS', ids: [future.id] }],
      });
      const { status, body } = await myData(future.organiser.client);
      expect(status).toBe(200); // still there
      expect(body.sessions.organised.map((x: any) => x.id)).toEqual([future.id]);
      expect(body.autoSchedule.runsStarted.map((r: any) => r.status)).toEqual(['READY', 'READY']);
    });

    describe('once erased', () => {
      beforeAll(async () => {
        // Before: others' e-mails and calendar files name her (rendered from ids when shown or sent).
        const toOthers = await renderedMails('recipient_id <> ?', [her.user.id]);
        expect(
          toOthers.filter((mail) => mail.text.includes('Quillfeather') || mail.ics?.toLowerCase().includes('zephyrine'))
            .length,
        ).toBeGreaterThan(0);
        expect(
          (await renderedMails('recipient_id = ? AND kind = ?', [linkWorker.user.id, 'REQUESTED']))[0]!.text,
        ).toContain(HER_WORDS.request);
        const { eraseMyAccount } = await her.client.data(ERASE, {
          input: { password: her.password, confirmation: ' Zephyrine.Quillfeather@example.test ' },
        });
        expect(eraseMyAccount).toBe(true);
      });

      it('leaves no personal field of hers in any table: address, name, or anything she wrote', async () => {
        for (const needle of [her.user.email, 'Zephyrine', 'Quillfeather', ...Object.values(HER_WORDS)]) {
          expect(await tablesContaining(needle), needle).toEqual([]);
        }
      });

      it('signs her out everywhere: no session, no login, no download', async () => {
        expect(her.client.lastSetCookie.join(';')).toMatch(/__Host-cyswllt_session=;/);
        expect((await her.client.data(`{ me { id } }`)).me).toBeNull();
        expect(await t.client().errorCode(LOG_IN, { input: { email: her.user.email, password: her.password } })).toBe(
          'INVALID_CREDENTIALS',
        );
        expect((await t.db.sql('SELECT id FROM login_sessions WHERE user_id = ?', [her.user.id])).rows).toEqual([]);
        expect((await t.db.sql('SELECT user_id FROM password_resets WHERE user_id = ?', [her.user.id])).rows).toEqual(
          [],
        );
        expect((await myData(her.client)).status).toBe(401);
      });

      it('keeps the past meeting, its follow-up, feedback score and the others’ words, with her anonymised', async () => {
        const { myAgenda } = await host.client.data(AGENDA);
        const pastMeeting = myAgenda.find((m: any) => m.id === pastMeetingId);
        expect(pastMeeting.status).toBe('CONFIRMED');
        expect(pastMeeting.participants.map((p: any) => p.person)).toContainEqual({
          id: her.user.id,
          displayName: 'Cyn-gyfranogwr / Former participant',
        });
        // The action the host wrote stays word for word; the one she wrote stays (owner, kind, due date, status) with its words removed.
        const { rows: actions } = await t.db.sql<{
          owner_id: string;
          created_by_id: string;
          kind: string;
          description: string;
          referring_team: string | null;
        }>(
          'SELECT owner_id, created_by_id, kind, description, referring_team FROM follow_up_actions WHERE meeting_id = ? ORDER BY due_on',
          [pastMeetingId],
        );
        expect(actions).toEqual([
          {
            owner_id: her.user.id,
            created_by_id: host.user.id,
            kind: 'PILOT',
            description: 'Pilot seated dance on the ward',
            referring_team: null,
          },
          {
            owner_id: host.user.id,
            created_by_id: her.user.id,
            kind: 'REFERRAL_ROUTE',
            description: REMOVED_WORDS,
            referring_team: null,
          },
        ]);
        const { rows: feedback } = await t.db.sql<{ user_id: string; usefulness: number; comment: string | null }>(
          'SELECT user_id, usefulness, comment FROM meeting_feedback WHERE meeting_id = ? ORDER BY usefulness DESC',
          [pastMeetingId],
        );
        expect(feedback.map((f) => [f.user_id, Number(f.usefulness), f.comment])).toEqual([
          [her.user.id, 5, null],
          [host.user.id, 4, 'Host feedback, not hers'],
        ]);
        expect(await t.countRows('evidence_methods')).toBe(0);
        const { rows: requests } = await t.db.sql<{ from_user_id: string; status: string; message: string }>(
          'SELECT from_user_id, status, message FROM meeting_requests',
        );
        expect(
          requests
            .map((q) => [q.from_user_id, q.status, q.message])
            .sort((a, b) => (a[0] === her.user.id ? -1 : b[0] === her.user.id ? 1 : 0)),
        ).toEqual([
          [her.user.id, 'WITHDRAWN', ''],
          [linkWorker.user.id, 'DECLINED', 'Shall we talk about referrals?'],
        ]);
      });

      it('cancels her upcoming meeting through booking, so the host is told (naming no one)', async () => {
        const { myAgenda } = await host.client.data(AGENDA);
        expect(myAgenda.find((m: any) => m.id === futureMeetingId)).toMatchObject({
          status: 'CANCELLED',
          cancelReason: "Cyfrif wedi'i gau / Account closed",
        });
        const mails = await renderedMails(`recipient_id = ? AND kind = 'CANCELLED' AND meeting_id = ?`, [
          host.user.id,
          futureMeetingId,
        ]);
        expect(mails).toHaveLength(1);
        expect(mails[0]!.text).toContain('Account closed');
        const requested = await renderedMails(`recipient_id = ? AND kind = 'REQUESTED'`, [linkWorker.user.id]);
        expect(requested).toHaveLength(1); // her request's message, quoted to the link worker, is gone from both versions
        expect(requested[0]!.text).toContain(REMOVED_WORDS);
        expect(requested[0]!.html).toContain(REMOVED_WORDS.replace("'", '&#39;'));
        expect(requested[0]!.html).toContain('Cyn-gyfranogwr / Former participant');
        expect(await t.countRows('notification_preferences')).toBe(0);
        expect((await t.db.sql('SELECT id FROM outbox WHERE recipient_id = ?', [her.user.id])).rows).toEqual([]);
      });

      it("renders the calendar files in others' e-mails naming the anonymous person: still valid, folded", async () => {
        const calendars = (
          await renderedMails('recipient_id = ? AND meeting_id = ?', [host.user.id, pastMeetingId])
        ).flatMap((mail) => (mail.ics ? [mail.ics] : []));
        expect(calendars.length).toBeGreaterThan(0);
        for (const ics of calendars) {
          expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
          const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
          const attendees = event
            .getAllProperties('attendee')
            .map((a) => [a.getParameter('cn'), String(a.getFirstValue()).toLowerCase()]);
          // Shown by name only (issue #14): never her old address, nor the erased one.
          expect(attendees).toContainEqual([
            'Cyn-gyfranogwr / Former participant',
            expect.stringMatching(/^mailto:person-[0-9a-f]{16}@cyswllt\.invalid$/),
          ]);
        }
      });

      it('discards auto-schedule drafts that would meet her, and only those', async () => {
        const { rows } = await t.db.sql<{ status: string; draft: string | null }>(
          'SELECT status, draft FROM schedule_runs WHERE session_id = ?',
          [future.id],
        );
        expect(rows.map((r) => [r.status, r.draft?.includes(linkWorker.user.id) ?? null]).sort()).toEqual([
          ['DISCARDED', null],
          ['READY', true],
        ]);
      });

      it('takes her out of the referral directory and of sessions still to come', async () => {
        expect((await fetch(`${t.url}/openreferral/services/${her.user.id}`)).status).toBe(404);
        const { rows } = await t.db.sql('SELECT session_id FROM registrations WHERE user_id = ?', [her.user.id]);
        expect(rows).toEqual([]);
      });
    });
  });
});
