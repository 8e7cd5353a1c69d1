import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Kind, OperationDefinitionNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { GqlClient, GqlResponse } from './support/gql-client';
import { LiveEvents } from '../src/core/realtime/live-events';
import { BookingTopics } from '../src/modules/booking/booking-live';
import { SchedulingService } from '../src/modules/matching/scheduling.service';
import { FollowUpActionsService } from '../src/modules/followups/follow-up-actions.service';
import { FollowUpKind } from '../src/modules/followups/followups.enums';
import { RoomsTopics } from '../src/modules/rooms/rooms-live';
import { LiveClient } from './support/live-client';
import { eventually } from './support/livekit-harness';
import { newSecretToken, sha256 } from '../src/core/auth/login-session.service';
import {
  EmailConfirmationsRepository,
  PasswordResetsRepository,
} from '../src/modules/accounts/single-use-links.repository';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * docs/architecture.md#security-and-privacy: "Every query and mutation states its rule: role plus ownership. Test the matrix."
 *
 * One table (MATRIX), one loop. Each row is one operation (sometimes a variant of it, after `#`)
 * and the outcome for each caller. The first test reads every Query, Mutation and Subscription
 * from the running app's schema and fails when one has no row, so a new operation cannot ship
 * without its rule. Subscriptions are opened over WebSocket as a browser would: `ok` once the
 * server listens to the row's topic; anonymous sockets are refused (401) before any operation.
 *
 * Outcomes:
 *   ok      allowed: the call succeeds or fails only with a domain error (SLOT_TAKEN,
 *           ALREADY_REGISTERED, INVALID_TRANSITION, ...). Never one of the denial codes below, and
 *           never BAD_USER_INPUT / a validation error / an internal error (that means the row's
 *           document or variables are broken, not that the rule allowed it).
 *   unauth  UNAUTHENTICATED          forbid  FORBIDDEN              404  NOT_FOUND (hidden by ownership)
 *   nso     NOT_SESSION_ORGANISER    nap     NOT_A_PARTICIPANT      nyr  NOT_YOUR_REQUEST
 *   hrr     HOST_ROLE_REQUIRED       rni     ROLE_NOT_INVITABLE
 *   nao     NOT_ACTION_OWNER         neo     NOT_EVIDENCE_OWNER     nns  NOT_A_NO_SHOW
 *   anp     ACCESS_NEEDS_PRIVATE (a field-level denial: the meeting is seen, its access needs are not)
 *   ·       no such caller for this row
 *
 * Callers (columns):
 *   anon    not signed in
 *   prac / comm / link   a PRACTITIONER / COMMISSIONER / LINK_WORKER with no part in the fixtures
 *   org     the ORGANISER who owns the fixture sessions      org2  another ORGANISER
 *   admin   an ADMIN
 *   partic  a PRACTITIONER registered for the fixture session but not party to the row's object
 *   owner   the person the row's object belongs to (named per row: guest, host, sender, ...)
 *   other   the other party to that object, where there is one (e.g. the sender of a request
 *           only the receiver may accept)
 *
 * Fixtures (set up once): a published session owned by `org` with a host offer, a meeting (guest
 * booked host), a pending request (sender → receiver, third party invited), a proposal, a draft
 * and a spare published session. A row that uses one up says so (`uses`); when its call succeeds
 * the next caller gets a fresh one.
 */

const COLUMNS = ['anon', 'prac', 'comm', 'link', 'org', 'org2', 'admin', 'partic', 'owner', 'other'] as const;
type Column = (typeof COLUMNS)[number];

const CODES: Record<string, string> = {
  ok: 'ok',
  unauth: 'UNAUTHENTICATED',
  forbid: 'FORBIDDEN',
  '404': 'NOT_FOUND',
  nso: 'NOT_SESSION_ORGANISER',
  nap: 'NOT_A_PARTICIPANT',
  nyr: 'NOT_YOUR_REQUEST',
  hrr: 'HOST_ROLE_REQUIRED',
  rni: 'ROLE_NOT_INVITABLE',
  nis: 'NOT_IN_SESSION',
  nao: 'NOT_ACTION_OWNER',
  neo: 'NOT_EVIDENCE_OWNER',
  nns: 'NOT_A_NO_SHOW',
  anp: 'ACCESS_NEEDS_PRIVATE',
  '·': 'n/a',
};
/** Codes that mean "the rule said no"; an allowed call never ends with one of these. */
const DENIALS = new Set(Object.values(CODES).filter((code) => !['ok', 'n/a'].includes(code)));
/** Codes that mean the row itself is wrong (bad document or variables, or a crash). */
const BROKEN = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'INTERNAL_SERVER_ERROR',
  'no code',
]);

type Cast =
  | 'practitioner'
  | 'commissioner'
  | 'linkWorker'
  | 'organiser'
  | 'otherOrganiser'
  | 'admin'
  | 'participant'
  | 'host'
  | 'guest'
  | 'sender'
  | 'receiver'
  | 'thirdParty'
  | 'loginTarget'
  | 'coOrganiser';

/** Things a call can use up; `Fixtures.get` makes a new one when the last was spent. */
type Stock =
  | 'offer'
  | 'meeting'
  | 'request'
  | 'proposal'
  | 'draft'
  | 'spareSession'
  | 'invitation'
  | 'passwordReset'
  | 'emailConfirmation'
  | 'scheduleRun'
  | 'followUpAction'
  | 'evidenceMethod';

type Vars = Record<string, unknown>;

interface Row {
  /** `Query.<field>` or `Mutation.<field>`, optionally `#variant`. */
  op: string;
  expect: Record<Column, string>;
  vars?: (f: Fixtures) => Vars | Promise<Vars>;
  owner?: Cast;
  other?: Cast;
  /** The stock this call uses up when it succeeds. */
  uses?: Stock;
  /** The call changes the browser's login (logIn, logOut, signUp, acceptInvitation): run it in a throwaway login. */
  ownLogin?: boolean;
  /** Subscriptions: the live-event topic the server listens to once it has allowed the caller. */
  listensTo?: (vars: Vars, caller: TestUser) => string;
}

/** A row's document: its variant's own (a field-level rule, e.g. `Query.meeting#accessNeeds`), else its operation's. */
function docOf(row: Row): string | undefined {
  return DOCS[row.op] ?? DOCS[baseOp(row.op)];
}

/** One minimal, valid document per operation (and per variant that selects a field with its own rule). */
const DOCS: Record<string, string> = {
  'Query.me': `{ me { id } }`,
  'Query.person': `query ($id: ID!) { person(id: $id) { id } }`,
  'Query.organisations': `{ organisations { id } }`,
  'Query.taxonomy': `query ($vocabulary: Vocabulary!) { taxonomy(vocabulary: $vocabulary) { code } }`,
  'Query.myProfile': `{ myProfile { updatedAt } }`,
  'Query.sessions': `query ($filter: SessionFilterInput) { sessions(filter: $filter, first: 1) { edges { cursor } } }`,
  'Query.session': `query ($id: ID!) { session(id: $id) { id } }`,
  'Query.previewSlotGrid': `query ($input: SlotGridInput!) { previewSlotGrid(input: $input) { index } }`,
  'Query.sessionOffers': `query ($sessionId: ID!) { sessionOffers(sessionId: $sessionId) { id } }`,
  'Query.sessionParticipants': `query ($sessionId: ID!) { sessionParticipants(sessionId: $sessionId) { id } }`,
  'Query.sessionProposals': `{ sessionProposals { id } }`,
  'Query.openSessionProposals': `{ openSessionProposals { id support { attending } comments { id } } }`,
  'Query.myAgenda': `{ myAgenda { id } }`,
  'Query.myStandby': `query ($sessionId: ID!) { myStandby(sessionId: $sessionId) { offerId } }`,
  'Query.myMeetingRequests': `{ myMeetingRequests(direction: SENT) { id } }`,
  'Query.meeting': `query ($id: ID!) { meeting(id: $id) { id } }`,
  'Query.meeting#accessNeeds': `query ($id: ID!) { meeting(id: $id) { id accessNeeds { userId needs } } }`,
  'Query.myAccessNeeds': `{ myAccessNeeds { needs } }`,
  'Mutation.saveMyAccessNeeds': `mutation ($input: AccessNeedsInput!) { saveMyAccessNeeds(input: $input) { needs } }`,
  'Mutation.withdrawAccessNeedsConsent': `mutation { withdrawAccessNeedsConsent }`,
  'Query.meetingRequest': `query ($id: ID!) { meetingRequest(id: $id) { id } }`,

  'Mutation.signUp': `mutation ($input: SignUpInput!) { signUp(input: $input) { id } }`,
  'Mutation.confirmEmail': `mutation ($input: ConfirmEmailInput!) { confirmEmail(input: $input) }`,
  'Mutation.resendEmailConfirmation': `mutation ($input: ResendEmailConfirmationInput!) { resendEmailConfirmation(input: $input) }`,
  'Mutation.logIn': `mutation ($input: LogInInput!) { logIn(input: $input) { id } }`,
  'Mutation.logOut': `mutation { logOut }`,
  'Mutation.acceptInvitation': `mutation ($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { id } }`,
  'Mutation.requestPasswordReset': `mutation ($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`,
  'Mutation.resetPassword': `mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { id } }`,
  'Mutation.createInvitation': `mutation ($input: CreateInvitationInput!) { createInvitation(input: $input) { invitationId } }`,
  'Mutation.updateMe': `mutation ($input: UpdateMeInput!) { updateMe(input: $input) { id } }`,
  'Mutation.eraseMyAccount': `mutation ($input: EraseMyAccountInput!) { eraseMyAccount(input: $input) }`,
  'Mutation.createOrganisation': `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
  'Query.organisationMembershipRequests': `{ organisationMembershipRequests { id } }`,
  'Mutation.decideOrganisationMembership': `mutation ($input: DecideOrganisationMembershipInput!) { decideOrganisationMembership(input: $input) { id } }`,
  'Mutation.updateMyProfile': `mutation ($input: ProfileInput!) { updateMyProfile(input: $input) { updatedAt } }`,
  'Mutation.createSession': `mutation ($input: CreateSessionInput!) { createSession(input: $input) { id } }`,
  'Mutation.updateSessionTexts': `mutation ($id: ID!, $input: SessionTextsInput!) { updateSessionTexts(id: $id, input: $input) { id } }`,
  'Mutation.backProposal': `mutation ($input: BackProposalInput!) { backProposal(input: $input) { id } }`,
  'Mutation.commentOnProposal': `mutation ($input: CommentOnProposalInput!) { commentOnProposal(input: $input) { id } }`,
  'Mutation.updateSession': `mutation ($id: ID!, $input: UpdateSessionInput!) { updateSession(id: $id, input: $input) { id } }`,
  'Mutation.moveSession': `mutation ($id: ID!, $startsAt: DateTime!) { moveSession(id: $id, startsAt: $startsAt) { id } }`,
  'Mutation.publishSession': `mutation ($id: ID!) { publishSession(id: $id) { id } }`,
  'Mutation.cancelSession': `mutation ($id: ID!) { cancelSession(id: $id, reason: "matrix") { id } }`,
  'Mutation.proposeSession': `mutation ($input: ProposeSessionInput!) { proposeSession(input: $input) { id } }`,
  'Mutation.acceptProposal': `mutation ($id: ID!, $session: CreateSessionInput!) { acceptProposal(proposalId: $id, session: $session) { id } }`,
  'Mutation.declineProposal': `mutation ($input: DecideProposalInput!) { declineProposal(input: $input) { id } }`,
  'Mutation.registerForSession': `mutation ($input: RegisterInput!) { registerForSession(input: $input) { id } }`,
  'Mutation.updateRegistration': `mutation ($input: UpdateRegistrationInput!) { updateRegistration(input: $input) { id } }`,
  'Mutation.offerSlots': `mutation ($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`,
  'Mutation.withdrawOffer': `mutation ($id: ID!) { withdrawOffer(id: $id) }`,
  'Mutation.bookSlot': `mutation ($id: ID!) { bookSlot(offerId: $id) { id } }`,
  'Mutation.cancelMeeting': `mutation ($id: ID!) { cancelMeeting(input: { meetingId: $id, reason: "matrix" }) { id } }`,
  'Mutation.joinStandby': `mutation ($id: ID!) { joinStandby(offerId: $id) { offerId } }`,
  'Mutation.leaveStandby': `mutation ($id: ID!) { leaveStandby(offerId: $id) }`,
  'Mutation.claimStandbySeat': `mutation ($id: ID!) { claimStandbySeat(offerId: $id) { id } }`,
  'Mutation.leaveSession': `mutation ($sessionId: ID!) { leaveSession(input: { sessionId: $sessionId, reason: "matrix" }) }`,
  'Mutation.rescheduleMeeting': `mutation ($id: ID!, $slotId: ID!) { rescheduleMeeting(input: { meetingId: $id, slotId: $slotId }) { id } }`,
  'Mutation.confirmMeeting': `mutation ($id: ID!) { confirmMeeting(id: $id) { id } }`,
  'Query.myReciprocity': `{ myReciprocity { showOnProfile } }`,
  'Mutation.recordExchange': `mutation ($id: ID!) { recordExchange(input: { meetingId: $id, gave: [ADVICE], got: [], preparationMinutes: 0 }) { meetingId } }`,
  'Mutation.showReciprocityOnProfile': `mutation { showReciprocityOnProfile(show: false) }`,
  'Mutation.reportMeetingOutcome': `mutation ($id: ID!) { reportMeetingOutcome(input: { meetingId: $id, happened: true }) { id } }`,
  'Mutation.setMeetingOutcome': `mutation ($id: ID!) { setMeetingOutcome(input: { meetingId: $id, held: true }) { id } }`,
  'Query.myNoShows': `{ myNoShows { state } }`,
  'Mutation.joinSessionWaitingList': `mutation ($sessionId: ID!) { joinSessionWaitingList(input: { sessionId: $sessionId }) }`,
  'Mutation.leaveSessionWaitingList': `mutation ($sessionId: ID!) { leaveSessionWaitingList(sessionId: $sessionId) }`,
  'Mutation.disputeNoShow': `mutation ($id: ID!) { disputeNoShow(input: { meetingId: $id }) { state } }`,
  'Mutation.sendMeetingRequest': `mutation ($input: SendMeetingRequestInput!) { sendMeetingRequest(input: $input) { id } }`,
  'Mutation.acceptMeetingRequest': `mutation ($id: ID!) { acceptMeetingRequest(input: { requestId: $id, placement: AUTO_SCHEDULE }) { id } }`,
  'Mutation.declineMeetingRequest': `mutation ($id: ID!) { declineMeetingRequest(input: { requestId: $id, reason: "matrix" }) { id } }`,
  'Mutation.withdrawMeetingRequest': `mutation ($id: ID!) { withdrawMeetingRequest(id: $id) { id } }`,
  'Mutation.respondToMeetingRequestAsThirdParty': `mutation ($id: ID!) { respondToMeetingRequestAsThirdParty(id: $id, accept: true) { id } }`,
  'Query.recommendations': `query ($sessionId: ID!) { recommendations(sessionId: $sessionId) { score } }`,
  'Query.scheduleSettings': `query ($sessionId: ID!) { scheduleSettings(sessionId: $sessionId) { sessionId } }`,
  'Mutation.updateScheduleSettings': `mutation ($input: UpdateScheduleSettingsInput!) { updateScheduleSettings(input: $input) { sessionId } }`,
  'Mutation.startAutoSchedule': `mutation ($sessionId: ID!) { startAutoSchedule(sessionId: $sessionId) { id } }`,
  'Query.scheduleRun': `query ($id: ID!) { scheduleRun(id: $id) { status } }`,
  'Query.scheduleRunFairness': `query ($id: ID!) { scheduleRunFairness(runId: $id) { runId people { display } } }`,
  'Query.sessionFairness': `query ($sessionId: ID!) { sessionFairness(sessionId: $sessionId) { sessionId withoutMeetingList { reason } } }`,
  'Query.scheduleRuns': `query ($sessionId: ID!) { scheduleRuns(sessionId: $sessionId) { id } }`,
  'Mutation.cancelAutoSchedule': `mutation ($id: ID!) { cancelAutoSchedule(id: $id) { id } }`,
  'Mutation.removeDraftMeeting': `mutation ($id: ID!) { removeDraftMeeting(id: $id, index: 0) { id } }`,
  'Mutation.discardAutoSchedule': `mutation ($id: ID!) { discardAutoSchedule(id: $id) { id } }`,
  'Mutation.publishAutoSchedule': `mutation ($id: ID!) { publishAutoSchedule(id: $id) { meetingIds } }`,
  'Mutation.joinMeeting': `mutation ($id: ID!, $hidden: Boolean) { joinMeeting(meetingId: $id, hidden: $hidden) { token } }`,
  'Query.sessionLiveRooms': `query ($sessionId: ID!) { sessionLiveRooms(sessionId: $sessionId) { roomName } }`,
  'Query.sessionAttendanceReport': `query ($sessionId: ID!) { sessionAttendanceReport(sessionId: $sessionId) { held } }`,
  'Mutation.muteMeetingTrack': `mutation ($input: MuteTrackInput!) { muteMeetingTrack(input: $input) { sid } }`,
  'Mutation.removeFromMeetingRoom': `mutation ($input: RoomParticipantInput!) { removeFromMeetingRoom(input: $input) { disconnected } }`,
  'Mutation.restoreMeetingParticipant': `mutation ($input: RoomParticipantInput!) { restoreMeetingParticipant(input: $input) { id } }`,
  'Mutation.endMeetingRoom': `mutation ($id: ID!) { endMeetingRoom(meetingId: $id) { id } }`,
  'Query.interpreterCandidates': `{ interpreterCandidates { userId displayName } }`,
  'Query.meetingInterpreters': `query ($id: ID!) { meetingInterpreters(meetingId: $id) { userId languages } }`,
  'Mutation.assignInterpreter': `mutation ($input: AssignInterpreterInput!) { assignInterpreter(input: $input) { userId } }`,
  'Mutation.unassignInterpreter': `mutation ($input: RoomParticipantInput!) { unassignInterpreter(input: $input) }`,
  'Mutation.extendMeeting': `mutation ($id: ID!) { extendMeeting(meetingId: $id) { id } }`,
  'Query.myOutbox': `{ myOutbox(first: 5) { id subject } }`,
  'Query.outbox': `{ outbox(first: 5) { id status } }`,
  'Query.myNotificationPreferences': `{ myNotificationPreferences { kind enabled essential } }`,
  'Mutation.updateNotificationPreferences': `mutation ($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { kind enabled } }`,
  'Query.myFollowUpActions': `{ myFollowUpActions { id } }`,
  'Mutation.recordFollowUpAction': `mutation ($input: RecordFollowUpActionInput!) { recordFollowUpAction(input: $input) { id } }`,
  'Mutation.changeFollowUpStatus': `mutation ($input: ChangeFollowUpStatusInput!) { changeFollowUpStatus(input: $input) { id } }`,
  'Mutation.reassignFollowUpAction': `mutation ($input: ReassignFollowUpActionInput!) { reassignFollowUpAction(input: $input) { id } }`,
  'Mutation.giveMeetingFeedback': `mutation ($input: GiveMeetingFeedbackInput!) { giveMeetingFeedback(input: $input) { id } }`,
  'Query.meetingFeedback': `query ($id: ID!) { meetingFeedback(meetingId: $id) { comment } }`,
  'Query.evidenceLibrary': `{ evidenceLibrary(first: 5) { edges { cursor } } }`,
  'Query.myEvidenceMethods': `{ myEvidenceMethods { id } }`,
  'Mutation.describeEvidenceMethod': `mutation ($input: EvidenceMethodInput!) { describeEvidenceMethod(input: $input) { id } }`,
  'Mutation.updateEvidenceMethod': `mutation ($id: ID!, $input: EvidenceMethodInput!) { updateEvidenceMethod(id: $id, input: $input) { id } }`,
  'Mutation.deleteEvidenceMethod': `mutation ($id: ID!) { deleteEvidenceMethod(id: $id) }`,
  'Subscription.slotAvailabilityChanged': `subscription ($sessionId: ID!) { slotAvailabilityChanged(sessionId: $sessionId) { sessionId } }`,
  'Subscription.meetingRequestReceived': `subscription { meetingRequestReceived { id } }`,
  'Subscription.standbySeatOffered': `subscription { standbySeatOffered { offerId } }`,
  'Subscription.roomPresenceChanged': `subscription ($sessionId: ID!) { roomPresenceChanged(sessionId: $sessionId) { meetingId } }`,
  'Query.myCalendarFeed': `{ myCalendarFeed { createdAt } }`,
  'Mutation.createCalendarFeed': `mutation { createCalendarFeed { url } }`,
  'Mutation.rotateCalendarFeed': `mutation { rotateCalendarFeed { url } }`,
  'Mutation.revokeCalendarFeed': `mutation { revokeCalendarFeed }`,
  'Query.impactDashboard': `query ($filter: ImpactFilterInput) { impactDashboard(filter: $filter) { reach { display } } }`,
  'Query.sessionOutcomeSummary': `query ($sessionId: ID!) { sessionOutcomeSummary(sessionId: $sessionId) { reach { display } } }`,
};

/** `r('Query.me', 'ok ok ...')`: the outcome string has one token per column, in COLUMNS order. */
function r(op: string, outcomes: string, extra: Omit<Row, 'op' | 'expect'> = {}): Row {
  const tokens = outcomes.trim().split(/\s+/);
  if (tokens.length !== COLUMNS.length)
    throw new Error(`${op}: ${tokens.length} outcomes for ${COLUMNS.length} columns`);
  const unknown = tokens.filter((token) => !(token in CODES));
  if (unknown.length > 0) throw new Error(`${op}: unknown outcome ${unknown.join(', ')}`);
  const expect = Object.fromEntries(COLUMNS.map((column, i) => [column, CODES[tokens[i]!]!])) as Record<Column, string>;
  if ((expect.owner !== 'n/a') !== Boolean(extra.owner) || (expect.other !== 'n/a') !== Boolean(extra.other)) {
    throw new Error(`${op}: name the owner / other party exactly when their column has an outcome`);
  }
  return { op, expect, ...extra };
}

let seq = 0;
const unique = (prefix: string) => `${prefix}-${++seq}-${Date.now().toString(36)}`;
const PASSWORD = 'matrix password 123';
const FUTURE = { startsAt: '2027-07-01T10:00:00.000Z', endsAt: '2027-07-01T11:00:00.000Z', slotMinutes: 30 };
const sessionInput = () => ({
  titleCy: 'Sesiwn matrics',
  titleEn: 'Matrix session',
  theme: 'CONDITION',
  conditions: ['dementia'],
  deliveryLanguage: 'BILINGUAL',
  ...FUTURE,
});

// prettier-ignore
const MATRIX: Row[] = [
  //  operation                                       anon   prac   comm   link   org    org2   admin  partic owner  other
  // accounts
  r('Query.me',                                      'ok     ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Query.person',                                  'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·', { vars: (f) => ({ id: f.cast.practitioner.user.id }) }),
  r('Query.organisations',                           'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Mutation.signUp',                               'ok     ok     ok     ok     ok     ok     ok     ·      ·      ·', { ownLogin: true, vars: () => ({ input: { email: `${unique('signup')}@example.test`, password: PASSWORD, displayName: 'Matrix', preferredLanguage: 'cy' } }) }),
  r('Mutation.confirmEmail',                         'ok     ok     ok     ok     ok     ok     ok     ·      ·      ·', { uses: 'emailConfirmation', vars: async (f) => ({ input: { token: await f.get('emailConfirmation') } }) }),
  r('Mutation.resendEmailConfirmation',              'ok     ok     ok     ok     ok     ok     ok     ·      ·      ·', { vars: () => ({ input: { email: `${unique('unconfirmed')}@example.test` } }) }),
  r('Mutation.logIn',                                'ok     ok     ok     ok     ok     ok     ok     ·      ·      ·', { ownLogin: true, vars: (f) => ({ input: { email: f.cast.loginTarget.user.email, password: f.cast.loginTarget.password } }) }),
  r('Mutation.logOut',                               'ok     ok     ok     ok     ok     ok     ok     ·      ·      ·', { ownLogin: true }),
  r('Mutation.acceptInvitation',                     'ok     ok     ok     ok     ok     ok     ok     ·      ·      ·', { ownLogin: true, uses: 'invitation', vars: async (f) => ({ input: { token: await f.get('invitation'), password: PASSWORD, displayName: 'Invited', preferredLanguage: 'en' } }) }),
  r('Mutation.requestPasswordReset',                 'ok     ok     ok     ok     ok     ok     ok     ·      ·      ·', { vars: () => ({ input: { email: `${unique('forgot')}@example.test` } }) }),
  r('Mutation.resetPassword',                        'ok     ok     ok     ok     ok     ok     ok     ·      ·      ·', { ownLogin: true, uses: 'passwordReset', vars: async (f) => ({ input: { token: await f.get('passwordReset'), password: PASSWORD } }) }),
  r('Mutation.createInvitation',                     'unauth forbid forbid forbid ok     ok     ok     ·      ·      ·', { vars: () => ({ input: { email: `${unique('invite')}@example.test`, roles: ['PRACTITIONER', 'LINK_WORKER'] } }) }),
  r('Mutation.createInvitation#privileged role',     'unauth forbid forbid forbid rni    rni    ok     ·      ·      ·', { vars: () => ({ input: { email: `${unique('invite')}@example.test`, roles: ['ORGANISER'] } }) }),
  r('Mutation.updateMe',                             'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·', { vars: () => ({ input: { preferredLanguage: 'en' } }) }),
  // own account only; a wrong password keeps the cast (INVALID_CREDENTIALS is the rule saying yes, the check saying no)
  r('Mutation.eraseMyAccount',                       'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·', { vars: () => ({ input: { password: 'not the password', confirmation: 'nobody@example.test' } }) }),
  r('Mutation.createOrganisation',                   'unauth forbid forbid forbid ok     ok     ok     ·      ·      ·', { vars: () => ({ input: { name: unique('Matrix health board'), kind: 'HEALTH_BOARD' } }) }),
  r('Query.organisationMembershipRequests',          'unauth forbid forbid forbid ok     ok     ok     ·      ·      ·'),
  // someone who asked nothing: allowed callers meet NO_MEMBERSHIP_REQUEST, nothing changes
  r('Mutation.decideOrganisationMembership',         'unauth forbid forbid forbid ok     ok     ok     ·      ·      ·', { vars: (f) => ({ input: { userId: f.cast.loginTarget.user.id, approve: true } }) }),
  // profiles
  r('Query.taxonomy',                                'ok     ok     ok     ok     ok     ok     ok     ·      ·      ·', { vars: () => ({ vocabulary: 'REGION' }) }),
  r('Query.myProfile',                               'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Mutation.updateMyProfile',                      'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·', { vars: () => ({ input: { offers: 'Matrix offers' } }) }),
  // events
  r('Query.sessions',                                'ok     ok     ok     ok     ok     ok     ok     ·      ·      ·', { vars: () => ({ filter: {} }) }),
  r('Query.sessions#drafts',                         'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·', { vars: () => ({ filter: { statuses: ['DRAFT'] } }) }),
  r('Query.session',                                 'ok     ok     ok     ok     ok     ok     ok     ·      ·      ·', { vars: (f) => ({ id: f.session }) }),
  r('Query.session#draft',                           '404    404    404    404    ok     404    ok     ·      ·      ·', { vars: async (f) => ({ id: await f.get('draft') }) }),
  r('Query.previewSlotGrid',                         'unauth forbid forbid forbid ok     ok     ok     ·      ·      ·', { vars: () => ({ input: FUTURE }) }),
  r('Mutation.createSession',                        'unauth forbid forbid forbid ok     ok     ok     ·      ·      ·', { vars: () => ({ input: sessionInput() }) }),
  r('Mutation.updateSession',                        'unauth forbid forbid forbid ok     nso    ok     ·      ·      ·', { vars: (f) => ({ id: f.session, input: { descriptionEn: unique('edited') } }) }),
  r('Mutation.updateSession#draft',                  'unauth forbid forbid forbid ok     404    ok     ·      ·      ·', { vars: async (f) => ({ id: await f.get('draft'), input: { descriptionEn: unique('edited') } }) }),
  r('Mutation.moveSession',                          'unauth forbid forbid forbid ok     nso    ok     ·      ·      ·', { vars: async (f) => ({ id: await f.get('spareSession'), startsAt: f.nextDay() }) }),
  r('Mutation.updateSessionTexts',                   'unauth nso    nso    nso    ok     nso    ok     nso    ·      ·', { vars: (f) => ({ id: f.session, input: { descriptionEn: unique('texts') } }) }),
  r('Mutation.updateSessionTexts#coOrganised',       'unauth 404    404    404    ok     404    ok     404    ok     ·', { owner: 'coOrganiser', vars: (f) => ({ id: f.coOrganised, input: { titleEn: unique('Co texts') } }) }),
  r('Mutation.updateSession#coOrganised',            'unauth forbid forbid forbid ok     404    ok     forbid forbid ·', { owner: 'coOrganiser', vars: (f) => ({ id: f.coOrganised, input: { slotMinutes: 30 } }) }),
  r('Mutation.publishSession',                       'unauth forbid forbid forbid ok     404    ok     ·      ·      ·', { uses: 'draft', vars: async (f) => ({ id: await f.get('draft') }) }),
  r('Mutation.cancelSession',                        'unauth forbid forbid forbid ok     nso    ok     ·      ·      ·', { uses: 'spareSession', vars: async (f) => ({ id: await f.get('spareSession') }) }),
  r('Query.sessionProposals',                        'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Mutation.proposeSession',                       'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·', { vars: () => ({ input: { title: 'A proposed theme', conditions: ['stroke'] } }) }),
  r('Query.openSessionProposals',                    'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  // The fixture proposal (by prac, for dementia) is shown to its proposer and to organisers; comm and link have no profile naming dementia.
  r('Mutation.backProposal',                         'unauth ok     404    404    ok     ok     ok     ·      ·      ·', { vars: async (f) => ({ input: { proposalId: await f.get('proposal'), kind: 'HOST', backing: true } }) }),
  r('Mutation.commentOnProposal',                    'unauth ok     404    404    ok     ok     ok     ·      ·      ·', { vars: async (f) => ({ input: { proposalId: await f.get('proposal'), body: 'Matrix comment' } }) }),
  r('Mutation.acceptProposal',                       'unauth forbid forbid forbid ok     ok     ok     ·      ·      ·', { uses: 'proposal', vars: async (f) => ({ id: await f.get('proposal'), session: sessionInput() }) }),
  r('Mutation.declineProposal',                      'unauth forbid forbid forbid ok     ok     ok     ·      ·      ·', { uses: 'proposal', vars: async (f) => ({ input: { proposalId: await f.get('proposal'), reason: 'Matrix says no' } }) }),
  // booking: registrations and offers
  r('Mutation.registerForSession#host',              'unauth ok     ok     ok     hrr    hrr    ok     ok     ·      ·', { vars: (f) => ({ input: { sessionId: f.session, role: 'HOST' } }) }),
  r('Mutation.registerForSession',                   'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { vars: (f) => ({ input: { sessionId: f.session, role: 'GUEST' } }) }),
  r('Mutation.updateRegistration',                   'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { vars: (f) => ({ input: { sessionId: f.session } }) }),
  r('Query.sessionParticipants',                     'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { vars: (f) => ({ sessionId: f.session }) }),
  r('Query.sessionParticipants#draft',               'unauth 404    404    404    ok     404    ok     ·      ·      ·', { vars: async (f) => ({ sessionId: await f.get('draft') }) }),
  r('Query.sessionOffers',                           'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { vars: (f) => ({ sessionId: f.session }) }),
  r('Query.sessionOffers#draft',                     'unauth 404    404    404    ok     404    ok     ·      ·      ·', { vars: async (f) => ({ sessionId: await f.get('draft') }) }),
  r('Subscription.slotAvailabilityChanged',          'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { vars: (f) => ({ sessionId: f.session }), listensTo: (v) => BookingTopics.slots(String(v.sessionId)) }),
  r('Subscription.slotAvailabilityChanged#draft',    'unauth 404    404    404    ok     404    ok     ·      ·      ·', { vars: async (f) => ({ sessionId: await f.get('draft') }), listensTo: (v) => BookingTopics.slots(String(v.sessionId)) }),
  r('Subscription.meetingRequestReceived',           'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { listensTo: (_v, caller) => BookingTopics.requestsFor(caller.user.id) }),
  r('Mutation.offerSlots',                           'unauth ok     ok     ok     ok     ok     ok     ok     ok     ·', { owner: 'host', vars: (f) => ({ input: { sessionId: f.session, slotIndexes: [f.nextSlot()] } }) }),
  r('Mutation.withdrawOffer',                        'unauth 404    404    404    404    404    404    404    ok     ·', { owner: 'host', uses: 'offer', vars: async (f) => ({ id: await f.get('offer') }) }),
  // booking: meetings
  r('Mutation.bookSlot',                             'unauth ok     ok     ok     ok     ok     ok     ok     ok     ·', { owner: 'host', uses: 'offer', vars: async (f) => ({ id: await f.get('offer') }) }),
  r('Query.myAgenda',                                'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  // booking: standby (the offer has a seat free, so joining is refused with a domain error; nobody is on its list) and leaving a session
  r('Query.myStandby',                               'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { vars: (f) => ({ sessionId: f.session }) }),
  r('Mutation.joinStandby',                          'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { vars: async (f) => ({ id: await f.get('offer') }) }),
  r('Mutation.leaveStandby',                         'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { vars: async (f) => ({ id: await f.get('offer') }) }),
  r('Mutation.claimStandbySeat',                     'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { vars: async (f) => ({ id: await f.get('offer') }) }),
  r('Subscription.standbySeatOffered',               'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { listensTo: (_v, caller) => BookingTopics.standbyFor(caller.user.id) }),
  r('Mutation.leaveSession',                         'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { vars: async (f) => ({ sessionId: await f.get('spareSession') }) }),
  r('Query.meeting',                                 'unauth 404    404    404    ok     404    ok     404    ok     ok', { owner: 'guest', other: 'host', vars: async (f) => ({ id: await f.get('meeting') }) }),
  r('Query.meeting#accessNeeds',                     'unauth 404    404    404    ok     404    ok     404    anp    anp', { owner: 'guest', other: 'host', vars: async (f) => ({ id: await f.get('meeting') }) }),
  r('Query.myAccessNeeds',                           'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Mutation.saveMyAccessNeeds',                    'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·', { vars: () => ({ input: { needs: ['CAPTIONS'], consent: true } }) }),
  r('Mutation.withdrawAccessNeedsConsent',           'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Mutation.confirmMeeting',                       'unauth nap    nap    nap    nap    nap    nap    nap    ok     ok', { owner: 'guest', other: 'host', vars: async (f) => ({ id: await f.get('meeting') }) }),
  r('Query.myReciprocity',                           'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Mutation.showReciprocityOnProfile',             'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Mutation.recordExchange',                       'unauth nap    nap    nap    nap    nap    nap    nap    ok     ok', { owner: 'guest', other: 'host', vars: async (f) => ({ id: await f.get('meeting') }) }),
  r('Mutation.reportMeetingOutcome',                 'unauth nap    nap    nap    nap    nap    nap    nap    ok     ok', { owner: 'guest', other: 'host', vars: async (f) => ({ id: await f.get('meeting') }) }),
  // Only a full session has a waiting list (the fixture session is not: SESSION_HAS_PLACES); positive path: waiting-list.int-spec.ts.
  r('Mutation.joinSessionWaitingList',               'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { vars: (f) => ({ sessionId: f.session }) }),
  r('Mutation.leaveSessionWaitingList',              'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { vars: (f) => ({ sessionId: f.session }) }),
  r('Query.myNoShows',                               'unauth ok     ok     ok     ok     ok     ok     ok     ok     ok', { owner: 'guest', other: 'host' }),
  // Only a no-show recorded against oneself; the fixture meeting has none, for anyone (positive path: no-shows.int-spec.ts).
  r('Mutation.disputeNoShow',                        'unauth nns    nns    nns    nns    nns    nns    nns    nns    nns', { owner: 'guest', other: 'host', vars: async (f) => ({ id: await f.get('meeting') }) }),
  r('Mutation.setMeetingOutcome',                    'unauth nso    nso    nso    ok     nso    ok     nso    nso    nso', { owner: 'guest', other: 'host', vars: async (f) => ({ id: await f.get('meeting') }) }),
  r('Mutation.cancelMeeting',                        'unauth nap    nap    nap    ok     nap    ok     nap    ok     ok', { owner: 'guest', other: 'host', uses: 'meeting', vars: async (f) => ({ id: await f.get('meeting') }) }),
  r('Mutation.rescheduleMeeting',                    'unauth nap    nap    nap    ok     nap    ok     nap    ok     ok', { owner: 'guest', other: 'host', uses: 'meeting', vars: async (f) => ({ id: await f.get('meeting'), slotId: f.slotId(f.nextSlot()) }) }),
  // booking: requests
  r('Query.myMeetingRequests',                       'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Query.meetingRequest',                          'unauth 404    404    404    404    404    404    404    ok     ok', { owner: 'sender', other: 'receiver', vars: async (f) => ({ id: await f.get('request') }) }),
  r('Mutation.sendMeetingRequest',                   'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { vars: (f) => ({ input: { sessionId: f.session, toUserId: f.cast.receiver.user.id, message: 'matrix' } }) }),
  r('Mutation.acceptMeetingRequest',                 'unauth 404    404    404    404    404    404    404    ok     nyr', { owner: 'receiver', other: 'sender', uses: 'request', vars: async (f) => ({ id: await f.get('request') }) }),
  r('Mutation.declineMeetingRequest',                'unauth 404    404    404    404    404    404    404    ok     nyr', { owner: 'receiver', other: 'sender', uses: 'request', vars: async (f) => ({ id: await f.get('request') }) }),
  r('Mutation.withdrawMeetingRequest',               'unauth 404    404    404    404    404    404    404    ok     nyr', { owner: 'sender', other: 'receiver', uses: 'request', vars: async (f) => ({ id: await f.get('request') }) }),
  r('Mutation.respondToMeetingRequestAsThirdParty',  'unauth 404    404    404    404    404    404    404    ok     404', { owner: 'thirdParty', other: 'sender', uses: 'request', vars: async (f) => ({ id: await f.get('request') }) }),
  // rooms (video): allowed callers meet TOO_EARLY / VIDEO_UNAVAILABLE here (no LiveKit, meetings in the future)
  r('Mutation.joinMeeting',                          'unauth nap    nap    nap    ok     nap    ok     nap    ok     ok', { owner: 'guest', other: 'host', vars: async (f) => ({ id: await f.get('meeting') }) }),
  r('Mutation.joinMeeting#hidden',                   'unauth nap    nap    nap    ok     nap    ok     nap    nso    nso', { owner: 'guest', other: 'host', vars: async (f) => ({ id: await f.get('meeting'), hidden: true }) }),
  r('Query.sessionLiveRooms',                        'unauth forbid forbid forbid ok     nso    ok     forbid ·      ·', { vars: (f) => ({ sessionId: f.session }) }),
  r('Query.sessionAttendanceReport',                 'unauth forbid forbid forbid ok     nso    ok     forbid ·      ·', { vars: (f) => ({ sessionId: f.session }) }),
  r('Subscription.roomPresenceChanged',              'unauth forbid forbid forbid ok     nso    ok     forbid ·      ·', { vars: (f) => ({ sessionId: f.session }), listensTo: (v) => RoomsTopics.presence(String(v.sessionId)) }),
  r('Mutation.muteMeetingTrack',                     'unauth forbid forbid forbid ok     nso    ok     forbid forbid forbid', { owner: 'guest', other: 'host', vars: async (f) => ({ input: { meetingId: await f.get('meeting'), userId: f.cast.guest.user.id, trackSid: 'TR_matrix' } }) }),
  r('Mutation.extendMeeting',                        'unauth forbid forbid forbid ok     nso    ok     forbid forbid forbid', { owner: 'guest', other: 'host', uses: 'meeting', vars: async (f) => ({ id: await f.get('meeting') }) }),
  r('Mutation.endMeetingRoom',                       'unauth forbid forbid forbid ok     nso    ok     forbid forbid forbid', { owner: 'guest', other: 'host', uses: 'meeting', vars: async (f) => ({ id: await f.get('meeting') }) }),
  r('Mutation.removeFromMeetingRoom',                'unauth forbid forbid forbid ok     nso    ok     forbid forbid forbid', { owner: 'guest', other: 'host', uses: 'meeting', vars: async (f) => ({ input: { meetingId: await f.get('meeting'), userId: f.cast.guest.user.id } }) }),
  r('Query.interpreterCandidates',                   'unauth forbid forbid forbid ok     ok     ok     forbid ·      ·'),
  r('Query.meetingInterpreters',                     'unauth forbid forbid forbid ok     nso    ok     forbid forbid forbid', { owner: 'guest', other: 'host', vars: async (f) => ({ id: await f.get('meeting') }) }),
  r('Mutation.assignInterpreter',                    'unauth forbid forbid forbid ok     nso    ok     forbid forbid forbid', { owner: 'guest', other: 'host', vars: async (f) => ({ input: { meetingId: await f.get('meeting'), userId: f.cast.guest.user.id, languages: ['cy'] } }) }),
  r('Mutation.unassignInterpreter',                  'unauth forbid forbid forbid ok     nso    ok     forbid forbid forbid', { owner: 'guest', other: 'host', vars: async (f) => ({ input: { meetingId: await f.get('meeting'), userId: f.cast.guest.user.id } }) }),
  r('Mutation.restoreMeetingParticipant',            'unauth forbid forbid forbid ok     nso    ok     forbid forbid forbid', { owner: 'guest', other: 'host', uses: 'meeting', vars: async (f) => ({ input: { meetingId: await f.get('meeting'), userId: f.cast.guest.user.id } }) }),
  // matching and the auto-schedule (an allowed caller may meet SCHEDULE_ALREADY_RUNNING / SCHEDULE_NOT_RUNNING)
  // (prac, comm and link registered for the fixture session in the rows above; organisers and admins did not)
  r('Query.recommendations',                         'unauth ok     ok     ok     nis    nis    nis    ok     ·      ·', { vars: (f) => ({ sessionId: f.session }) }),
  r('Query.scheduleSettings',                        'unauth forbid forbid forbid ok     nso    ok     forbid ·      ·', { vars: (f) => ({ sessionId: f.session }) }),
  r('Mutation.updateScheduleSettings',               'unauth forbid forbid forbid ok     nso    ok     forbid ·      ·', { vars: (f) => ({ input: { sessionId: f.session, weights: { region: 4 } } }) }),
  r('Query.scheduleRuns',                            'unauth forbid forbid forbid ok     nso    ok     forbid ·      ·', { vars: (f) => ({ sessionId: f.session }) }),
  r('Query.scheduleRunFairness',                     'unauth forbid forbid forbid ok     nso    ok     forbid ·      ·', { vars: async (f) => ({ id: await f.get('scheduleRun') }) }),
  r('Query.sessionFairness',                         'unauth forbid forbid forbid ok     nso    ok     forbid ·      ·', { vars: (f) => ({ sessionId: f.session }) }),
  r('Query.scheduleRun',                             'unauth forbid forbid forbid ok     nso    ok     forbid ·      ·', { vars: async (f) => ({ id: await f.get('scheduleRun') }) }),
  r('Mutation.cancelAutoSchedule',                   'unauth forbid forbid forbid ok     nso    ok     forbid ·      ·', { vars: async (f) => ({ id: await f.get('scheduleRun') }) }),
  r('Mutation.removeDraftMeeting',                   'unauth forbid forbid forbid ok     nso    ok     forbid ·      ·', { vars: async (f) => ({ id: await f.get('scheduleRun') }) }),
  r('Mutation.discardAutoSchedule',                  'unauth forbid forbid forbid ok     nso    ok     forbid ·      ·', { uses: 'scheduleRun', vars: async (f) => ({ id: await f.get('scheduleRun') }) }),
  r('Mutation.publishAutoSchedule',                  'unauth forbid forbid forbid ok     nso    ok     forbid ·      ·', { uses: 'scheduleRun', vars: async (f) => ({ id: await f.get('scheduleRun') }) }),
  r('Mutation.startAutoSchedule',                    'unauth forbid forbid forbid ok     nso    ok     forbid ·      ·', { vars: (f) => ({ sessionId: f.session }) }),
  // notifications
  r('Query.myOutbox',                                'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Query.outbox',                                  'unauth forbid forbid forbid forbid forbid ok     ·      ·      ·'),
  r('Query.myNotificationPreferences',               'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Mutation.updateNotificationPreferences',        'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·', { vars: () => ({ input: { preferences: [{ kind: 'REQUESTED', enabled: true }] } }) }),
  // after the meeting: allowed callers meet MEETING_NOT_STARTED here (the fixture meetings are in the future)
  r('Query.myFollowUpActions',                       'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Mutation.recordFollowUpAction',                 'unauth nap    nap    nap    nap    nap    nap    nap    ok     ok', { owner: 'guest', other: 'host', vars: async (f) => ({ input: { meetingId: await f.get('meeting'), kind: 'PILOT', description: 'matrix', ownerId: f.cast.guest.user.id, dueOn: '2027-12-31' } }) }),
  r('Mutation.changeFollowUpStatus',                 'unauth 404    404    404    nao    404    nao    404    ok     nao', { owner: 'guest', other: 'host', uses: 'followUpAction', vars: async (f) => ({ input: { actionId: await f.get('followUpAction'), status: 'IN_PROGRESS' } }) }),
  r('Mutation.reassignFollowUpAction',               'unauth 404    404    404    nao    404    nao    404    ok     nao', { owner: 'guest', other: 'host', uses: 'followUpAction', vars: async (f) => ({ input: { actionId: await f.get('followUpAction'), ownerId: f.cast.host.user.id } }) }),
  r('Mutation.giveMeetingFeedback',                  'unauth nap    nap    nap    nap    nap    nap    nap    ok     ok', { owner: 'guest', other: 'host', vars: async (f) => ({ input: { meetingId: await f.get('meeting'), usefulness: 4 } }) }),
  r('Query.meetingFeedback',                         'unauth forbid forbid forbid ok     nso    ok     forbid forbid forbid', { owner: 'guest', other: 'host', vars: async (f) => ({ id: await f.get('meeting') }) }),
  r('Query.evidenceLibrary',                         'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Query.myEvidenceMethods',                       'unauth ok     forbid forbid forbid forbid ok     ok     ·      ·'),
  r('Mutation.describeEvidenceMethod',               'unauth ok     forbid forbid forbid forbid ok     ok     ·      ·', { vars: () => ({ input: { title: 'Matrix method', description: 'matrix', conditionCodes: ['dementia'], shared: true } }) }),
  r('Mutation.updateEvidenceMethod',                 'unauth neo    forbid forbid forbid forbid neo    neo    ok     ·', { owner: 'guest', vars: async (f) => ({ id: await f.get('evidenceMethod'), input: { title: 'Matrix method', description: 'edited', conditionCodes: [], shared: true } }) }),
  r('Mutation.deleteEvidenceMethod',                 'unauth neo    forbid forbid forbid forbid neo    neo    ok     ·', { owner: 'guest', uses: 'evidenceMethod', vars: async (f) => ({ id: await f.get('evidenceMethod') }) }),
  // calendar feeds: always the caller's own (create first: rotate needs a feed)
  r('Query.myCalendarFeed',                          'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Mutation.createCalendarFeed',                   'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Mutation.rotateCalendarFeed',                   'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  r('Mutation.revokeCalendarFeed',                   'unauth ok     ok     ok     ok     ok     ok     ·      ·      ·'),
  // impact (every column registered for the fixture session above, so all see its outcome summary; test/impact.int-spec.ts has the refusals)
  r('Query.impactDashboard',                         'unauth forbid forbid forbid ok     ok     ok     forbid ·      ·'),
  r('Query.impactDashboard#session',                 'unauth forbid forbid forbid ok     forbid ok     forbid ·      ·', { vars: (f) => ({ filter: { sessionIds: [f.session] } }) }),
  r('Query.sessionOutcomeSummary',                   'unauth ok     ok     ok     ok     ok     ok     ok     ·      ·', { vars: (f) => ({ sessionId: f.session }) }),
];

const REGISTER = `mutation ($input: RegisterInput!) { registerForSession(input: $input) { id } }`;
const OFFER = `mutation ($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`;
const BOOK = `mutation ($id: ID!) { bookSlot(offerId: $id) { id } }`;
const CREATE_SESSION = `mutation ($input: CreateSessionInput!) { createSession(input: $input) { id slots { id } } }`;
const PUBLISH = `mutation ($id: ID!) { publishSession(id: $id) { id } }`;
const SEND = `mutation ($input: SendMeetingRequestInput!) { sendMeetingRequest(input: $input) { id } }`;
const WITHDRAW = `mutation ($id: ID!) { withdrawMeetingRequest(id: $id) { id } }`;
const PROPOSE = `mutation ($input: ProposeSessionInput!) { proposeSession(input: $input) { id } }`;
const INVITE = `mutation ($input: CreateInvitationInput!) { createInvitation(input: $input) { token } }`;
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { id } }`;
const DESCRIBE_EVIDENCE = `mutation ($input: EvidenceMethodInput!) { describeEvidenceMethod(input: $input) { id } }`;

class Fixtures {
  /** The published session everything booking-related happens in (owned by `organiser`). */
  session = '';
  /** A draft `organiser` made from a proposal of `coOrganiser`, who co-organises it. */
  coOrganised = '';
  private slotIds: string[] = [];
  private slotCursor = 0;
  private dayCursor = 0;
  private readonly stock = new Map<Stock, string>();
  private lastRequest: string | undefined;

  constructor(readonly cast: Record<Cast, TestUser>) {}

  async setUp(): Promise<void> {
    // 08:00–20:00 in 5-minute slots: 144 slots, so each meeting or offer a row needs gets its own.
    const { createSession } = await this.cast.organiser.client.data(CREATE_SESSION, {
      input: {
        ...sessionInput(),
        startsAt: '2027-06-01T08:00:00.000Z',
        endsAt: '2027-06-01T20:00:00.000Z',
        slotMinutes: 5,
      },
    });
    this.session = createSession.id;
    this.slotIds = createSession.slots.map((s: { id: string }) => s.id);
    await this.cast.organiser.client.data(PUBLISH, { id: this.session });
    const roles: [Cast, string][] = [
      ['host', 'HOST'],
      ['receiver', 'HOST'],
      ['guest', 'GUEST'],
      ['sender', 'GUEST'],
      ['thirdParty', 'GUEST'],
      ['participant', 'GUEST'],
    ];
    for (const [who, role] of roles)
      await this.cast[who].client.data(REGISTER, { input: { sessionId: this.session, role } });
    for (const stock of ['offer', 'meeting', 'request', 'proposal', 'draft', 'spareSession'] as const)
      await this.get(stock);
    const proposalId = (
      await this.cast.coOrganiser.client.data(PROPOSE, { input: { title: unique('Co-organised theme') } })
    ).proposeSession.id;
    this.coOrganised = (
      await this.cast.organiser.client.data(
        `mutation ($id: ID!, $session: CreateSessionInput!) { acceptProposal(proposalId: $id, session: $session, coOrganiser: true) { id } }`,
        { id: proposalId, session: sessionInput() },
      )
    ).acceptProposal.id;
  }

  nextSlot(): number {
    if (this.slotCursor >= this.slotIds.length)
      throw new Error('The fixture session ran out of slots; make it longer.');
    return this.slotCursor++;
  }

  slotId(index: number): string {
    return this.slotIds[index]!;
  }

  /** A new future start for moveSession, one day later each time. */
  nextDay(): string {
    return new Date(Date.parse('2027-08-01T10:00:00.000Z') + ++this.dayCursor * 86_400_000).toISOString();
  }

  async get(stock: Stock): Promise<string> {
    let id = this.stock.get(stock);
    if (!id) {
      id = await this.make(stock);
      this.stock.set(stock, id);
    }
    return id;
  }

  spend(stock: Stock): void {
    this.stock.delete(stock);
  }

  private async make(stock: Stock): Promise<string> {
    const { host, guest, sender, receiver, thirdParty, organiser, admin, practitioner } = this.cast;
    switch (stock) {
      case 'offer':
        return (await host.client.data(OFFER, { input: { sessionId: this.session, slotIndexes: [this.nextSlot()] } }))
          .offerSlots[0].id;
      case 'meeting': {
        const offerId = (
          await host.client.data(OFFER, { input: { sessionId: this.session, slotIndexes: [this.nextSlot()] } })
        ).offerSlots[0].id;
        return (await guest.client.data(BOOK, { id: offerId })).bookSlot.id;
      }
      case 'request': {
        // One pending request per pair: end the last one (if still pending) before sending the next.
        if (this.lastRequest) await sender.client.request(WITHDRAW, { id: this.lastRequest });
        const input = {
          sessionId: this.session,
          toUserId: receiver.user.id,
          thirdPartyId: thirdParty.user.id,
          message: 'matrix',
        };
        const id: string = (await sender.client.data(SEND, { input })).sendMeetingRequest.id;
        this.lastRequest = id;
        return id;
      }
      case 'proposal':
        return (
          await practitioner.client.data(PROPOSE, {
            input: { title: unique('Proposed theme'), conditions: ['dementia'] },
          })
        ).proposeSession.id;
      case 'draft':
        return (await organiser.client.data(CREATE_SESSION, { input: sessionInput() })).createSession.id;
      case 'spareSession': {
        const id = (await organiser.client.data(CREATE_SESSION, { input: sessionInput() })).createSession.id;
        await organiser.client.data(PUBLISH, { id });
        return id;
      }
      case 'scheduleRun': {
        // A finished (READY) run of the fixture session, waited for through the service.
        const { startAutoSchedule } = await organiser.client.data(
          `mutation ($sessionId: ID!) { startAutoSchedule(sessionId: $sessionId) { id } }`,
          { sessionId: this.session },
        );
        await t.app.get(SchedulingService).settled(startAutoSchedule.id);
        return startAutoSchedule.id;
      }
      case 'followUpAction': {
        // Recorded by the guest once the fixture meeting has started (after the fixture day), then back to now.
        const meetingId = await this.get('meeting');
        const now = t.clock.now();
        t.clock.set(new Date('2027-06-01T20:00:00.000Z'));
        try {
          // Through the service: a request this far ahead would find the guest's login expired.
          const actor = {
            id: guest.user.id,
            email: guest.user.email,
            displayName: guest.user.displayName,
            language: guest.user.preferredLanguage,
            roles: guest.user.roles,
            loginSessionId: '',
            emailConfirmed: true,
          };
          const input = {
            meetingId,
            kind: FollowUpKind.PILOT,
            description: 'matrix',
            ownerId: guest.user.id,
            dueOn: '2027-12-31',
          };
          return (await t.app.get(FollowUpActionsService).record(actor, input)).id;
        } finally {
          t.clock.set(now);
        }
      }
      case 'evidenceMethod':
        return (
          await guest.client.data(DESCRIBE_EVIDENCE, {
            input: { title: 'Matrix method', description: 'matrix', conditionCodes: [], shared: true },
          })
        ).describeEvidenceMethod.id;
      case 'passwordReset': {
        // Someone's reset link (their e-mail is not read here: the token is made as the service makes it).
        const { user } = await t.createUser({ roles: [Role.PRACTITIONER] });
        const token = newSecretToken();
        const now = t.clock.now();
        await t.db.write((em) =>
          t.app.get(PasswordResetsRepository).replace(
            {
              userId: user.id,
              tokenHash: sha256(token),
              createdAt: now,
              expiresAt: new Date(now.getTime() + 3600_000),
              usedAt: null,
            },
            em,
          ),
        );
        return token;
      }
      case 'emailConfirmation': {
        // A new account's confirmation link, made as the service makes it.
        const { user } = await t.createUser({ roles: [Role.PRACTITIONER], emailConfirmed: false });
        const token = newSecretToken();
        const now = t.clock.now();
        await t.db.write((em) =>
          t.app.get(EmailConfirmationsRepository).replace(
            {
              userId: user.id,
              tokenHash: sha256(token),
              createdAt: now,
              expiresAt: new Date(now.getTime() + 3600_000),
              usedAt: null,
            },
            em,
          ),
        );
        return token;
      }
      case 'invitation':
        return (
          await admin.client.data(INVITE, {
            input: { email: `${unique('invited')}@example.test`, roles: ['PRACTITIONER'] },
          })
        ).createInvitation.token;
    }
  }
}

let t: TestApp;
let f: Fixtures;

beforeAll(async () => {
  t = await startTestApp();
  const roles: Record<Cast, Role[]> = {
    practitioner: [Role.PRACTITIONER],
    commissioner: [Role.COMMISSIONER],
    linkWorker: [Role.LINK_WORKER],
    organiser: [Role.ORGANISER],
    otherOrganiser: [Role.ORGANISER],
    admin: [Role.ADMIN],
    participant: [Role.PRACTITIONER],
    host: [Role.COMMISSIONER],
    guest: [Role.PRACTITIONER],
    sender: [Role.PRACTITIONER],
    receiver: [Role.COMMISSIONER],
    thirdParty: [Role.LINK_WORKER],
    loginTarget: [Role.PRACTITIONER],
    coOrganiser: [Role.PRACTITIONER],
  };
  const entries = await Promise.all(
    Object.entries(roles).map(
      async ([who, r]) => [who, await t.createUser({ roles: r, displayName: `Matrix ${who}` })] as const,
    ),
  );
  f = new Fixtures(Object.fromEntries(entries) as Record<Cast, TestUser>);
  await f.setUp();
});

afterAll(async () => {
  await t?.close();
});

/** The caller of a column, for a row (null = anonymous). */
function callerOf(row: Row, column: Column): TestUser | null {
  const byColumn: Record<Column, Cast | null | undefined> = {
    anon: null,
    prac: 'practitioner',
    comm: 'commissioner',
    link: 'linkWorker',
    org: 'organiser',
    org2: 'otherOrganiser',
    admin: 'admin',
    partic: 'participant',
    owner: row.owner,
    other: row.other,
  };
  const who = byColumn[column];
  return who ? f.cast[who] : null;
}

/** The caller's own browser, or for `ownLogin` rows a second login of theirs that the call may end or replace. */
async function clientFor(row: Row, caller: TestUser | null): Promise<GqlClient> {
  if (!caller) return t.client();
  if (!row.ownLogin) return caller.client;
  const client = t.client();
  await client.data(LOG_IN, { input: { email: caller.user.email, password: caller.password } });
  return client;
}

function outcomeOf(res: GqlResponse<unknown>): { code: string; message?: string } {
  if (!res.errors) return { code: 'ok' };
  const code = res.errors[0]!.extensions?.code;
  return { code: typeof code === 'string' ? code : 'no code', message: res.errors[0]!.message };
}

/** Opens the row's subscription: its error code, or `ok` once the server listens for the caller. */
async function subscriptionOutcome(
  row: Row,
  caller: TestUser | null,
  client: GqlClient,
  variables: Vars | undefined,
): Promise<{ code: string; message?: string }> {
  if (!caller) {
    const status = await LiveClient.handshake(t.url, null);
    return { code: status === 401 ? 'UNAUTHENTICATED' : `HTTP ${status}` };
  }
  const events = t.app.get(LiveEvents);
  const topic = row.listensTo!(variables ?? {}, caller);
  const before = events.listeners(topic);
  const live = LiveClient.open(t.url, client);
  try {
    const subscription = live.subscribe(DOCS[baseOp(row.op)]!, variables);
    await eventually(
      () => subscription.errors !== undefined || subscription.results.length > 0 || events.listeners(topic) > before,
    );
    const error = subscription.errors?.[0] ?? subscription.results[0]?.errors?.[0];
    if (!error) return { code: 'ok' };
    const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
    return { code: typeof code === 'string' ? code : 'no code', message: error.message };
  } finally {
    await live.close();
    // The next caller counts listeners from where this one started.
    await eventually(() => events.listeners(topic) === before);
  }
}

function agrees(expected: string, actual: string): boolean {
  return expected === 'ok' ? !DENIALS.has(actual) && !BROKEN.has(actual) : actual === expected;
}

const baseOp = (op: string) => op.split('#')[0]!;

describe('authorization matrix (docs/architecture.md#security-and-privacy)', () => {
  it('has a row for every Query and Mutation in the schema, and no row for anything else', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const operations = (['Query', 'Mutation', 'Subscription'] as const).flatMap((root) => {
      const type =
        root === 'Query'
          ? schema.getQueryType()
          : root === 'Mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      return Object.keys(type?.getFields() ?? {}).map((field) => `${root}.${field}`);
    });
    const covered = new Set(MATRIX.map((row) => baseOp(row.op)));
    expect(
      operations.filter((op) => !covered.has(op)),
      'operations with no matrix row',
    ).toEqual([]);
    expect(
      [...covered].filter((op) => !operations.includes(op)),
      'rows for operations the schema does not have',
    ).toEqual([]);
    expect(new Set(MATRIX.map((row) => row.op)).size, 'duplicate rows').toBe(MATRIX.length);
  });

  it("each row's document calls exactly that operation", () => {
    for (const row of MATRIX) {
      const [root, field] = baseOp(row.op).split('.') as [string, string];
      const doc = docOf(row);
      expect(doc, `${row.op} has no document`).toBeDefined();
      const [operation] = parse(doc!).definitions as OperationDefinitionNode[];
      expect(operation!.operation, row.op).toBe(root.toLowerCase());
      const fields = operation!.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '?'));
      expect(fields, row.op).toEqual([field]);
    }
  });

  for (const row of MATRIX) {
    it(`${row.op}: ${COLUMNS.filter((c) => row.expect[c] !== 'n/a')
      .map((c) => `${c === 'owner' ? row.owner : c === 'other' ? row.other : c}=${row.expect[c]}`)
      .join(' ')}`, async () => {
      const mismatches: string[] = [];
      for (const column of COLUMNS) {
        const expected = row.expect[column];
        if (expected === 'n/a') continue;
        const caller = callerOf(row, column);
        const client = await clientFor(row, caller);
        const variables = row.vars ? await row.vars(f) : undefined;
        let actual: { code: string; message?: string };
        if (row.listensTo) {
          actual = await subscriptionOutcome(row, caller, client, variables);
        } else {
          const res = await client.request(docOf(row)!, variables);
          actual = outcomeOf(res);
          if (row.uses && !res.errors) f.spend(row.uses);
        }
        if (!agrees(expected, actual.code)) {
          mismatches.push(
            `${column}${caller ? ` (${caller.user.displayName})` : ''}: expected ${expected}, got ${actual.code}${actual.message ? ` — ${actual.message}` : ''}`,
          );
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
