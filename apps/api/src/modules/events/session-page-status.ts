import type { SessionsRepository } from './sessions.repository';
import { SessionStatus } from './events.enums';

/** A session's page and the pages under it (/cy/sessions/<id>, /en/sessions/<id>/outcomes, …). */
const SESSION_PAGE = /^\/(?:cy|en)\/sessions\/([^/]+)(?:\/[^/]*)?\/?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The HTTP status of a session's page, for the web app's serving (core/web/web-app.ts PageStatus):
 * 404 when no such session exists, 410 (gone) when it was cancelled — the app still shows the page
 * and says so; nothing (200) for any other session, a draft included (its organiser sees it).
 * `new` (the organiser's form at /sessions/new, if ever) and other non-ids are left to the routes.
 */
export function sessionPageStatus(sessions: Pick<SessionsRepository, 'findById'>) {
  return async (path: string): Promise<number | undefined> => {
    const id = SESSION_PAGE.exec(path)?.[1];
    if (id === undefined) return undefined;
    if (!UUID.test(id)) return 404;
    const session = await sessions.findById(id.toLowerCase());
    if (!session) return 404;
    return session.status === SessionStatus.CANCELLED ? 410 : undefined;
  };
}
