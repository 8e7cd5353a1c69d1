import { GqlClient } from '../support/gql-client';

/**
 * Every product action the rehearsal performs, in one place: each is one GraphQL operation of the
 * public API, called as the person whose browser `client` is. When an operation changes (the
 * lifecycle fixes add reportMeetingOutcome and setMeetingOutcome), this is the one file to edit.
 */
const PERSON = `id displayName email preferredLanguage`;

export type Language = 'cy' | 'en';

export interface SlotInfo {
  id: string;
  index: number;
  startsAt: string;
  endsAt: string;
  isBreak: boolean;
}

export interface Ticket {
  url: string;
  token: string;
  roomName: string;
}

/** A call that may be refused: its error as `CODE: message` (the refusal is part of the story, not a crash). */
type Outcome<T> = T & { error?: string };

async function attempt<T>(
  client: GqlClient,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: any) => T,
): Promise<Outcome<Partial<T>>> {
  const res = await client.request(query, variables);
  if (res.errors)
    return { error: `${String(res.errors[0].extensions?.code ?? 'ERROR')}: ${res.errors[0].message}` } as Outcome<
      Partial<T>
    >;
  return pick(res.data) as Outcome<Partial<T>>;
}

export const product = {
  async logIn(client: GqlClient, email: string, password: string): Promise<void> {
    await client.data(`mutation($input: LogInInput!) { logIn(input: $input) { id } }`, { input: { email, password } });
  },

  async signUp(
    client: GqlClient,
    input: { email: string; displayName: string; password: string; preferredLanguage: Language },
  ): Promise<{ id: string }> {
    return (await client.data(`mutation($input: SignUpInput!) { signUp(input: $input) { ${PERSON} } }`, { input }))
      .signUp;
  },

  /** Follows an e-mailed confirmation link (signs nobody in). */
  async confirmEmail(client: GqlClient, token: string): Promise<void> {
    await client.data(`mutation($input: ConfirmEmailInput!) { confirmEmail(input: $input) }`, { input: { token } });
  },

  async invite(organiser: GqlClient, email: string, roles: string[]): Promise<string> {
    const { createInvitation } = await organiser.data(
      `mutation($input: CreateInvitationInput!) { createInvitation(input: $input) { url } }`,
      { input: { email, roles } },
    );
    const token =
      new URL(createInvitation.url as string).searchParams.get('token') ??
      String(createInvitation.url).split('/').pop()!;
    return token;
  },

  async acceptInvitation(
    client: GqlClient,
    input: { token: string; displayName: string; password: string; preferredLanguage: Language },
  ): Promise<{ id: string }> {
    return (
      await client.data(`mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ${PERSON} } }`, {
        input,
      })
    ).acceptInvitation;
  },

  async createSession(
    organiser: GqlClient,
    input: Record<string, unknown>,
  ): Promise<{ id: string; slots: SlotInfo[] }> {
    return (
      await organiser.data(
        `mutation($input: CreateSessionInput!) { createSession(input: $input) { id slots { id index startsAt endsAt isBreak } } }`,
        { input },
      )
    ).createSession;
  },

  async publishSession(organiser: GqlClient, id: string): Promise<void> {
    await organiser.data(`mutation($id: ID!) { publishSession(id: $id) { id status } }`, { id });
  },

  async register(
    client: GqlClient,
    sessionId: string,
    role: 'HOST' | 'GUEST',
    availableSlotIndexes?: number[],
  ): Promise<void> {
    await client.data(`mutation($input: RegisterInput!) { registerForSession(input: $input) { id } }`, {
      input: { sessionId, role, availableSlotIndexes },
    });
  },

  async offerSlots(
    host: GqlClient,
    sessionId: string,
    slotIndexes: number[],
    seats: number,
  ): Promise<{ id: string; slotIndex: number }[]> {
    const { offerSlots } = await host.data(
      `mutation($input: OfferSlotsInput!) { offerSlots(input: $input) { id slot { index } } }`,
      { input: { sessionId, slotIndexes, seats } },
    );
    return (offerSlots as { id: string; slot: { index: number } }[]).map((o) => ({
      id: o.id,
      slotIndex: o.slot.index,
    }));
  },

  /** Books an offer; the error code when refused (a clash, a full offer). */
  async bookSlot(client: GqlClient, offerId: string): Promise<{ meetingId?: string; error?: string }> {
    return attempt(client, `mutation($offerId: ID!) { bookSlot(offerId: $offerId) { id } }`, { offerId }, (data) => ({
      meetingId: data.bookSlot.id,
    }));
  },

  async sendRequest(
    client: GqlClient,
    sessionId: string,
    toUserId: string,
    message: string,
  ): Promise<{ requestId?: string; error?: string }> {
    return attempt(
      client,
      `mutation($input: SendMeetingRequestInput!) { sendMeetingRequest(input: $input) { id } }`,
      { input: { sessionId, toUserId, message } },
      (data) => ({ requestId: data.sendMeetingRequest.id }),
    );
  },

  async acceptRequest(
    client: GqlClient,
    requestId: string,
    placement: 'AUTO_SCHEDULE' | 'EARLIEST_MUTUAL',
  ): Promise<{ meetingId?: string | null; error?: string }> {
    return attempt(
      client,
      `mutation($input: AcceptMeetingRequestInput!) { acceptMeetingRequest(input: $input) { id meetingId } }`,
      { input: { requestId, placement } },
      (data) => ({ meetingId: data.acceptMeetingRequest.meetingId }),
    );
  },

  async declineRequest(client: GqlClient, requestId: string, reason: string): Promise<void> {
    await client.data(`mutation($input: DeclineMeetingRequestInput!) { declineMeetingRequest(input: $input) { id } }`, {
      input: { requestId, reason },
    });
  },

  async withdrawRequest(client: GqlClient, id: string): Promise<void> {
    await client.data(`mutation($id: ID!) { withdrawMeetingRequest(id: $id) { id } }`, { id });
  },

  async proposeTheme(client: GqlClient, title: string, description: string): Promise<void> {
    await client.data(`mutation($input: ProposeSessionInput!) { proposeSession(input: $input) { id } }`, {
      input: { title, description },
    });
  },

  /** Runs the auto-schedule to its draft (preview), then publishes it; the meetings it created. */
  async autoSchedule(
    organiser: GqlClient,
    sessionId: string,
    waitUntilDone: () => Promise<void>,
  ): Promise<{ preview: number; meetingIds: string[]; error?: string }> {
    const RUN = `id status error draft { meetings { willBe } }`;
    let run = (
      await organiser.data(`mutation($sessionId: ID!) { startAutoSchedule(sessionId: $sessionId) { ${RUN} } }`, {
        sessionId,
      })
    ).startAutoSchedule;
    for (let i = 0; i < 200 && !['READY', 'FAILED', 'PUBLISHED', 'DISCARDED'].includes(run.status); i++) {
      await waitUntilDone();
      run = (await organiser.data(`query($id: ID!) { scheduleRun(id: $id) { ${RUN} } }`, { id: run.id })).scheduleRun;
    }
    if (run.status !== 'READY') return { preview: 0, meetingIds: [], error: `${run.status} ${run.error ?? ''}` };
    const res = await organiser.request(`mutation($id: ID!) { publishAutoSchedule(id: $id) { meetingIds } }`, {
      id: run.id,
    });
    if (res.errors)
      return {
        preview: run.draft?.meetings.length ?? 0,
        meetingIds: [],
        error: String(res.errors[0].extensions?.code),
      };
    return { preview: run.draft?.meetings.length ?? 0, meetingIds: res.data.publishAutoSchedule.meetingIds };
  },

  async reschedule(
    client: GqlClient,
    meetingId: string,
    slotId: string,
  ): Promise<{ meetingId?: string; error?: string }> {
    return attempt(
      client,
      `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { id } }`,
      { input: { meetingId, slotId } },
      (data) => ({ meetingId: data.rescheduleMeeting.id }),
    );
  },

  async cancelMeeting(client: GqlClient, meetingId: string, reason: string): Promise<void> {
    await client.data(`mutation($input: CancelMeetingInput!) { cancelMeeting(input: $input) { id } }`, {
      input: { meetingId, reason },
    });
  },

  async agenda(client: GqlClient): Promise<{ id: string; status: string; startsAt: string; sessionId: string }[]> {
    return (await client.data(`query { myAgenda(includeCancelled: false) { id status startsAt sessionId } }`)).myAgenda;
  },

  async joinMeeting(client: GqlClient, meetingId: string): Promise<Ticket> {
    return (
      await client.data(`mutation($id: ID!) { joinMeeting(meetingId: $id) { url token roomName } }`, { id: meetingId })
    ).joinMeeting;
  },

  /** A participant says whether a meeting held outside the room (by phone) happened (lifecycle fixes, issue #14). */
  async reportOutcome(client: GqlClient, meetingId: string, happened: boolean): Promise<{ error?: string }> {
    return attempt(
      client,
      `mutation($input: ReportMeetingOutcomeInput!) { reportMeetingOutcome(input: $input) { id status } }`,
      { input: { meetingId, happened } },
      () => ({}),
    );
  },

  /** The organiser decides a meeting's outcome (lifecycle fixes, issue #14). */
  async setOutcome(organiser: GqlClient, meetingId: string, held: boolean): Promise<{ error?: string }> {
    return attempt(
      organiser,
      `mutation($input: SetMeetingOutcomeInput!) { setMeetingOutcome(input: $input) { id status } }`,
      { input: { meetingId, held } },
      () => ({}),
    );
  },

  async giveFeedback(
    client: GqlClient,
    meetingId: string,
    usefulness: number,
    evidence?: { title: string; description: string; conditionCodes: string[]; shared: boolean },
  ): Promise<{ error?: string }> {
    return attempt(
      client,
      `mutation($input: GiveMeetingFeedbackInput!) { giveMeetingFeedback(input: $input) { id } }`,
      { input: { meetingId, usefulness, evidence } },
      () => ({}),
    );
  },

  async recordFollowUp(client: GqlClient, input: Record<string, unknown>): Promise<{ error?: string }> {
    return attempt(
      client,
      `mutation($input: RecordFollowUpActionInput!) { recordFollowUpAction(input: $input) { id } }`,
      { input },
      () => ({}),
    );
  },

  /** The organiser's dashboard: meetings by status, their total, and request counts (null when suppressed). */
  async dashboard(organiser: GqlClient): Promise<{
    meetings: { key: string; value: number | null }[];
    meetingsTotal: number | null;
    requestsTotal: number | null;
  }> {
    const COUNT = `value suppressed`;
    const { impactDashboard } = await organiser.data(
      `query { impactDashboard { meetings { key count { ${COUNT} } } meetingsTotal { ${COUNT} } requests { total { ${COUNT} } } } }`,
    );
    return {
      meetings: (impactDashboard.meetings as { key: string; count: { value: number | null } }[]).map((m) => ({
        key: m.key,
        value: m.count.value,
      })),
      meetingsTotal: impactDashboard.meetingsTotal.value,
      requestsTotal: impactDashboard.requests.total.value,
    };
  },

  async outcomeSummary(organiser: GqlClient, sessionId: string): Promise<{ meetingsTotal: number | null }> {
    const res = await organiser.data(
      `query($id: ID!) { sessionOutcomeSummary(sessionId: $id) { meetingsTotal { value } } }`,
      { id: sessionId },
    );
    return { meetingsTotal: res.sessionOutcomeSummary.meetingsTotal.value };
  },

  /** A GET of the API's HTTP surface (the ORUK feed, the CSV export) with this browser's cookies. */
  async get(client: GqlClient, baseUrl: string, path: string): Promise<{ status: number; text: string }> {
    const res = await fetch(`${baseUrl}${path}`, { headers: { cookie: client.cookieHeader() } });
    return { status: res.status, text: await res.text() };
  },
};
