import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LoginSessionService } from '../../core/auth/login-session.service';
import { Language } from '../../core/auth/role';
import { sendOrganiserCsv } from '../../core/web/organiser-csv';
import { createValidationPipe } from '../../core/graphql/validation.pipe';
import { IMPACT_CSV_COLUMNS, impactCsvRecords } from './impact-csv';
import { ImpactService } from './impact.service';
import { ImpactFilterInput } from './inputs/impact-filter.input';

/** The CSV export's path; the web app's fallback never takes it (core/web/web-app.ts API_PATHS). */
export const IMPACT_EXPORT_PATH = '/exports/impact.csv';

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
  export(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    return sendOrganiserCsv(req, res, this.loginSessions, {
      filename: 'cyswllt-impact.csv',
      columns: IMPACT_CSV_COLUMNS,
      records: async (actor) => {
        const filter = (await this.validation.transform(filterFromQuery(query), {
          type: 'query',
          metatype: ImpactFilterInput,
        })) as ImpactFilterInput;
        const dashboard = await this.impact.dashboard(actor, filter);
        const language =
          query.lang === Language.cy || (query.lang === undefined && actor.language === Language.cy)
            ? Language.cy
            : Language.en;
        return impactCsvRecords(dashboard, language);
      },
    });
  }
}

/** Query-string values as the GraphQL filter's shape: lists comma-separated, dates as ISO text. */
function filterFromQuery(query: Record<string, unknown>): Record<string, unknown> {
  const text = (name: string) =>
    typeof query[name] === 'string' && query[name] !== '' ? (query[name] as string) : undefined;
  const list = query.sessionIds;
  const sessionIds = Array.isArray(list)
    ? list.flatMap((v) => String(v).split(','))
    : typeof list === 'string' && list !== ''
      ? list.split(',')
      : undefined;
  return { sessionIds, from: text('from'), to: text('to'), region: text('region'), condition: text('condition') };
}
