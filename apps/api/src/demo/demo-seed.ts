import type { Type } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Actor } from '../core/auth/role';
import { Clock } from '../core/clock/clock';
import { Database } from '../core/database/database';
import { AccountsService } from '../modules/accounts/accounts.service';
import type { UserEntity } from '../modules/accounts/entities/user.entity';
import { OrganisationsService } from '../modules/accounts/organisations.service';
import { AcceptPlacement, RegistrationRole } from '../modules/booking/booking.enums';
import { MeetingsService } from '../modules/booking/meetings.service';
import { RegistrationsService } from '../modules/booking/registrations.service';
import { RequestsService } from '../modules/booking/requests.service';
import { SessionsService } from '../modules/events/sessions.service';
import { SESSION_ZONE } from '../modules/events/slot-grid';
import { ProfilesService } from '../modules/profiles/profiles.service';
import {
  DEMO_EMAIL_DOMAIN,
  DEMO_LOGIN_KEYS,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  DEMO_SESSIONS,
  DemoPerson,
  DemoSession,
} from './demo-data';

export interface DemoLogin {
  role: string;
  name: string;
  email: string;
}

export interface DemoSeedResult {
  seeded: boolean;
  /** Why nothing was seeded, when seeded is false. */
  reason?: string;
  counts?: {
    organisations: number;
    users: number;
    sessions: number;
    offers: number;
    meetings: number;
    requests: number;
    pendingRequests: number;
  };
  logins?: DemoLogin[];
  password?: string;
  milliseconds?: number;
}

/** Where the seed finds the modules' services: the application, or the demo module's ModuleRef. */
export interface ProviderLookup {
  get<T>(type: Type<T> | (abstract new (...args: never[]) => T), options: { strict: false }): T;
}

/** How many accounts are created at once (argon2 hashes run on libuv's thread pool). */
const USER_CONCURRENCY = 4;

/**
 * Seeds the demo data set (demo-data.ts) into an empty database, through the modules' exported
 * services only — the same rules, validation and transactions as the GraphQL API — acting as the
 * demo users themselves. Idempotent: when the database already has any user, it does nothing.
 *
 * Runs at start-up when config.seedDemo is set (`npm start` passes --seed-demo): bootstrap.ts then
 * wires the DemoModule (demo.module.ts) into the app.
 */
export async function seedDemo(app: ProviderLookup): Promise<DemoSeedResult> {
  const started = Date.now();
  const db = app.get(Database, { strict: false });
  // A read-only check; nothing here writes to another module's tables except through its service.
  const { rows } = await db.sql<{ n: number | string }>('SELECT COUNT(*) AS n FROM users');
  if (Number(rows[0]?.n ?? 0) > 0) return { seeded: false, reason: 'the database already has users' };

  const accounts = app.get(AccountsService, { strict: false });
  const organisations = app.get(OrganisationsService, { strict: false });
  const profiles = app.get(ProfilesService, { strict: false });
  const sessions = app.get(SessionsService, { strict: false });
  const registrations = app.get(RegistrationsService, { strict: false });
  const meetings = app.get(MeetingsService, { strict: false });
  const requests = app.get(RequestsService, { strict: false });
  const clock = app.get(Clock, { strict: false });

  const organisationIds = new Map<string, string>();
  for (const organisation of DEMO_ORGANISATIONS) {
    organisationIds.set(organisation.key, (await organisations.create(organisation.name, organisation.kind)).id);
  }

  const actors = new Map<string, Actor>();
  await inBatches(DEMO_PEOPLE, USER_CONCURRENCY, async (person) => {
    const user = await accounts.createUser(
      {
        email: emailOf(person),
        displayName: person.displayName,
        language: person.language,
        roles: [person.role],
        organisationId: person.organisation ? required(organisationIds, person.organisation, 'organisation') : null,
      },
      DEMO_PASSWORD,
    );
    actors.set(person.key, actorOf(user));
  });
  const actor = (key: string) => required(actors, key, 'person');

  for (const person of DEMO_PEOPLE) {
    if (person.profile) await profiles.upsertOwn(actor(person.key), person.profile);
  }

  let offerCount = 0;
  let meetingCount = 0;
  let requestCount = 0;
  let acceptedCount = 0;
  for (const spec of DEMO_SESSIONS) {
    const organiser = actor(spec.organiser);
    const { startsAt, endsAt } = sessionTimes(spec, clock.now());
    const session = await sessions.create(organiser, {
      titleCy: spec.titleCy,
      titleEn: spec.titleEn,
      descriptionCy: spec.descriptionCy,
      descriptionEn: spec.descriptionEn,
      theme: spec.theme,
      conditions: spec.conditions,
      deliveryLanguage: spec.deliveryLanguage,
      region: spec.region,
      startsAt,
      endsAt,
      slotMinutes: spec.slotMinutes,
      breakSlotIndexes: spec.breakSlotIndexes,
    });
    await sessions.publish(organiser, session.id);

    // Hosts: available in the slots they offer, then the offers themselves.
    const offerIds = new Map<string, string>(); // `${host}:${slot}` → offer id
    const hosts = [...new Set(spec.offers.map((offer) => offer.host))];
    for (const host of hosts) {
      const offered = [...new Set(spec.offers.filter((o) => o.host === host).flatMap((o) => o.slots))].sort(
        (a, b) => a - b,
      );
      await registrations.register(actor(host), session.id, RegistrationRole.HOST, offered);
    }
    const slotIndex = new Map((await sessions.slotsOf([session.id])).map((slot) => [slot.id, slot.idx]));
    for (const offer of spec.offers) {
      const made = await registrations.offerSlots(actor(offer.host), session.id, offer.slots, offer.seats ?? 1);
      offerCount += made.length;
      for (const entity of made) offerIds.set(`${offer.host}:${slotIndex.get(entity.slotId)}`, entity.id);
    }
    for (const guest of spec.guests) {
      await registrations.register(actor(guest.person), session.id, RegistrationRole.GUEST, guest.available);
    }

    for (const booking of spec.bookings) {
      await meetings.book(actor(booking.guest), required(offerIds, `${booking.host}:${booking.slot}`, 'offer'));
      meetingCount += 1;
    }

    for (const request of spec.requests) {
      const sent = await requests.send(actor(request.from), {
        sessionId: session.id,
        toUserId: actor(request.to).id,
        thirdPartyId: request.thirdParty ? actor(request.thirdParty).id : null,
        message: request.message,
      });
      requestCount += 1;
      if (request.accept) {
        await requests.accept(actor(request.to), sent.id, AcceptPlacement.EARLIEST_MUTUAL, undefined);
        acceptedCount += 1;
        meetingCount += 1;
      }
    }
  }

  return {
    seeded: true,
    counts: {
      organisations: DEMO_ORGANISATIONS.length,
      users: DEMO_PEOPLE.length,
      sessions: DEMO_SESSIONS.length,
      offers: offerCount,
      meetings: meetingCount,
      requests: requestCount,
      pendingRequests: requestCount - acceptedCount,
    },
    logins: DEMO_LOGIN_KEYS.map((key) => {
      const person = DEMO_PEOPLE.find((p) => p.key === key)!;
      return { role: person.role, name: person.displayName, email: emailOf(person) };
    }),
    password: DEMO_PASSWORD,
    milliseconds: Date.now() - started,
  };
}

/** A short, aligned table of the demo logins, for the console at first start. */
export function formatDemoLogins(result: DemoSeedResult): string {
  if (!result.seeded || !result.logins) return `Demo data: not seeded (${result.reason ?? 'nothing to do'}).`;
  const rows = [['Role', 'Name', 'E-mail'], ...result.logins.map((l) => [l.role, l.name, l.email])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`.trimEnd();
  const c = result.counts!;
  return [
    `Demo data seeded in ${result.milliseconds} ms: ${c.users} people, ${c.organisations} organisations, ${c.sessions} published sessions, ` +
      `${c.offers} offered slots, ${c.meetings} meetings, ${c.requests} meeting requests (${c.pendingRequests} pending).`,
    `Demo logins — every demo account's password is ${result.password} (sign in with the logIn mutation):`,
    line(rows[0]!),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(1).map(line),
  ].join('\n');
}

function sessionTimes(spec: DemoSession, now: Date): { startsAt: Date; endsAt: Date } {
  const start = DateTime.fromJSDate(now, { zone: SESSION_ZONE })
    .startOf('day')
    .plus({ days: spec.dayOffset })
    .set({ hour: spec.startHour, minute: spec.startMinute ?? 0, second: 0, millisecond: 0 });
  return { startsAt: start.toJSDate(), endsAt: start.plus({ minutes: spec.durationMinutes }).toJSDate() };
}

function emailOf(person: DemoPerson): string {
  return `${person.email}@${DEMO_EMAIL_DOMAIN}`;
}

function actorOf(user: UserEntity): Actor {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    language: user.preferredLanguage,
    roles: user.roles,
    loginSessionId: 'demo-seed',
    emailConfirmed: true,
  };
}

function required<V>(map: Map<string, V>, key: string, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo data: unknown ${what} "${key}"`);
  return value;
}

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}
