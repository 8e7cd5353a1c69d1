import { afterAll, beforeAll, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { startTestApp, TestApp } from './support/test-app';
let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });
it('probe', async () => {
  const c = t.client();
  const r = await c.request(`mutation($input: SignUpInput!) { signUp(input: $input) { id displayName } }`, { input: { email: 'ws@example.test', password: 'long enough pw', displayName: '   ', preferredLanguage: 'en' } });
  console.log('signup-ws', JSON.stringify(r.body));
  const { client } = await t.createUser({ roles: [Role.ORGANISER] });
  const o = await client.request(`mutation { createOrganisation(input: { name: "    ", kind: FUNDER }) { id name } }`);
  console.log('org-ws', JSON.stringify(o.body));
  const u = await client.request(`mutation { updateMe(input: { displayName: "   " }) { id displayName } }`);
  console.log('updateMe-ws', JSON.stringify(u.body));
  const u2 = await client.request(`mutation { updateMe(input: { displayName: null }) { id displayName } }`);
  console.log('updateMe-null', JSON.stringify(u2.body));
  const inv = await client.request(`mutation { createInvitation(input: { email: "A@B.test", roles: [PRACTITIONER, PRACTITIONER] }) { roles } }`);
  console.log('inv', JSON.stringify(inv.body));
  // concurrency: login throttle under parallel attempts
  const { user } = await t.createUser({ roles: [Role.PRACTITIONER] });
  const codes = await Promise.all(Array.from({ length: 20 }, () => t.client().errorCode(`mutation($i: LogInInput!) { logIn(input: $i) { id } }`, { i: { email: user.email, password: 'wrong wrong wrong' } })));
  console.log('parallel-throttle', codes.join(','));
});
