import {
  BookSlotDocument,
  CreateSessionDocument,
  LogInDocument,
  OfferSlotsDocument,
  PublishSessionDocument,
  RegisterForSessionDocument,
  SessionOffersDocument,
} from '@cyswllt/contracts';
import type { Page } from 'playwright-core';
import { apiClient, DEMO_PASSWORD } from './global-setup';
import { type Lang, t } from './browser';

/** Shared by the after-the-meeting journeys: a one-to-one about to start, and signing in. */

export interface Meeting {
  startsAt: number;
  meetingId: string;
  sessionId: string;
}

export interface People {
  organiser: string;
  host: { email: string };
  guest: { email: string };
}

/** A published session starting 20 to 80 seconds from now, with `guest` booked into `host`'s first slot. */
export async function meetingAboutToStart(
  base: string,
  people: People,
  title: { cy: string; en: string },
): Promise<Meeting> {
  const organiser = apiClient(base);
  await organiser(LogInDocument, { input: { email: people.organiser, password: DEMO_PASSWORD } });
  const start = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
  const { createSession } = await organiser(CreateSessionDocument, {
    input: {
      titleCy: title.cy,
      titleEn: title.en,
      descriptionCy: 'Cyfarfodydd byr.',
      descriptionEn: 'Short meetings.',
      theme: 'OPEN',
      deliveryLanguage: 'BILINGUAL',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 20 * 60_000).toISOString(),
      slotMinutes: 10,
    },
  });
  await organiser(PublishSessionDocument, { id: createSession.id });

  const host = apiClient(base);
  const hostMe = (await host(LogInDocument, { input: { email: people.host.email, password: DEMO_PASSWORD } })).logIn;
  await host(RegisterForSessionDocument, { input: { sessionId: createSession.id, role: 'HOST' } });
  await host(OfferSlotsDocument, { input: { sessionId: createSession.id, slotIndexes: [0], seats: 1 } });

  const guest = apiClient(base);
  await guest(LogInDocument, { input: { email: people.guest.email, password: DEMO_PASSWORD } });
  await guest(RegisterForSessionDocument, { input: { sessionId: createSession.id, role: 'GUEST' } });
  const offer = (await guest(SessionOffersDocument, { sessionId: createSession.id })).sessionOffers.find(
    (o) => o.host.id === hostMe.id,
  );
  if (!offer) throw new Error('The host’s offer is missing');
  const { bookSlot } = await guest(BookSlotDocument, { offerId: offer.id });
  return { startsAt: start.getTime(), meetingId: bookSlot.id, sessionId: createSession.id };
}

export async function signIn(base: string, page: Page, lang: Lang, email: string): Promise<void> {
  await page.goto(`${base}/${lang}/sign-in`);
  await page.getByLabel(t(lang, 'field_email')).fill(email);
  await page.getByLabel(t(lang, 'field_password')).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: t(lang, 'sign_in_action'), exact: true }).click();
  await page.waitForURL(`${base}/${lang}/sessions`);
}
