import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor, Role } from '../src/core/auth/role';
import { AccessNeedsRetention } from '../src/modules/access/access-needs-retention';
import { MeetingAccessService } from '../src/modules/rooms/meeting-access.service';
import {
  ACCEPT_REQUEST,
  offer,
  publishedSession,
  PublishedSession,
  registered,
  SEND_REQUEST,
} from './support/booking-fixtures';
import { GqlClient } from './support/gql-client';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #22 point 2, access needs at booking (docs/interpretation-and-access.md): kept on the
 * profile and per meeting only with consent; read only by the session's organisers and the
 * meeting's assigned interpreter (field-level, ACCESS_NEEDS_PRIVATE for anyone else); deleted a
 * set time after the meeting, on withdrawal of consent and with the account; in the export.
 */

const MY_NEEDS = `{ myAccessNeeds { needs note consentedAt } }`;
const SAVE_NEEDS = `mutation($input: AccessNeedsInput!) { saveMyAccessNeeds(input: $input) { needs note } }`;
const WITHDRAW = `mutation { withdrawAccessNeedsConsent }`;
const BOOK_WITH_NEEDS = `mutation($offerId: ID!, $accessNeeds: AccessNeedsInput) {
  bookSlot(offerId: $offerId, accessNeeds: $accessNeeds) { id endsAt } }`;
const NEEDS_OF = `query($id: ID!) { meeting(id: $id) { id interpreterWillJoin myAccessNeeds accessNeeds { userId displayName needs note } } }`;
const WILL_JOIN = `query($id: ID!) { meeting(id: $id) { id interpreterWillJoin myAccessNeeds } }`;
const ASSIGN = `mutation($input: AssignInterpreterInput!) { assignInterpreter(input: $input) { userId languages } }`;
const ERASE = `mutation ($input: EraseMyAccountInput!) { eraseMyAccount(input: $input) }`;

const NOTE = 'uniq-access-note-5e21: step-free entrance';

describe('access needs at booking', () => {
  let t: TestApp;
  let session: PublishedSession;
  let host: TestUser;
  let asker: TestUser; // books with needs
  let fellow: TestUser; // another guest of the same group meeting
  let outsider: TestUser; // registered for the session, not in the meeting
  let otherOrganiser: TestUser;
  let interpreter: TestUser;
  let meetingId: string;
  let meetingEndsAt: string;

  async function myData(client: GqlClient): Promise<any> {
    const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return (await fetch(`${t.url}/account/my-data`, { headers: { cookie } })).json();
  }

  const rowsOf = async (userId: string) =>
    Number(
      (await t.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM meeting_access_needs WHERE user_id = ?', [userId]))
        .rows[0]!.n,
    );

  beforeAll(async () => {
    t = await startTestApp({ config: { sessionTtlHours: 24 * 60 } });
    session = await publishedSession(t);
    host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
    asker = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
    fellow = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
    outsider = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
    otherOrganiser = await t.createUser({ roles: [Role.ORGANISER] });
    interpreter = await t.createUser({ roles: [Role.INTERPRETER] });
  });

  afterAll(() => t?.close());

  describe('on the profile', () => {
    it('keeps nothing without consent (CONSENT_REQUIRED)', async () => {
      expect(
        await asker.client.errorCode(SAVE_NEEDS, { input: { needs: ['BSL_INTERPRETER'], note: NOTE, consent: false } }),
      ).toBe('CONSENT_REQUIRED');
      expect((await asker.client.data(MY_NEEDS)).myAccessNeeds).toBeNull();
      expect(await t.countRows('access_need_profiles')).toBe(0);
    });

    it('keeps them with consent, once each and in order, for the person alone', async () => {
      const { saveMyAccessNeeds } = await asker.client.data(SAVE_NEEDS, {
        input: { needs: ['CAPTIONS', 'BSL_INTERPRETER', 'CAPTIONS'], note: `  ${NOTE}  `, consent: true },
      });
      expect(saveMyAccessNeeds).toEqual({ needs: ['BSL_INTERPRETER', 'CAPTIONS'], note: NOTE });
      expect((await asker.client.data(MY_NEEDS)).myAccessNeeds.needs).toEqual(['BSL_INTERPRETER', 'CAPTIONS']);
      expect((await fellow.client.data(MY_NEEDS)).myAccessNeeds).toBeNull();
    });

    it('refuses an unknown need and an overlong note as bad input, changing nothing', async () => {
      expect(await asker.client.errorCode(SAVE_NEEDS, { input: { needs: ['TELEPATHY'], consent: true } })).toBe(
        'BAD_USER_INPUT',
      );
      expect(
        await asker.client.errorCode(SAVE_NEEDS, { input: { needs: [], note: 'x'.repeat(281), consent: true } }),
      ).toBe('BAD_USER_INPUT');
      expect((await asker.client.data(MY_NEEDS)).myAccessNeeds.note).toBe(NOTE);
    });
  });

  describe('per meeting', () => {
    it('refuses a booking whose needs come without consent: no meeting, no needs', async () => {
      const [o] = await offer(host, session.id, [0], 2);
      const before = await t.countRows('meetings');
      expect(
        await asker.client.errorCode(BOOK_WITH_NEEDS, {
          offerId: o!.id,
          accessNeeds: { needs: ['BSL_INTERPRETER'], consent: false },
        }),
      ).toBe('CONSENT_REQUIRED');
      expect(await t.countRows('meetings')).toBe(before);
      expect(await rowsOf(asker.user.id)).toBe(0);
      // With consent the same booking goes through; the fellow guest books the same group slot without needs.
      const { bookSlot } = await asker.client.data(BOOK_WITH_NEEDS, {
        offerId: o!.id,
        accessNeeds: { needs: ['BSL_INTERPRETER', 'EXTRA_TIME'], note: NOTE, consent: true },
      });
      meetingId = bookSlot.id;
      meetingEndsAt = bookSlot.endsAt;
      const again = await fellow.client.data(BOOK_WITH_NEEDS, { offerId: o!.id });
      expect(again.bookSlot.id).toBe(meetingId);
    });

    it('shows them to the session’s organiser, with the person’s name', async () => {
      const { meeting } = await session.organiser.client.data(NEEDS_OF, { id: meetingId });
      expect(meeting.accessNeeds).toEqual([
        {
          userId: asker.user.id,
          displayName: asker.user.displayName,
          needs: ['BSL_INTERPRETER', 'EXTRA_TIME'],
          note: NOTE,
        },
      ]);
      expect(meeting.interpreterWillJoin).toBe(false);
    });

    it('hides them, field by field, from the person, the other party and a fellow participant', async () => {
      for (const who of [asker, host, fellow]) {
        const res = await who.client.request(NEEDS_OF, { id: meetingId });
        expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
          ['meeting.accessNeeds', 'ACCESS_NEEDS_PRIVATE'],
        ]);
        expect((res.data as any).meeting).toMatchObject({ id: meetingId, accessNeeds: null });
        expect(JSON.stringify(res.body)).not.toContain('uniq-access-note');
      }
      // Each sees only their own needs for it.
      expect((await asker.client.data(WILL_JOIN, { id: meetingId })).meeting.myAccessNeeds).toEqual([
        'BSL_INTERPRETER',
        'EXTRA_TIME',
      ]);
      expect((await fellow.client.data(WILL_JOIN, { id: meetingId })).meeting.myAccessNeeds).toBeNull();
    });

    it('hides them from someone outside the meeting and another organiser', async () => {
      for (const who of [outsider, otherOrganiser]) {
        const res = await who.client.request(NEEDS_OF, { id: meetingId });
        expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
        expect(JSON.stringify(res.body)).not.toContain('uniq-access-note');
      }
    });

    it('shows them to the assigned interpreter (BSL), and the others learn only that an interpreter will join', async () => {
      expect(await interpreter.client.errorCode(NEEDS_OF, { id: meetingId })).toBe('NOT_FOUND');
      const { assignInterpreter } = await session.organiser.client.data(ASSIGN, {
        input: { meetingId, userId: interpreter.user.id, languages: ['bsl', 'cy'] },
      });
      expect(assignInterpreter.languages).toEqual(['cy', 'bsl']);
      const seen = (await interpreter.client.data(NEEDS_OF, { id: meetingId })).meeting;
      expect(seen.accessNeeds.map((n: { userId: string }) => n.userId)).toEqual([asker.user.id]);
      expect((await host.client.data(WILL_JOIN, { id: meetingId })).meeting.interpreterWillJoin).toBe(true);
      // On an agenda (one statement for all its meetings): only the meeting with an interpreter says so.
      const [other] = await offer(host, session.id, [1]);
      await fellow.client.data(BOOK_WITH_NEEDS, { offerId: other!.id });
      const { myAgenda } = await fellow.client.data(`{ myAgenda { id interpreterWillJoin } }`);
      expect(
        Object.fromEntries(
          myAgenda.map((m: { id: string; interpreterWillJoin: boolean }) => [m.id, m.interpreterWillJoin]),
        ),
      ).toEqual({
        [meetingId]: true,
        [myAgenda.find((m: { id: string }) => m.id !== meetingId).id]: false,
      });
      expect(myAgenda).toHaveLength(2);
    });

    it('lets the co-organiser, who sees the session’s registrations, read them too', async () => {
      const co = await t.createUser({ roles: [Role.PRACTITIONER] });
      const access = t.app.get(MeetingAccessService);
      const actor = (who: TestUser) => ({ id: who.user.id, roles: who.user.roles }) as unknown as Actor;
      const meeting = { id: meetingId, sessionId: session.id };
      await expect(access.needsFor(actor(co), meeting)).rejects.toMatchObject({ code: 'ACCESS_NEEDS_PRIVATE' });
      await t.db.sql('UPDATE themed_sessions SET co_organiser_id = ? WHERE id = ?', [co.user.id, session.id]);
      expect((await access.needsFor(actor(co), meeting)).map((n) => n.userId)).toEqual([asker.user.id]);
      await t.db.sql('UPDATE themed_sessions SET co_organiser_id = NULL WHERE id = ?', [session.id]);
    });

    it('takes them with a request: the sender’s and the receiver’s, on the meeting it becomes', async () => {
      const sender = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
      const receiver = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
      expect(
        await sender.client.errorCode(SEND_REQUEST, {
          input: {
            sessionId: session.id,
            toUserId: receiver.user.id,
            accessNeeds: { needs: ['BREAKS'], consent: false },
          },
        }),
      ).toBe('CONSENT_REQUIRED');
      expect(await t.countRows('meeting_requests')).toBe(0);
      const { sendMeetingRequest } = await sender.client.data(SEND_REQUEST, {
        input: {
          sessionId: session.id,
          toUserId: receiver.user.id,
          message: 'hello',
          accessNeeds: { needs: ['BREAKS', 'AUDIO_ONLY'], consent: true },
        },
      });
      const { acceptMeetingRequest } = await receiver.client.data(ACCEPT_REQUEST, {
        input: {
          requestId: sendMeetingRequest.id,
          placement: 'SLOT',
          slotId: session.slots.find((s) => s.index === 2)!.id,
          accessNeeds: { needs: ['WELSH_INTERPRETATION'], consent: true },
        },
      });
      const { meeting } = await session.organiser.client.data(NEEDS_OF, { id: acceptMeetingRequest.meetingId });
      expect(meeting.accessNeeds.map((n: { userId: string; needs: string[] }) => [n.userId, n.needs]).sort()).toEqual(
        [
          [sender.user.id, ['AUDIO_ONLY', 'BREAKS']],
          [receiver.user.id, ['WELSH_INTERPRETATION']],
        ].sort(),
      );
      const res = await receiver.client.request(NEEDS_OF, { id: acceptMeetingRequest.meetingId });
      expect(res.errors?.[0]?.extensions?.code).toBe('ACCESS_NEEDS_PRIVATE');
    });
  });

  describe('retention, export, withdrawal and erasure', () => {
    it('are in the person’s data export', async () => {
      const body = await myData(asker.client);
      expect(body.accessNeeds.profile.needs).toEqual(['BSL_INTERPRETER', 'CAPTIONS']);
      expect(body.accessNeeds.meetings).toEqual([
        expect.objectContaining({ meetingId, needs: ['BSL_INTERPRETER', 'EXTRA_TIME'], note: NOTE }),
      ]);
    });

    it('withdrawing consent deletes the profile’s and every meeting’s needs', async () => {
      const [o] = await offer(host, session.id, [3]);
      await outsider.client.data(BOOK_WITH_NEEDS, {
        offerId: o!.id,
        accessNeeds: { needs: ['CAPTIONS'], consent: true },
      });
      await outsider.client.data(SAVE_NEEDS, { input: { needs: ['CAPTIONS'], consent: true } });
      expect(await rowsOf(outsider.user.id)).toBe(1);
      expect(await outsider.client.data(WITHDRAW)).toEqual({ withdrawAccessNeedsConsent: true });
      expect(await rowsOf(outsider.user.id)).toBe(0);
      expect((await outsider.client.data(MY_NEEDS)).myAccessNeeds).toBeNull();
    });

    it('are erased with the account', async () => {
      const [o] = await offer(host, session.id, [4]);
      await fellow.client.data(BOOK_WITH_NEEDS, { offerId: o!.id, accessNeeds: { needs: ['BREAKS'], consent: true } });
      await fellow.client.data(SAVE_NEEDS, { input: { needs: ['BREAKS'], consent: true } });
      expect(await rowsOf(fellow.user.id)).toBe(1);
      await fellow.client.data(ERASE, { input: { password: fellow.password, confirmation: fellow.user.email } });
      expect(await rowsOf(fellow.user.id)).toBe(0);
      const { rows } = await t.db.sql<{ n: number }>(
        'SELECT COUNT(*) AS n FROM access_need_profiles WHERE user_id = ?',
        [fellow.user.id],
      );
      expect(Number(rows[0]!.n)).toBe(0);
    });
    it('deletes a meeting’s needs the set number of days after it ends, not before', async () => {
      const retention = t.app.get(AccessNeedsRetention);
      const end = Date.parse(meetingEndsAt);
      const days = t.config.accessNeedsRetentionDays;
      expect(days).toBe(7);
      t.clock.set(new Date(end + days * 24 * 3600_000 - 60_000));
      await retention.runOnce();
      expect(await rowsOf(asker.user.id)).toBe(1);
      t.clock.set(new Date(end + days * 24 * 3600_000 + 60_000));
      await retention.runOnce();
      expect(await rowsOf(asker.user.id)).toBe(0);
      // The profile's needs are the person's to keep: retention leaves them.
      expect((await asker.client.data(MY_NEEDS)).myAccessNeeds.needs).toEqual(['BSL_INTERPRETER', 'CAPTIONS']);
    });
  });
});
