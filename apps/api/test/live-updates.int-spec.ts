import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { LiveEvents } from '../src/core/realtime/live-events';
import { BookingTopics } from '../src/modules/booking/booking-live';
import { SchedulingService } from '../src/modules/matching/scheduling.service';
import { RoomsTopics } from '../src/modules/rooms/rooms-live';
import {
  ACCEPT_REQUEST,
  BOOK,
  CANCEL,
  CREATE_SESSION,
  offer,
  PublishedSession,
  publishedSession,
  registered,
  RESCHEDULE,
  SEND_REQUEST,
} from './support/booking-fixtures';
import { GqlClient } from './support/gql-client';
import { LiveClient, LiveSubscription } from './support/live-client';
import { eventually, postWebhook, signWebhook, webhookBody } from './support/livekit-harness';
import { startTestApp, TEST_ENGINE, TestApp, TestUser } from './support/test-app';

const SLOTS_CHANGED = `subscription($sessionId: ID!) {
  slotAvailabilityChanged(sessionId: $sessionId) { sessionId slotIds offers { id seats seatsLeft slot { id index } host { id } } }
}`;
const PRESENCE_CHANGED = `subscription($sessionId: ID!) { roomPresenceChanged(sessionId: $sessionId) { sessionId meetingId present at person { id } } }`;
const REQUEST_RECEIVED = `subscription { meetingRequestReceived { id sessionId message status from { id } to { id } } }`;

interface SlotsChanged {
  slotAvailabilityChanged: {
    sessionId: string;
    slotIds: string[];
    offers: {
      id: string;
      seats: number;
      seatsLeft: number;
      slot: { id: string; index: number };
      host: { id: string };
    }[];
  };
}

/** Each run gets its own channels, so test files running in parallel on one Redis never cross. */
const channelPrefix = () => `cyswllt-test-${randomBytes(6).toString('hex')}:`;

/** Webhooks are checked against these; no LiveKit server is needed to sign them. */
const LIVEKIT = {
  livekitUrl: 'ws://127.0.0.1:9',
  livekitApiKey: 'live-test-key',
  livekitApiSecret: 'live-test-secret-0123456789abcdef',
};

let t: TestApp;
let session: PublishedSession;
let commissioner: TestUser;
let linkWorker: TestUser;
let practitioner: TestUser;
let peer: TestUser;
const opened: LiveClient[] = [];

function live(
  browser: TestUser['client'] | null,
  options: Parameters<typeof LiveClient.open>[2] = {},
  app: TestApp = t,
): LiveClient {
  const client = LiveClient.open(app.url, browser, options);
  opened.push(client);
  return client;
}

/**
 * Subscribes and waits until the server listens, so nothing published afterwards can be missed.
 * Each test ends its subscriptions with `ended`, so the count starts from zero.
 */
async function subscribed<T>(
  app: TestApp,
  client: LiveClient,
  query: string,
  variables: Record<string, unknown>,
  topic: string,
): Promise<LiveSubscription<T>> {
  const listeners = () => app.app.get(LiveEvents).listeners(topic);
  const before = listeners();
  const subscription = client.subscribe<T>(query, variables);
  await eventually(() => listeners() > before || subscription.errors !== undefined);
  return subscription;
}

/** Unsubscribes and waits until the server has stopped listening. */
async function ended(app: TestApp, subscription: LiveSubscription<unknown>, topic: string): Promise<void> {
  subscription.dispose();
  await eventually(() => app.app.get(LiveEvents).listeners(topic) === 0);
}

beforeAll(async () => {
  t = await startTestApp({ now: new Date('2027-01-30T09:00:00Z'), config: LIVEKIT });
  session = await publishedSession(t);
  commissioner = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
  linkWorker = await registered(t, session.id, [Role.LINK_WORKER], 'HOST');
  practitioner = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
  peer = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
});

afterAll(async () => {
  await Promise.all(opened.map((client) => client.close()));
  await t?.close();
});

describe('connecting', () => {
  it('accepts a signed-in browser from our own origin', async () => {
    await expect(live(practitioner.client).connected()).resolves.toBeUndefined();
  });

  it('refuses the upgrade without a session cookie, with an unknown one, or from a foreign origin', async () => {
    expect(await LiveClient.handshake(t.url, practitioner.client)).toBe(101);
    expect(await LiveClient.handshake(t.url, null)).toBe(401);
    expect(await LiveClient.handshake(t.url, null, { cookie: '__Host-cyswllt_session=not-a-session' })).toBe(401);
    expect(await LiveClient.handshake(t.url, practitioner.client, { origin: 'https://evil.example' })).toBe(403);
    // Same origin either way: the configured public URL's, or the host the socket was opened on.
    expect(await LiveClient.handshake(t.url, practitioner.client, { origin: t.config.publicUrl })).toBe(101);
  });

  it('refuses a session that was signed out', async () => {
    const leaving = await t.createUser({ roles: [Role.PRACTITIONER] });
    const cookie = leaving.client.cookieHeader();
    expect(await LiveClient.handshake(t.url, null, { cookie })).toBe(101);
    await leaving.client.data(`mutation { logOut }`);
    expect(await LiveClient.handshake(t.url, null, { cookie })).toBe(401);
  });

  it('closes the open sockets of a login session when it signs out, and no one else’s', async () => {
    const leaving = await t.createUser({ roles: [Role.PRACTITIONER] });
    const staying = live(practitioner.client);
    await staying.connected();
    const socket = live(leaving.client);
    await subscribed(t, socket, REQUEST_RECEIVED, {}, BookingTopics.requestsFor(leaving.user.id));
    await leaving.client.data(`mutation { logOut }`);
    await eventually(() => socket.closeCode === 4401);
    expect(t.app.get(LiveEvents).listeners(BookingTopics.requestsFor(leaving.user.id))).toBe(0);
    expect(staying.closeCode).toBeUndefined();
  });

  it('serves only subscriptions, under the same limits as HTTP', async () => {
    const client = live(practitioner.client);
    expect(await client.subscribe(`query { me { id } }`).errorCode()).toBe('GRAPHQL_VALIDATION_FAILED');
    const tooLong = `subscription { meetingRequestReceived { ${'id '.repeat(2001)} } }`;
    expect(await client.subscribe(tooLong).errorCode()).toBe('GRAPHQL_PARSE_FAILED');
    const aliases = Array.from({ length: t.config.graphqlMaxAliases + 1 }, (_, i) => `a${i}: id`).join(' ');
    expect(await client.subscribe(`subscription { meetingRequestReceived { ${aliases} } }`).errorCode()).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    // A message past 64 KiB closes the socket (1009: message too big) before anything reads it.
    const oversized = live(practitioner.client);
    oversized.subscribe(`subscription { meetingRequestReceived { id } } # ${'x'.repeat(70_000)}`);
    await eventually(() => oversized.closeCode === 1009);
  });
});

describe('Database.afterCommit', () => {
  it('runs deferred work once the transaction commits, and never for one that rolled back or was retried', async () => {
    const ran: string[] = [];
    await expect(
      t.db.write(async (em) => {
        t.db.afterCommit(em, () => ran.push('rolled back'));
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    let attempts = 0;
    await t.db.write(async (em) => {
      attempts += 1;
      t.db.afterCommit(em, () => ran.push(`attempt ${attempts}`));
      // PostgreSQL retries a serialization failure with a fresh transaction; SQLite never sees one.
      if (t.engine === 'postgres' && attempts === 1)
        throw Object.assign(new Error('could not serialize access'), { code: '40001' });
    });
    expect(ran).toEqual([t.engine === 'postgres' ? 'attempt 2' : 'attempt 1']);
    expect(() => t.db.afterCommit(t.db.manager, () => ran.push('outside a write'))).toThrow(/Database.write/);
  });
});

describe('slotAvailabilityChanged', () => {
  it('tells a session’s viewers the seats left after a booking and after a cancellation', async () => {
    const [group] = await offer(commissioner, session.id, [1], 2);
    const slotId = session.slots[1]!.id;
    const viewer = live(peer.client);
    const sub = await subscribed<SlotsChanged>(
      t,
      viewer,
      SLOTS_CHANGED,
      { sessionId: session.id },
      BookingTopics.slots(session.id),
    );

    const { bookSlot } = await practitioner.client.data(BOOK, { offerId: group!.id });
    const booked = (await sub.next()).slotAvailabilityChanged;
    expect(booked.sessionId).toBe(session.id);
    expect(booked.slotIds).toEqual([slotId]);
    expect(booked.offers).toEqual([
      { id: group!.id, seats: 2, seatsLeft: 1, slot: { id: slotId, index: 1 }, host: { id: commissioner.user.id } },
    ]);

    await practitioner.client.data(CANCEL, { input: { meetingId: bookSlot.id, reason: 'Clash' } });
    const cancelled = (await sub.next()).slotAvailabilityChanged;
    expect(cancelled.offers).toEqual([expect.objectContaining({ id: group!.id, seatsLeft: 2 })]);
    await ended(t, sub, BookingTopics.slots(session.id));
  });

  it('says nothing of a booking that failed and was rolled back', async () => {
    const [commissionerSlot] = await offer(commissioner, session.id, [2]);
    const [linkSlot] = await offer(linkWorker, session.id, [2]);
    const [laterSlot] = await offer(linkWorker, session.id, [3]);
    const sub = await subscribed<SlotsChanged>(
      t,
      live(peer.client),
      SLOTS_CHANGED,
      { sessionId: session.id },
      BookingTopics.slots(session.id),
    );
    await practitioner.client.data(BOOK, { offerId: commissionerSlot!.id });
    expect((await sub.next()).slotAvailabilityChanged.slotIds).toEqual([session.slots[2]!.id]);

    // The meeting row is written, then seating the practitioner fails: the whole booking rolls back.
    expect(await practitioner.client.errorCode(BOOK, { offerId: linkSlot!.id })).toBe('SELF_BUSY');
    await peer.client.data(BOOK, { offerId: laterSlot!.id });
    // Events arrive in order: had the failed booking published, its slot would come first.
    const next = (await sub.next()).slotAvailabilityChanged;
    expect(next.slotIds).toEqual([session.slots[3]!.id]);
    expect(next.offers).toEqual([expect.objectContaining({ id: laterSlot!.id, seatsLeft: 0 })]);
    expect(sub.pending).toBe(0);
    await ended(t, sub, BookingTopics.slots(session.id));
  });

  it('shows a new offer, and a withdrawn one by its absence', async () => {
    const sub = await subscribed<SlotsChanged>(
      t,
      live(practitioner.client),
      SLOTS_CHANGED,
      { sessionId: session.id },
      BookingTopics.slots(session.id),
    );
    const [fresh] = await offer(commissioner, session.id, [4], 3);
    const opened = (await sub.next()).slotAvailabilityChanged;
    expect(opened.slotIds).toEqual([session.slots[4]!.id]);
    expect(opened.offers).toEqual([expect.objectContaining({ id: fresh!.id, seats: 3, seatsLeft: 3 })]);
    await commissioner.client.data(`mutation($id: ID!) { withdrawOffer(id: $id) }`, { id: fresh!.id });
    const withdrawn = (await sub.next()).slotAvailabilityChanged;
    expect(withdrawn).toMatchObject({ slotIds: [session.slots[4]!.id], offers: [] });
    await ended(t, sub, BookingTopics.slots(session.id));
  });

  it('follows a request accepted into a slot, then the meeting moved to another, in one event each', async () => {
    const [hostOffer] = await offer(linkWorker, session.id, [8]);
    const [slot8, slot9] = [session.slots[8]!.id, session.slots[9]!.id];
    const { sendMeetingRequest } = await peer.client.data(SEND_REQUEST, {
      input: { sessionId: session.id, toUserId: linkWorker.user.id, message: 'Referral routes?' },
    });
    const sub = await subscribed<SlotsChanged>(
      t,
      live(practitioner.client),
      SLOTS_CHANGED,
      { sessionId: session.id },
      BookingTopics.slots(session.id),
    );

    const { acceptMeetingRequest } = await linkWorker.client.data(ACCEPT_REQUEST, {
      input: { requestId: sendMeetingRequest.id, placement: 'SLOT', slotId: slot8 },
    });
    // The host is now held in slot 8 by the requested meeting, so their open offer there has no seat.
    expect((await sub.next()).slotAvailabilityChanged).toMatchObject({
      slotIds: [slot8],
      offers: [{ id: hostOffer!.id, seatsLeft: 0 }],
    });

    await linkWorker.client.data(RESCHEDULE, { input: { meetingId: acceptMeetingRequest.meetingId, slotId: slot9 } });
    const moved = (await sub.next()).slotAvailabilityChanged;
    expect([...moved.slotIds].sort()).toEqual([slot8, slot9].sort());
    expect(moved.offers).toEqual([expect.objectContaining({ id: hostOffer!.id, seatsLeft: 1 })]);
    expect(sub.pending).toBe(0);
    await ended(t, sub, BookingTopics.slots(session.id));
  });

  it('tells of a published auto-schedule in one event for all its slots', async () => {
    const { sendMeetingRequest } = await peer.client.data(SEND_REQUEST, {
      input: { sessionId: session.id, toUserId: commissioner.user.id, message: 'Evaluation?' },
    });
    await commissioner.client.data(ACCEPT_REQUEST, {
      input: { requestId: sendMeetingRequest.id, placement: 'AUTO_SCHEDULE' },
    });
    const { startAutoSchedule } = await session.organiser.client.data(
      `mutation($sessionId: ID!) { startAutoSchedule(sessionId: $sessionId) { id } }`,
      { sessionId: session.id },
    );
    await t.app.get(SchedulingService).settled(startAutoSchedule.id);
    const sub = await subscribed<SlotsChanged>(
      t,
      live(practitioner.client),
      SLOTS_CHANGED,
      { sessionId: session.id },
      BookingTopics.slots(session.id),
    );

    const { publishAutoSchedule } = await session.organiser.client.data(
      `mutation($id: ID!) { publishAutoSchedule(id: $id) { meetingIds } }`,
      { id: startAutoSchedule.id },
    );
    expect(publishAutoSchedule.meetingIds.length).toBeGreaterThan(0);
    const placedSlots = await Promise.all(
      publishAutoSchedule.meetingIds.map(
        async (id: string) =>
          (await session.organiser.client.data(`query($id: ID!) { meeting(id: $id) { slot { id } } }`, { id })).meeting
            .slot.id,
      ),
    );
    const published = (await sub.next()).slotAvailabilityChanged;
    expect([...published.slotIds].sort()).toEqual([...new Set(placedSlots)].sort());
    // One event for the whole timetable: the next one is already the next change.
    await offer(linkWorker, session.id, [10]);
    expect((await sub.next()).slotAvailabilityChanged.slotIds).toEqual([session.slots[10]!.id]);
    await ended(t, sub, BookingTopics.slots(session.id));
  });

  it('answers a session the subscriber may not see with the query’s typed error', async () => {
    const { createSession } = await session.organiser.client.data(CREATE_SESSION, {
      input: {
        titleCy: 'Drafft',
        titleEn: 'Draft',
        descriptionCy: '',
        descriptionEn: '',
        theme: 'OPEN',
        conditions: [],
        deliveryLanguage: 'en',
        region: null,
        startsAt: '2027-03-01T10:00:00.000Z',
        endsAt: '2027-03-01T11:00:00.000Z',
        slotMinutes: 10,
        breakSlotIndexes: [],
      },
    });
    const sub = live(practitioner.client).subscribe(SLOTS_CHANGED, { sessionId: createSession.id });
    expect(await sub.errorCode()).toBe('NOT_FOUND');
    expect(await live(practitioner.client).subscribe(SLOTS_CHANGED, { sessionId: 'not-a-uuid' }).errorCode()).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('meetingRequestReceived', () => {
  it('reaches the person a request is addressed to, and nobody else', async () => {
    const addressee = live(linkWorker.client);
    const bystander = live(commissioner.client);
    const toLinkWorker = await subscribed<any>(
      t,
      addressee,
      REQUEST_RECEIVED,
      {},
      BookingTopics.requestsFor(linkWorker.user.id),
    );
    const toCommissioner = await subscribed<any>(
      t,
      bystander,
      REQUEST_RECEIVED,
      {},
      BookingTopics.requestsFor(commissioner.user.id),
    );

    const { sendMeetingRequest } = await practitioner.client.data(SEND_REQUEST, {
      input: { sessionId: session.id, toUserId: linkWorker.user.id, message: 'Social prescribing for dance?' },
    });
    const received = (await toLinkWorker.next()).meetingRequestReceived;
    expect(received).toEqual({
      id: sendMeetingRequest.id,
      sessionId: session.id,
      message: 'Social prescribing for dance?',
      status: 'PENDING',
      from: { id: practitioner.user.id },
      to: { id: linkWorker.user.id },
    });

    // The commissioner's first event is the request sent to them later, not the one above.
    const { sendMeetingRequest: second } = await peer.client.data(SEND_REQUEST, {
      input: { sessionId: session.id, toUserId: commissioner.user.id, message: 'Hello' },
    });
    expect((await toCommissioner.next()).meetingRequestReceived.id).toBe(second.id);
    expect(toLinkWorker.pending).toBe(0);
  });
});

describe.runIf(TEST_ENGINE === 'postgres')('two API instances on Redis pub/sub', () => {
  it('a subscriber on one instance sees a booking made through the other, and a sign-out there', async () => {
    const prefix = channelPrefix();
    const first = await startTestApp({
      now: new Date('2027-01-30T09:00:00Z'),
      config: { pubsub: 'redis', pubsubChannelPrefix: prefix },
    });
    const second = await startTestApp({
      shareDatabaseWith: first,
      config: { pubsub: 'redis', pubsubChannelPrefix: prefix },
    });
    try {
      const shared = await publishedSession(first);
      const host = await registered(first, shared.id, [Role.COMMISSIONER], 'HOST');
      const guest = await registered(first, shared.id, [Role.PRACTITIONER], 'GUEST');
      const [slot] = await offer(host, shared.id, [1], 2);
      const sub = await subscribed<SlotsChanged>(
        first,
        live(host.client, {}, first),
        SLOTS_CHANGED,
        { sessionId: shared.id },
        BookingTopics.slots(shared.id),
      );

      // The guest's browser talks to the second instance (same cookie: one database of sessions).
      const throughSecond = new GqlClient(second.graphqlUrl);
      for (const [name, value] of guest.client.cookies) throughSecond.cookies.set(name, value);
      await throughSecond.data(BOOK, { offerId: slot!.id });

      const event = (await sub.next()).slotAvailabilityChanged;
      expect(event.offers).toEqual([expect.objectContaining({ id: slot!.id, seats: 2, seatsLeft: 1 })]);
      expect(second.app.get(LiveEvents).listeners(BookingTopics.slots(shared.id))).toBe(0);
      sub.dispose();

      // Signing out through the second instance closes the guest's socket on the first.
      const guestSocket = live(guest.client, {}, first);
      await subscribed(first, guestSocket, REQUEST_RECEIVED, {}, BookingTopics.requestsFor(guest.user.id));
      await throughSecond.data(`mutation { logOut }`);
      await eventually(() => guestSocket.closeCode === 4401);
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe('roomPresenceChanged', () => {
  async function roomEvent(
    event: 'participant_joined' | 'participant_left',
    roomName: string,
    identity: string,
    sid: string,
    at: Date,
  ): Promise<void> {
    const body = webhookBody({ event, roomName, createdAt: at, participant: { sid, identity } });
    expect(
      await postWebhook(
        `${t.url}/livekit/webhook`,
        body,
        await signWebhook(body, LIVEKIT.livekitApiKey, LIVEKIT.livekitApiSecret),
      ),
    ).toBe(200);
  }

  it('tells the session’s organiser who joined and left which meeting’s room, from LiveKit’s webhooks', async () => {
    // Two people new to the session, so nothing earlier (the auto-schedule) holds them.
    const host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
    const guest = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
    const [slot] = await offer(host, session.id, [7]);
    const { bookSlot } = await guest.client.data(BOOK, { offerId: slot!.id });
    const roomName = `cyswllt-${bookSlot.id}`;
    const topic = RoomsTopics.presence(session.id);
    const sub = await subscribed<any>(
      t,
      live(session.organiser.client),
      PRESENCE_CHANGED,
      { sessionId: session.id },
      topic,
    );

    await roomEvent('participant_joined', roomName, guest.user.id, 'PA_guest1', new Date('2027-02-01T11:08:00Z'));
    expect((await sub.next()).roomPresenceChanged).toEqual({
      sessionId: session.id,
      meetingId: bookSlot.id,
      present: true,
      at: '2027-02-01T11:08:00.000Z',
      person: { id: guest.user.id },
    });
    await roomEvent('participant_left', roomName, guest.user.id, 'PA_guest1', new Date('2027-02-01T11:15:00Z'));
    expect((await sub.next()).roomPresenceChanged).toMatchObject({
      meetingId: bookSlot.id,
      present: false,
      at: '2027-02-01T11:15:00.000Z',
    });
    await ended(t, sub, topic);
  });

  it('is for the session’s organisers and admins only', async () => {
    const admin = await t.createUser({ roles: [Role.ADMIN] });
    const otherOrganiser = await t.createUser({ roles: [Role.ORGANISER] });
    expect(await live(practitioner.client).subscribe(PRESENCE_CHANGED, { sessionId: session.id }).errorCode()).toBe(
      'FORBIDDEN',
    );
    expect(await live(otherOrganiser.client).subscribe(PRESENCE_CHANGED, { sessionId: session.id }).errorCode()).toBe(
      'NOT_SESSION_ORGANISER',
    );
    const watching = await subscribed<any>(
      t,
      live(admin.client),
      PRESENCE_CHANGED,
      { sessionId: session.id },
      RoomsTopics.presence(session.id),
    );
    expect(watching.errors).toBeUndefined();
    await ended(t, watching, RoomsTopics.presence(session.id));
  });
});
