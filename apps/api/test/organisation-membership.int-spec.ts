import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #16, who may do what: membership of an organisation needs an invitation or an approval.
 * Naming an organisation at sign-up or in updateMe only asks to join (`pendingOrganisation`); the
 * person shows the organisation (`organisation`, and so counts as its commissioner in matching)
 * once an organiser or admin approves. An invitation to an organisation makes a member at once.
 */
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { id organisation { id } pendingOrganisation { id } } }`;
const UPDATE_ME = `mutation ($input: UpdateMeInput!) { updateMe(input: $input) { organisation { id } pendingOrganisation { id } } }`;
const ME = `{ me { organisation { id } pendingOrganisation { id } } }`;
const PERSON = `query ($id: ID!) { person(id: $id) { organisation { id } pendingOrganisation { id } } }`;
const REQUESTS = `{ organisationMembershipRequests { id displayName pendingOrganisation { id name } } }`;
const DECIDE = `mutation ($input: DecideOrganisationMembershipInput!) { decideOrganisationMembership(input: $input) { id organisation { id } pendingOrganisation { id } } }`;
const CREATE_ORGANISATION = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name } }`;
const INVITE = `mutation ($input: CreateInvitationInput!) { createInvitation(input: $input) { token } }`;
const ACCEPT = `mutation ($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { organisation { id } pendingOrganisation { id } } }`;

let t: TestApp;
let organiser: TestUser;
let admin: TestUser;
let healthBoard: { id: string; name: string };
let artsCentre: { id: string; name: string };
let n = 0;

const signUpInput = (organisationId?: string) => ({
  email: `member-${++n}@example.test`,
  password: 'a long enough password',
  displayName: `Member ${n}`,
  preferredLanguage: 'en',
  organisationId,
});
const signUpEmail = () => `member-${n}@example.test`; // the address of the last sign-up
const organisationIdOf = async (userId: string) =>
  (await t.db.sql<{ organisation_id: string | null }>('SELECT organisation_id FROM users WHERE id = ?', [userId]))
    .rows[0].organisation_id;

beforeAll(async () => {
  t = await startTestApp();
  organiser = await t.createUser({ roles: [Role.ORGANISER] });
  admin = await t.createUser({ roles: [Role.ADMIN] });
  healthBoard = (
    await organiser.client.data(CREATE_ORGANISATION, { input: { name: 'Bwrdd Iechyd Prawf', kind: 'HEALTH_BOARD' } })
  ).createOrganisation;
  artsCentre = (
    await organiser.client.data(CREATE_ORGANISATION, {
      input: { name: 'Canolfan Gelf Prawf', kind: 'ARTS_ORGANISATION' },
    })
  ).createOrganisation;
});

afterAll(async () => {
  await t?.close();
});

describe('joining an organisation', () => {
  it('at sign-up only asks to join; an organiser approves, and then the person shows it', async () => {
    const client = t.client();
    const { signUp } = await client.data(SIGN_UP, { input: signUpInput(healthBoard.id) });
    expect(signUp).toEqual({ id: signUp.id, organisation: null, pendingOrganisation: { id: healthBoard.id } });
    expect(await organisationIdOf(signUp.id)).toBeNull();
    // Others do not see the request; the organiser does.
    const peer = await t.createUser({ roles: [Role.PRACTITIONER] });
    expect((await peer.client.data(PERSON, { id: signUp.id })).person).toEqual({
      organisation: null,
      pendingOrganisation: null,
    });
    const { organisationMembershipRequests } = await organiser.client.data(REQUESTS);
    expect(organisationMembershipRequests).toContainEqual({
      id: signUp.id,
      displayName: expect.any(String),
      pendingOrganisation: healthBoard,
    });

    const { decideOrganisationMembership } = await organiser.client.data(DECIDE, {
      input: { userId: signUp.id, approve: true },
    });
    expect(decideOrganisationMembership).toEqual({
      id: signUp.id,
      organisation: { id: healthBoard.id },
      pendingOrganisation: null,
    });
    await client.data(`mutation($input: LogInInput!) { logIn(input: $input) { id } }`, {
      input: { email: signUpEmail(), password: 'a long enough password' },
    });
    expect((await client.data(ME)).me).toEqual({ organisation: { id: healthBoard.id }, pendingOrganisation: null });
    expect((await peer.client.data(PERSON, { id: signUp.id })).person.organisation).toEqual({ id: healthBoard.id });
    expect(
      (await organiser.client.data(REQUESTS)).organisationMembershipRequests.map((p: { id: string }) => p.id),
    ).not.toContain(signUp.id);
  });

  it('through updateMe only asks to move; declining keeps the current organisation', async () => {
    const member = await t.createUser({ roles: [Role.COMMISSIONER], organisationId: artsCentre.id });
    const { updateMe } = await member.client.data(UPDATE_ME, { input: { organisationId: healthBoard.id } });
    expect(updateMe).toEqual({ organisation: { id: artsCentre.id }, pendingOrganisation: { id: healthBoard.id } });
    expect(await organisationIdOf(member.user.id)).toBe(artsCentre.id);

    const { decideOrganisationMembership } = await admin.client.data(DECIDE, {
      input: { userId: member.user.id, approve: false },
    });
    expect(decideOrganisationMembership).toEqual({
      id: member.user.id,
      organisation: { id: artsCentre.id },
      pendingOrganisation: null,
    });
    expect(await organisationIdOf(member.user.id)).toBe(artsCentre.id);
    // Naming one's own organisation again asks nothing; leaving needs nobody's approval.
    expect((await member.client.data(UPDATE_ME, { input: { organisationId: artsCentre.id } })).updateMe).toEqual({
      organisation: { id: artsCentre.id },
      pendingOrganisation: null,
    });
    expect((await member.client.data(UPDATE_ME, { input: { organisationId: null } })).updateMe).toEqual({
      organisation: null,
      pendingOrganisation: null,
    });
  });

  it('an invitation to an organisation makes a member at once', async () => {
    const { createInvitation } = await organiser.client.data(INVITE, {
      input: { email: `invited-${++n}@example.test`, roles: ['COMMISSIONER'], organisationId: healthBoard.id },
    });
    const { acceptInvitation } = await t.client().data(ACCEPT, {
      input: {
        token: createInvitation.token,
        password: 'a long enough password',
        displayName: 'Invited',
        preferredLanguage: 'cy',
      },
    });
    expect(acceptInvitation).toEqual({ organisation: { id: healthBoard.id }, pendingOrganisation: null });
  });

  it('only organisers and admins see and decide requests; deciding without a request changes nothing', async () => {
    const { signUp } = await t.client().data(SIGN_UP, { input: signUpInput(healthBoard.id) });
    for (const roles of [[Role.PRACTITIONER], [Role.COMMISSIONER], [Role.LINK_WORKER]]) {
      const caller = await t.createUser({ roles });
      expect(await caller.client.errorCode(REQUESTS)).toBe('FORBIDDEN');
      expect(await caller.client.errorCode(DECIDE, { input: { userId: signUp.id, approve: true } })).toBe('FORBIDDEN');
    }
    expect(await t.client().errorCode(DECIDE, { input: { userId: signUp.id, approve: true } })).toBe('UNAUTHENTICATED');
    expect(await organisationIdOf(signUp.id)).toBeNull();
    const bystander = await t.createUser({ roles: [Role.PRACTITIONER] });
    expect(await organiser.client.errorCode(DECIDE, { input: { userId: bystander.user.id, approve: true } })).toBe(
      'NO_MEMBERSHIP_REQUEST',
    );
    expect(await organiser.client.errorCode(DECIDE, { input: { userId: 'not-a-uuid', approve: true } })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await organisationIdOf(bystander.user.id)).toBeNull();
  });
});
