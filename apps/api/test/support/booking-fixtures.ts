import { Role } from '../../src/core/auth/role';
import type { TestApp, TestUser } from './test-app';

export const CREATE_SESSION = `mutation($input: CreateSessionInput!) { createSession(input: $input) { id status slots { id index startsAt isBreak } } }`;
export const PUBLISH = `mutation($id: ID!) { publishSession(id: $id) { id status } }`;
export const REGISTER = `mutation($input: RegisterInput!) { registerForSession(input: $input) { id role } }`;
export const OFFER = `mutation($input: OfferSlotsInput!) { offerSlots(input: $input) { id seats seatsLeft slot { index } } }`;
export const BOOK = `mutation($offerId: ID!) { bookSlot(offerId: $offerId) { id status source startsAt participants { role person { id } } } }`;
export const CANCEL = `mutation($input: CancelMeetingInput!) { cancelMeeting(input: $input) { id status cancelReason } }`;
export const RESCHEDULE = `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { id status rescheduledFromId startsAt slot { index } participants { role person { id } } } }`;
export const AGENDA = `query($includeCancelled: Boolean) { myAgenda(includeCancelled: $includeCancelled) { id status startsAt startsAtLondon endsAtLondon cancelReason rescheduledFromId session { id titleEn } slot { index } participants { role confirmed person { id displayName } } } }`;
export const OFFERS = `query($sessionId: ID!, $hostId: ID) { sessionOffers(sessionId: $sessionId, hostId: $hostId) { id seats seatsLeft slot { index } host { id } } }`;
export const SEND_REQUEST = `mutation($input: SendMeetingRequestInput!) { sendMeetingRequest(input: $input) { id status thirdPartyStatus } }`;
export const ACCEPT_REQUEST = `mutation($input: AcceptMeetingRequestInput!) { acceptMeetingRequest(input: $input) { id status meetingId awaitingSchedule } }`;
export const DECLINE_REQUEST = `mutation($input: DeclineMeetingRequestInput!) { declineMeetingRequest(input: $input) { id status declineReason } }`;
export const WITHDRAW_REQUEST = `mutation($id: ID!) { withdrawMeetingRequest(id: $id) { id status } }`;
export const THIRD_PARTY = `mutation($id: ID!, $accept: Boolean!) { respondToMeetingRequestAsThirdParty(id: $id, accept: $accept) { id thirdPartyStatus } }`;
export const MEETING = `query($id: ID!) { meeting(id: $id) { id status slot { index } participants { role person { id } } } }`;

/** Two hours on 2027-02-01 (GMT) in twelve 10-minute slots; slot 6 is a break. */
export const SESSION_START = '2027-02-01T10:00:00.000Z';

export interface PublishedSession {
  id: string;
  slots: { id: string; index: number; startsAt: string; isBreak: boolean }[];
  organiser: TestUser;
}

export async function publishedSession(t: TestApp, overrides: Record<string, unknown> = {}): Promise<PublishedSession> {
  const organiser = await t.createUser({ roles: [Role.ORGANISER] });
  const { createSession } = await organiser.client.data(CREATE_SESSION, {
    input: {
      titleCy: 'Dawns a Parkinson’s',
      titleEn: 'Dance and Parkinson’s',
      descriptionCy: 'Sesiwn ymgynghori',
      descriptionEn: 'Consultation session',
      theme: 'CONDITION',
      conditions: ['parkinsons'],
      deliveryLanguage: 'BILINGUAL',
      region: null,
      startsAt: SESSION_START,
      endsAt: '2027-02-01T12:00:00.000Z',
      slotMinutes: 10,
      breakSlotIndexes: [6],
      ...overrides,
    },
  });
  await organiser.client.data(PUBLISH, { id: createSession.id });
  return { id: createSession.id, slots: createSession.slots, organiser };
}

export async function registered(
  t: TestApp,
  sessionId: string,
  roles: Role[],
  role: 'HOST' | 'GUEST',
  availableSlotIndexes?: number[],
): Promise<TestUser> {
  const person = await t.createUser({ roles });
  await person.client.data(REGISTER, { input: { sessionId, role, availableSlotIndexes } });
  return person;
}

export async function offer(
  host: TestUser,
  sessionId: string,
  slotIndexes: number[],
  seats = 1,
): Promise<{ id: string; slot: { index: number } }[]> {
  return (await host.client.data(OFFER, { input: { sessionId, slotIndexes, seats } })).offerSlots;
}
