import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LoginSessionService } from '../../core/auth/login-session.service';
import { SessionCookie } from '../../core/auth/session-cookie';
import { Clock } from '../../core/clock/clock';
import { PrivacyService } from './privacy.service';

/** Where "download my data" lives; the web app's fallback leaves it alone (core/web/web-app.ts). */
export const MY_DATA_PATH = '/account/my-data';

/**
 * GET /account/my-data: the signed-in person's own data as a JSON file (a plain download, so the
 * browser saves it). 401 without a valid login cookie. Never cached.
 */
@Controller()
export class MyDataController {
  constructor(
    private readonly sessions: LoginSessionService,
    private readonly privacy: PrivacyService,
    private readonly clock: Clock,
  ) {}

  @Get(MY_DATA_PATH.slice(1))
  async download(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = SessionCookie.read(req);
    const actor = token ? await this.sessions.resolve(token) : null;
    res.setHeader('Cache-Control', 'no-store');
    if (!actor) {
      res.status(401).json({ error: 'UNAUTHENTICATED', message: 'You need to sign in.' });
      return;
    }
    const day = this.clock.now().toISOString().slice(0, 10);
    res.setHeader('Content-Disposition', `attachment; filename="cyswllt-my-data-${day}.json"`);
    res
      .status(200)
      .type('application/json')
      .send(JSON.stringify(await this.privacy.exportFor(actor.id), null, 2));
  }
}
