import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LoginSessionService } from '../auth/login-session.service';
import { type Actor, hasRole, Role } from '../auth/role';
import { SessionCookie } from '../auth/session-cookie';
import { CommonError, CommonErrorCode } from '../errors/common.errors';
import { DomainError } from '../errors/domain-error';

const HTTP_STATUS: Partial<Record<string, number>> = {
  [CommonErrorCode.UNAUTHENTICATED]: 401,
  [CommonErrorCode.FORBIDDEN]: 403,
  [CommonErrorCode.NOT_FOUND]: 404,
};

export interface OrganiserCsv {
  filename: string;
  columns: readonly string[];
  /** The rows for this signed-in organiser (or admin); a DomainError refuses the download. */
  records(actor: Actor): Promise<Iterable<unknown>>;
  /** HTTP statuses of the module's own error codes (others answer 400). */
  statuses?: Partial<Record<string, number>>;
}

/**
 * An organisers' CSV download: signed in with the session cookie, ORGANISER or ADMIN, streamed
 * through csv-stringify with a byte-order mark (so spreadsheet programs read ŵ and ŷ as UTF-8).
 * A refusal answers JSON `{ code, message }` with 400, 401, 403 or 404.
 */
export async function sendOrganiserCsv(
  req: Request,
  res: Response,
  loginSessions: LoginSessionService,
  csv: OrganiserCsv,
): Promise<void> {
  try {
    const token = SessionCookie.read(req);
    const actor = token ? await loginSessions.resolve(token) : null;
    if (!actor) throw CommonError.unauthenticated();
    if (!hasRole(actor, Role.ORGANISER)) throw CommonError.forbidden(`only ${Role.ORGANISER}`);
    const records = await csv.records(actor);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${csv.filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    await pipeline(Readable.from(records), stringify({ header: true, columns: [...csv.columns], bom: true }), res);
  } catch (error) {
    if (!(error instanceof DomainError) || res.headersSent) throw error;
    res
      .status(csv.statuses?.[error.code] ?? HTTP_STATUS[error.code] ?? 400)
      .json({ code: error.code, message: error.message });
  }
}
