import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { BOOK, CANCEL, offer, publishedSession, PublishedSession, REGISTER } from './support/booking-fixtures';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Concurrency: many clients race over HTTP for the same seat, on this engine (TEST_DB). The
 * database's unique indexes must give exactly one winner per seat, and nobody two meetings at once.
 */
const CLIENTS = 200;
const ROUNDS = 20;
const SEATS = 3;

let t: TestApp;
let session: PublishedSession;
let host: TestUser;
let guests: TestUser[];

async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < count; start += size) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, k) => make(start + k)))));
  }
  return out;
}

async function overbookedMeetings(): Promise<number> {
  const { rows } = await t.db.sql<{ n: number }>(
    `SELECT COUNT(*) AS n FROM (
       SELECT p.meeting_id FROM meeting_participants p JOIN offers o ON o.id = p.offer_id
        WHERE p.active AND p.role = 'GUEST' GROUP BY p.meeting_id, o.seats HAVING COUNT(*) > o.seats) x`,
  );
  return Number(rows[0]!.n);
}

async function doubleBookedPeople(): Promise<number> {
  const { rows } = await t.db.sql<{ n: number }>(
    `SELECT COUNT(*) AS n FROM (SELECT user_id, slot_id FROM meeting_participants WHERE active GROUP BY user_id, slot_id HAVING COUNT(*) > 1) x`,
  );
  return Number(rows[0]!.n);
}

/** People still held by meetings that ended, and live meetings that have lost all their guests. */
async function orphans(): Promise<{ activeInCancelled: number; liveWithoutGuests: number }> {
  const activeInCancelled = await t.db.sql<{ n: number }>(
    `SELECT COUNT(*) AS n FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id WHERE p.active AND m.status = 'CANCELLED'`,
  );
  const liveWithoutGuests = await t.db.sql<{ n: number }>(
    `SELECT COUNT(*) AS n FROM meetings m WHERE m.status IN ('PROPOSED', 'CONFIRMED')
       AND NOT EXISTS (SELECT 1 FROM meeting_participants p WHERE p.meeting_id = m.id AND p.active AND p.role = 'GUEST')`,
  );
  return {
    activeInCancelled: Number(activeInCancelled.rows[0]!.n),
    liveWithoutGuests: Number(liveWithoutGuests.rows[0]!.n),
  };
}

beforeAll(async () => {
  t = await startTestApp({ now: new Date('2027-01-30T09:00:00Z') });
  session = await publishedSession(t, { endsAt: '2027-02-01T15:00:00.000Z', breakSlotIndexes: [] });
  host = await t.createUser({ roles: [Role.COMMISSIONER] });
  await host.client.data(REGISTER, { input: { sessionId: session.id, role: 'HOST' } });
  guests = await inBatches(CLIENTS, 8, async () => {
    const guest = await t.createUser({ roles: [Role.PRACTITIONER] });
    await guest.client.data(REGISTER, { input: { sessionId: session.id, role: 'GUEST' } });
    return guest;
  });
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe(`booking races on ${process.env.TEST_DB ?? 'sqlite'}`, () => {
  it(`gives the last seat to exactly one of ${CLIENTS} concurrent clients, ${ROUNDS} times`, async () => {
    const offers = await offer(
      host,
      session.id,
      Array.from({ length: ROUNDS }, (_, i) => i),
      SEATS,
    );
    for (const [round, slotOffer] of offers.entries()) {
      // Fill all but the last seat with two guests who sit this race out.
      const [early1, early2] = [guests[(round * 2) % CLIENTS]!, guests[(round * 2 + 1) % CLIENTS]!];
      await early1.client.data(BOOK, { offerId: slotOffer.id });
      await early2.client.data(BOOK, { offerId: slotOffer.id });
      const racers = guests.filter((g) => g !== early1 && g !== early2);
      const results = await Promise.all(racers.map((g) => g.client.request(BOOK, { offerId: slotOffer.id })));
      const winners = results.filter((r) => r.data?.bookSlot);
      const codes = results.flatMap((r) => r.errors?.map((e) => e.extensions?.code) ?? []);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(new Set(codes), `round ${round}`).toEqual(new Set(['SLOT_TAKEN']));
      expect(codes).toHaveLength(racers.length - 1);
      const { rows } = await t.db.sql<{ n: number }>(
        `SELECT COUNT(*) AS n FROM meeting_participants WHERE offer_id = ? AND active`,
        [slotOffer.id],
      );
      expect(Number(rows[0]!.n)).toBe(SEATS);
    }
    expect(await overbookedMeetings()).toBe(0);
    expect(await doubleBookedPeople()).toBe(0);
  }, 300_000);

  it('never puts one person in two meetings in a slot when everyone books several hosts at once', async () => {
    const slot = ROUNDS + 1;
    const hosts = await inBatches(10, 5, async () => {
      const h = await t.createUser({ roles: [Role.LINK_WORKER] });
      await h.client.data(REGISTER, { input: { sessionId: session.id, role: 'HOST' } });
      return (await offer(h, session.id, [slot], 1))[0]!;
    });
    const attempts = guests.flatMap((g, i) =>
      [hosts[i % hosts.length]!, hosts[(i * 7 + 3) % hosts.length]!].map((o) =>
        g.client.request(BOOK, { offerId: o.id }),
      ),
    );
    const results = await Promise.all(attempts);
    const won = results.filter((r) => r.data?.bookSlot).length;
    const codes = new Set(results.flatMap((r) => r.errors?.map((e) => e.extensions?.code) ?? []));
    expect(won).toBe(hosts.length);
    expect([...codes].every((c) => c === 'SLOT_TAKEN' || c === 'SELF_BUSY')).toBe(true);
    expect(await overbookedMeetings()).toBe(0);
    expect(await doubleBookedPeople()).toBe(0);
  }, 120_000);

  it('never seats a guest in a meeting being cancelled, nor leaves a live meeting without guests', async () => {
    const groupHost = await t.createUser({ roles: [Role.COMMISSIONER] });
    await groupHost.client.data(REGISTER, { input: { sessionId: session.id, role: 'HOST' } });
    const rounds = await offer(groupHost, session.id, [22, 23], 5);
    for (const [round, groupOffer] of rounds.entries()) {
      const seated = guests.slice(round * 20, round * 20 + 3);
      let meetingId = '';
      for (const guest of seated) meetingId = (await guest.client.data(BOOK, { offerId: groupOffer.id })).bookSlot.id;
      const joiners = guests.slice(round * 20 + 3, round * 20 + 13);
      const cancelByHost = round === 0;
      await Promise.all([
        ...(cancelByHost
          ? [groupHost.client.request(CANCEL, { input: { meetingId, reason: 'race' } })]
          : seated.map((g) => g.client.request(CANCEL, { input: { meetingId, reason: 'leaving' } }))),
        ...joiners.map((g) => g.client.request(BOOK, { offerId: groupOffer.id })),
      ]);
      expect(await orphans(), `round ${round}`).toEqual({ activeInCancelled: 0, liveWithoutGuests: 0 });
    }
    expect(await overbookedMeetings()).toBe(0);
    expect(await doubleBookedPeople()).toBe(0);
  }, 120_000);
});
