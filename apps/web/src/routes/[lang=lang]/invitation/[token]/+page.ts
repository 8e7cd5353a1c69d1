import type { PageLoad } from './$types';

/** The token from the invitation link (checked by the server only when the form is sent). */
export const load: PageLoad = ({ params }) => ({ token: params.token });
