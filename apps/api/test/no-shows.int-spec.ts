import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeTcpPort } from '../../../scripts/livekit.mjs';
import { Role } from '../src/core/auth/role';
import { SchedulingService } from '../src/modules/matching/scheduling.service';
import { AttendanceService } from '../src/modules/rooms/attendance.service';
import {
  BOOK,
  offer,
  publishedSession,
  PublishedSession,
  REGISTER,
  registered,
  SEND_REQUEST,
  SESSION_START,
} from './support/booking-fixtures';
import { postWebhook, signWebhook, webhookBody } from './support/livekit-harness';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #24 point 5, no-shows kindly: only the room (when someone else waited) or an organiser
 * records a no-show; the person sees their own record and may dispute it; organisers see a rate per
 * session; an organiser may choose to lower the auto-schedule priority of repeated no-shows, and the
 * draft says whose and why. The room's attendance comes from webhooks signed as LiveKit signs them.
 */

const MIN = 60_000;
const API_KEY = 'devkey';
const API_SECRET = 'secret';

const MY_NO_SHOWS = `{ myNoShows { state disputeReason meeting { id outcomeSource } } }`;
const DISPUTE = `mutation($input: DisputeNoShowInput!) { disputeNoShow(input: $input) { state disputeReason meeting { id } } }`;
const SET_OUTCOME = `mutation($input: SetMeetingOutcomeInput!) { setMeetingOutcome(input: $input) { id status } }`;
const REPORT = `query($sessionId: ID!) { sessionAttendanceReport(sessionId: $sessionId) { peopleDue noShows noShowsDisputed noShowRate
  meetings { meeting { id } people { noShow person { id } } } } }`;
const SETTINGS = `mutation($input: UpdateScheduleSettingsInput!) { updateScheduleSettings(input: $input) { lowerRepeatedNoShows } }`;
const START = `mutation($sessionId: ID!) { startAutoSchedule(sessionId: $sessionId) { id } }`;
const RUN = `query($id: ID!) { scheduleRun(id: $id) { status draft { meetings { guests { id } }
  unplaced { tier reason } lowerPriority { noShows person { id } } } } }`;

describe('no-shows, kindly', () => {
  let t: TestApp;
  let session: PublishedSession;
  let guest: TestUser;
  const at = (minutes: number) => new Date(Date.parse(SESSION_START) + minutes * MIN);

  /** A one-to-one of `guest` with a new host in slot `index` (10 minutes each from 10:00Z). */
  async function meetingWithGuest(index: number) {
    const host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
    const [o] = await offer(host, session.id, [index]);
    const { bookSlot } = await guest.client.data(BOOK, { offerId: o!.id });
    const { rows } = await t.db.sql<{ room_name: string }>('SELECT room_name FROM meetings WHERE id = ?', [
      bookSlot.id,
    ]);
    return { id: bookSlot.id as string, roomName: rows[0]!.room_name, host };
  }

  /** `who` was in the room a minute into slot `index`, as LiveKit's webhook says. */
  async function inRoom(m: { roomName: string }, who: TestUser, index: number) {
    const body = webhookBody({
      event: 'participant_joined',
      roomName: m.roomName,
      createdAt: at(10 * index + 1),
      participant: { sid: `PA_${who.user.id.slice(0, 8)}${index}`, identity: who.user.id },
    });
    expect(await postWebhook(`${t.url}/livekit/webhook`, body, await signWebhook(body, API_KEY, API_SECRET))).toBe(200);
  }

  async function settleAfter(index: number) {
    t.clock.set(at(10 * index + 20));
    await t.app.get(AttendanceService).settleEnded(0);
  }

  const state = (rows: { state: string; meeting: { id: string } }[], id: string) =>
    rows.find((r) => r.meeting.id === id)?.state ?? 'NONE';

  beforeAll(async () => {
    t = await startTestApp({
      now: new Date('2027-01-31T09:00:00Z'),
      config: {
        sessionTtlHours: 24 * 60,
        livekitUrl: `ws://127.0.0.1:${await freeTcpPort()}`,
        livekitApiKey: API_KEY,
        livekitApiSecret: API_SECRET,
        livekitRequestTimeoutSeconds: 2,
      },
    });
    session = await publishedSession(t);
    guest = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
  });

  afterAll(async () => {
    await t?.close();
  });

  let waited: { id: string; roomName: string; host: TestUser };
  let nobody: { id: string; roomName: string; host: TestUser };
  let marked: { id: string; roomName: string; host: TestUser };

  it('counts an absence only where someone else waited in the room or an organiser marked it not held', async () => {
    waited = await meetingWithGuest(0); // the host waits; the guest never comes
    nobody = await meetingWithGuest(1); // nobody comes: the room proves nothing
    marked = await meetingWithGuest(2); // held elsewhere, an organiser says it did not happen
    t.clock.set(at(1));
    await inRoom(waited, waited.host, 0);
    await settleAfter(2);
    await session.organiser.client.data(SET_OUTCOME, { input: { meetingId: marked.id, held: false } });

    const { myNoShows } = await guest.client.data(MY_NO_SHOWS);
    expect(state(myNoShows, waited.id)).toBe('COUNTED');
    expect(state(myNoShows, nobody.id)).toBe('NONE');
    expect(state(myNoShows, marked.id)).toBe('COUNTED');
    expect(myNoShows.find((r: { meeting: { id: string } }) => r.meeting.id === waited.id).meeting.outcomeSource).toBe(
      'ROOM',
    );
    // The host who waited has no record, and nobody sees another's.
    expect((await waited.host.client.data(MY_NO_SHOWS)).myNoShows).toEqual([]);
    expect((await nobody.host.client.data(MY_NO_SHOWS)).myNoShows).toEqual([]);

    const { sessionAttendanceReport: report } = await session.organiser.client.data(REPORT, { sessionId: session.id });
    expect(report).toMatchObject({ peopleDue: 6, noShows: 3, noShowsDisputed: 0, noShowRate: 0.5 });
    const row = (meetingId: string, userId: string) =>
      report.meetings
        .find((m: { meeting: { id: string } }) => m.meeting.id === meetingId)
        .people.find((p: { person: { id: string } }) => p.person.id === userId).noShow;
    expect(row(waited.id, guest.user.id)).toBe('COUNTED');
    expect(row(waited.id, waited.host.user.id)).toBe('NONE');
    expect(row(nobody.id, guest.user.id)).toBe('NONE');
    // marked: both absent from the room, the organiser said not held: both count.
    expect(row(marked.id, marked.host.user.id)).toBe('COUNTED');
  });

  it('lets the person dispute their own no-show, which then stops counting; anything else is refused and changes nothing', async () => {
    const before = await t.countRows('no_show_disputes');
    expect(await waited.host.client.errorCode(DISPUTE, { input: { meetingId: waited.id } })).toBe('NOT_A_NO_SHOW');
    expect(await guest.client.errorCode(DISPUTE, { input: { meetingId: nobody.id } })).toBe('NOT_A_NO_SHOW');
    expect(await guest.client.errorCode(DISPUTE, { input: { meetingId: 'not-an-id' } })).toBe('BAD_USER_INPUT');
    expect(await guest.client.errorCode(DISPUTE, { input: { meetingId: marked.id, reason: 'x'.repeat(501) } })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await t.countRows('no_show_disputes')).toBe(before);

    const { disputeNoShow } = await guest.client.data(DISPUTE, {
      input: { meetingId: marked.id, reason: '  We met by phone instead.  ' },
    });
    expect(disputeNoShow).toEqual({
      state: 'DISPUTED',
      disputeReason: 'We met by phone instead.',
      meeting: { id: marked.id },
    });
    const { myNoShows } = await guest.client.data(MY_NO_SHOWS);
    expect(state(myNoShows, marked.id)).toBe('DISPUTED');
    const { sessionAttendanceReport: report } = await session.organiser.client.data(REPORT, { sessionId: session.id });
    expect(report).toMatchObject({ noShows: 2, noShowsDisputed: 1 });
  });

  it('lowers the auto-schedule priority of repeated no-shows only where the organiser chose it, and the draft says whose', async () => {
    // A second undisputed no-show for the guest: another host waits in slot 3.
    t.clock.set(at(25));
    const second = await meetingWithGuest(3);
    t.clock.set(at(31));
    await inRoom(second, second.host, 3);
    await settleAfter(3);
    expect(
      (await guest.client.data(MY_NO_SHOWS)).myNoShows.filter((r: { state: string }) => r.state === 'COUNTED'),
    ).toHaveLength(2);

    // Next week's session: one commissioner free in one slot, asked by the guest and by another practitioner.
    const next = await publishedSession(t, {
      startsAt: '2027-02-08T10:00:00.000Z',
      endsAt: '2027-02-08T11:00:00.000Z',
      breakSlotIndexes: [],
    });
    const commissioner = await registered(t, next.id, [Role.COMMISSIONER], 'HOST', [0]);
    const other = await registered(t, next.id, [Role.PRACTITIONER], 'GUEST', [0]);
    await guest.client.data(REGISTER, { input: { sessionId: next.id, role: 'GUEST', availableSlotIndexes: [0] } });
    for (const asker of [guest, other])
      await asker.client.data(SEND_REQUEST, { input: { sessionId: next.id, toUserId: commissioner.user.id } });

    const scores = async () => {
      const { sources } = await t.app.get(SchedulingService).buildInput(next.id);
      return Object.fromEntries([...sources.values()].map((s) => [s.guestId, s.score]));
    };
    expect(await scores()).toEqual({ [guest.user.id]: 1, [other.user.id]: 1 });
    expect(
      (await next.organiser.client.data(SETTINGS, { input: { sessionId: next.id, lowerRepeatedNoShows: true } }))
        .updateScheduleSettings,
    ).toEqual({ lowerRepeatedNoShows: true });
    expect(await scores()).toEqual({ [guest.user.id]: 0.5, [other.user.id]: 1 });

    const { startAutoSchedule } = await next.organiser.client.data(START, { sessionId: next.id });
    await t.app.get(SchedulingService).settled(startAutoSchedule.id);
    const { scheduleRun } = await next.organiser.client.data(RUN, { id: startAutoSchedule.id });
    expect(scheduleRun.draft.meetings.map((m: { guests: { id: string }[] }) => m.guests.map((g) => g.id))).toEqual([
      [other.user.id],
    ]);
    expect(scheduleRun.draft.lowerPriority).toEqual([{ noShows: 2, person: { id: guest.user.id } }]);
  });
});
