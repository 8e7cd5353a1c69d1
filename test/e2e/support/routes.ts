import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { contextDefaults, launchChromium } from './browser';
import { DEMO_PASSWORD } from './global-setup';

/**
 * The web app's pages by who can open them (paths without their language: prefix /cy or /en), and
 * the GraphQL calls the page walks need (a11y-matrix.e2e.ts, welsh-walk.e2e.ts).
 */

/** Pages anyone can open, signed in or not. */
export const PUBLIC = (sessionId: string) => ['', '/sessions', `/sessions/${sessionId}`, '/directory'];
/** Pages for the signed-out visitor: the forms, links with an unknown token, and a page that asks to sign in. */
export const SIGNED_OUT = [
  '/sign-in',
  '/sign-up',
  '/forgot-password',
  '/reset-password/not-a-real-token',
  '/invitation/not-a-real-token',
  '/confirm-email/not-a-real-token',
  '/agenda',
];
/** Pages every signed-in person has. */
export const SIGNED_IN = [
  '/agenda',
  '/requests',
  '/profile',
  '/actions',
  '/evidence',
  '/outbox',
  '/settings',
  '/account',
  '/account/reciprocity',
  '/proposals',
  '/proposals/new',
];
/** The organiser's pages (an admin has them too). */
export const ORGANISER = (sessionId: string) => [
  '/organiser',
  '/organiser/new',
  '/organiser/impact',
  '/organiser/invitations',
  `/sessions/${sessionId}/edit`,
  `/sessions/${sessionId}/schedule`,
  `/sessions/${sessionId}/live`,
  `/sessions/${sessionId}/outcomes`,
  `/sessions/${sessionId}/attendance`,
];

/** A GraphQL call with the context's cookies (the browser's session). */
export async function graphql<T>(
  context: BrowserContext,
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await context.request.post(`${base}/graphql`, { data: { query, variables } });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`call failed: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

export async function logIn(context: BrowserContext, base: string, email: string): Promise<void> {
  await graphql(context, base, 'mutation ($input: LogInInput!) { logIn(input: $input) { id } }', {
    input: { email, password: DEMO_PASSWORD },
  });
}

export async function firstMeetingId(context: BrowserContext, base: string): Promise<string | undefined> {
  const { myAgenda } = await graphql<{ myAgenda: { id: string }[] }>(
    context,
    base,
    '{ myAgenda(from: "2020-01-01T00:00:00Z", includeCancelled: true) { id } }',
  );
  return myAgenda[0]?.id;
}

export async function firstSessionId(context: BrowserContext, base: string): Promise<string> {
  const { sessions } = await graphql<{ sessions: { edges: { node: { id: string } }[] } }>(
    context,
    base,
    '{ sessions(first: 1) { edges { node { id } } } }',
  );
  return sessions.edges[0]!.node.id;
}

/** One Chromium for a describe block, closed after it, and the id of the first seeded session. */
export function chromiumForSuite(base: string): { browser: Browser; sessionId: string } {
  const suite = { sessionId: '' } as { browser: Browser; sessionId: string };
  beforeAll(async () => {
    suite.browser = await launchChromium();
    const context = await suite.browser.newContext(contextDefaults);
    suite.sessionId = await firstSessionId(context, base);
    await context.close();
  });
  afterAll(async () => {
    await suite.browser?.close();
  });
  return suite;
}
