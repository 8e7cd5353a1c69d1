import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LoginSessionService } from '../../core/auth/login-session.service';
import { hasRole, Language, Role } from '../../core/auth/role';
import { SessionCookie } from '../../core/auth/session-cookie';
import { CommonError, CommonErrorCode } from '../../core/errors/common.errors';
import { DomainError } from '../../core/errors/domain-error';
import { createValidationPipe } from '../../core/graphql/validation.pipe';
import { IMPACT_CSV_COLUMNS, impactCsvRecords } from './impact-csv';
import { ImpactService } from './impact.service';
import { ImpactFilterInput } from './inputs/impact-filter.input';

/** The CSV export's path; the web app's fallback never takes it (core/web/web-app.ts API_PATHS). */
export const IMPACT_EXPORT_PATH = '/exports/impact.csv';

const HTTP_STATUS: Partial<Record<string, number>> = {
  [CommonErrorCode.UNAUTHENTICATED]: 401,
  [CommonErrorCode.FORBIDDEN]: 403,
  [CommonErrorCode.NOT_FOUND]: 404,
};

/**
 * GET /exports/impact.csv?sessionIds=a,b&from=…&to=…&region=…&condition=…&lang=cy|en — the
 * dashboard's tables as CSV, streamed through csv-stringify. Same rule as `impactDashboard`:
 * signed in with the session cookie, ORGANISER (own sessions) or ADMIN; same filters, same
 * suppression: a suppressed cell is written as "<5" or "[c]", never as its number.
 * Errors answer JSON `{ code, message }` with 400, 401, 403 or 404.
 */
@Controller()
export class ImpactExportController {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly impact: ImpactService,
    private readonly loginSessions: LoginSessionService,
  ) {}

  @Get(IMPACT_EXPORT_PATH.slice(1))
  async export(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    try {
      const token = SessionCookie.read(req);
      const actor = token ? await this.loginSessions.resolve(token) : null;
      if (!actor) throw CommonError.unauthenticated();
      if (!hasRole(actor, Role.ORGANISER)) throw CommonError.forbidden(`only ${Role.ORGANISER}`);
      const filter = (await this.validation.transform(filterFromQuery(query), { type: 'query', metatype: ImpactFilterInput })) as ImpactFilterInput;
      const dashboard = await this.impact.dashboard(actor, filter);
      const language = query.lang === Language.cy || (query.lang === undefined && actor.language === Language.cy) ? Language.cy : Language.en;
      res.status(200);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="cyswllt-impact.csv"');
      res.setHeader('Cache-Control', 'no-store');
      // A byte-order mark so spreadsheet programs read ŵ and ŷ as UTF-8.
      await pipeline(Readable.from(impactCsvRecords(dashboard, language)), stringify({ header: true, columns: [...IMPACT_CSV_COLUMNS], bom: true }), res);
    } catch (error) {
      if (!(error instanceof DomainError) || res.headersSent) throw error;
      res.status(HTTP_STATUS[error.code] ?? 400).json({ code: error.code, message: error.message });
    }
  }
}

/** Query-string values as the GraphQL filter's shape: lists comma-separated, dates as ISO text. */
function filterFromQuery(query: Record<string, unknown>): Record<string, unknown> {
  const text = (name: string) => (typeof query[name] === 'string' && query[name] !== '' ? (query[name] as string) : undefined);
  const list = query.sessionIds;
  const sessionIds = Array.isArray(list) ? list.flatMap((v) => String(v).split(',')) : typeof list === 'string' && list !== '' ? list.split(',') : undefined;
  return { sessionIds, from: text('from'), to: text('to'), region: text('region'), condition: text('condition') };
}
