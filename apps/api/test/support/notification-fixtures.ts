import ICAL from 'ical.js';
import { expect } from 'vitest';
import { Language, Role } from '../../src/core/auth/role';
import { BOOK, CREATE_SESSION, PUBLISH, REGISTER } from './booking-fixtures';
import { ReceivedMail } from './smtp-sink';
import { TestApp, TestUser } from './test-app';

/** Shared by the notifications specs: a booked meeting, and the .ics attached to a received mail. */

export function calendarOf(mail: ReceivedMail, filename = 'invite.ics') {
  const attachment = mail.parsed.attachments.find((a) => a.filename === filename);
  expect(attachment, `${filename} attached`).toBeDefined();
  const calendar = new ICAL.Component(ICAL.parse(attachment!.content.toString('utf8')));
  const vtimezone = calendar.getFirstSubcomponent('vtimezone');
  expect(vtimezone?.getFirstPropertyValue('tzid')).toBe('Europe/London');
  ICAL.TimezoneService.register(vtimezone!);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return {
    method: calendar.getFirstPropertyValue('method'),
    event,
    attendees: event.attendees.map((a) => String(a.getFirstValue()).replace(/^mailto:/i, '')),
  };
}

export interface Booked {
  organiser: TestUser;
  host: TestUser;
  guest: TestUser;
  meetingId: string;
  sessionId: string;
}

/** A published session on `day` with 30-minute slots from `startsAt`; a Welsh-speaking host offers slot 0; an English-speaking guest books it. */
export async function bookOne(t: TestApp, startsAt: string, endsAt: string): Promise<Booked> {
  const organiser = await t.createUser({ roles: [Role.ORGANISER] });
  const { createSession } = await organiser.client.data(CREATE_SESSION, {
    input: {
      titleCy: 'Celf a dementia',
      titleEn: 'Art and dementia',
      theme: 'CONDITION',
      conditions: ['dementia'],
      deliveryLanguage: 'BILINGUAL',
      startsAt,
      endsAt,
      slotMinutes: 30,
    },
  });
  await organiser.client.data(PUBLISH, { id: createSession.id });
  const host = await t.createUser({
    roles: [Role.COMMISSIONER],
    language: Language.cy,
    displayName: 'Gwesteiwr Cymraeg',
  });
  await host.client.data(REGISTER, { input: { sessionId: createSession.id, role: 'HOST' } });
  const { offerSlots } = await host.client.data(
    `mutation($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`,
    {
      input: { sessionId: createSession.id, slotIndexes: [0], seats: 1 },
    },
  );
  const guest = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.en, displayName: 'English Guest' });
  await guest.client.data(REGISTER, { input: { sessionId: createSession.id, role: 'GUEST' } });
  const { bookSlot } = await guest.client.data(BOOK, { offerId: offerSlots[0].id });
  return { organiser, host, guest, meetingId: bookSlot.id, sessionId: createSession.id };
}
