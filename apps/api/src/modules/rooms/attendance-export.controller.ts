import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LoginSessionService } from '../../core/auth/login-session.service';
import { CommonError } from '../../core/errors/common.errors';
import { sendOrganiserCsv } from '../../core/web/organiser-csv';
import { ATTENDANCE_CSV_COLUMNS, attendanceCsvRecords } from './attendance-report';
import { RoomsService } from './rooms.service';

/** The attendance report's CSV path (under /exports, which the web app's fallback never takes). */
export const ATTENDANCE_EXPORT_PATH = '/exports/attendance.csv';

/**
 * GET /exports/attendance.csv?sessionId=… — `sessionAttendanceReport` as CSV, one line per person
 * per meeting, streamed through csv-stringify (as the impact export). Same rule: signed in with
 * the session cookie, ORGANISER of that session or ADMIN. Errors answer JSON `{ code, message }`.
 */
@Controller()
export class AttendanceExportController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly loginSessions: LoginSessionService,
  ) {}

  @Get(ATTENDANCE_EXPORT_PATH.slice(1))
  export(@Req() req: Request, @Res() res: Response, @Query('sessionId') sessionId: unknown): Promise<void> {
    return sendOrganiserCsv(req, res, this.loginSessions, {
      filename: 'cyswllt-attendance.csv',
      columns: ATTENDANCE_CSV_COLUMNS,
      statuses: { NOT_SESSION_ORGANISER: 403 },
      records: async (actor) => {
        if (typeof sessionId !== 'string' || !/^[0-9a-f-]{36}$/i.test(sessionId))
          throw CommonError.badInput('Name the session.', { sessionId: ['must be a UUID'] });
        return attendanceCsvRecords(await this.rooms.attendanceReport(actor, sessionId));
      },
    });
  }
}
