import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LoginSessionService } from '../../core/auth/login-session.service';
import { CommonError } from '../../core/errors/common.errors';
import { sendOrganiserCsv } from '../../core/web/organiser-csv';
import { FairnessService } from './fairness.service';

/** The CSV export's path (under /exports, which the web app's fallback never takes). */
export const FAIRNESS_EXPORT_PATH = '/exports/fairness.csv';

export const FAIRNESS_CSV_COLUMNS = [
  'table',
  'dimension',
  'category',
  'people',
  'with_meeting',
  'coverage',
  'average_value',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GET /exports/fairness.csv?runId=… or ?sessionId=… — the fairness report's figures as CSV, with the
 * same rule and the same suppression as `scheduleRunFairness` / `sessionFairness` (a suppressed
 * cell is written "<5" or "[c]"). The list of people without a meeting is not in the file: it is a
 * working list in the organiser's page, not a figure to pass on.
 */
@Controller()
export class FairnessExportController {
  constructor(
    private readonly fairness: FairnessService,
    private readonly loginSessions: LoginSessionService,
  ) {}

  @Get(FAIRNESS_EXPORT_PATH.slice(1))
  export(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    return sendOrganiserCsv(req, res, this.loginSessions, {
      filename: 'cyswllt-fairness.csv',
      columns: FAIRNESS_CSV_COLUMNS,
      statuses: { NOT_SESSION_ORGANISER: 403, SCHEDULE_NOT_READY: 409 },
      records: async (actor) => {
        const runId = typeof query.runId === 'string' ? query.runId : undefined;
        const sessionId = typeof query.sessionId === 'string' ? query.sessionId : undefined;
        if ((runId === undefined) === (sessionId === undefined) || !UUID.test(runId ?? sessionId ?? ''))
          throw CommonError.badInput('Give either runId or sessionId, as an id.', { runId: ['one of'] });
        const report = runId
          ? await this.fairness.forRun(actor, runId)
          : await this.fairness.forSession(actor, sessionId!);
        const f = report.figures;
        return [
          ['all', '', '', f.people.display, f.withMeeting.display, f.coverage.display, f.averageValue.display],
          ...f.groups.map((g) => [
            'by_group',
            g.dimension,
            g.category,
            g.people.display,
            g.withMeeting.display,
            g.coverage.display,
            g.averageValue.display,
          ]),
          ...f.reasons.map((r) => ['without_meeting_by_reason', 'REASON', r.reason, r.people.display, '', '', '']),
        ];
      },
    });
  }
}
