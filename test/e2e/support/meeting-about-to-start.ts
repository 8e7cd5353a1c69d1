import {
  type AccessNeedsInput,
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

/** A published session of two 10-minute slots, `organiser`'s, starting on the minute at least `leadMs` from now. */
export async function sessionStartingSoon(
  base: string,
  organiser: string,
  title: { cy: string; en: string },
  leadMs = 20_000,
): Promise<{ sessionId: string; start: Date }> {
  const api = apiClient(base);
  await api(LogInDocument, { input: { email: organiser, password: DEMO_PASSWORD } });
  const start = new Date(Math.ceil((Date.now() + leadMs) / 60_000) * 60_000);
  const { createSession } = await api(CreateSessionDocument, {
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
  await api(PublishSessionDocument, { id: createSession.id });
  return { sessionId: createSession.id, start };
}

/** A published session starting 20 to 80 seconds from now, with `guest` booked into `host`'s first slot. */
export async function meetingAboutToStart(
  base: string,
  people: People,
  title: { cy: string; en: string },
  guestAccessNeeds?: AccessNeedsInput,
): Promise<Meeting> {
  const { sessionId, start } = await sessionStartingSoon(base, people.organiser, title);

  const host = apiClient(base);
  const hostMe = (await host(LogInDocument, { input: { email: people.host.email, password: DEMO_PASSWORD } })).logIn;
  await host(RegisterForSessionDocument, { input: { sessionId, role: 'HOST' } });
  await host(OfferSlotsDocument, { input: { sessionId, slotIndexes: [0], seats: 1 } });

  const guest = apiClient(base);
  await guest(LogInDocument, { input: { email: people.guest.email, password: DEMO_PASSWORD } });
  await guest(RegisterForSessionDocument, { input: { sessionId, role: 'GUEST' } });
  const offer = (await guest(SessionOffersDocument, { sessionId })).sessionOffers.find((o) => o.host.id === hostMe.id);
  if (!offer) throw new Error('The host’s offer is missing');
  const { bookSlot } = await guest(BookSlotDocument, { offerId: offer.id, accessNeeds: guestAccessNeeds });
  return { startsAt: start.getTime(), meetingId: bookSlot.id, sessionId };
}

export async function signIn(base: string, page: Page, lang: Lang, email: string): Promise<void> {
  await page.goto(`${base}/${lang}/sign-in`);
  await page.getByLabel(t(lang, 'field_email')).fill(email);
  await page.getByLabel(t(lang, 'field_password')).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: t(lang, 'sign_in_action'), exact: true }).click();
  await page.waitForURL(`${base}/${lang}/sessions`);
}
