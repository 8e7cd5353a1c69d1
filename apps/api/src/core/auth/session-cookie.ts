import type { Request, Response } from 'express';
import { SESSION_COOKIE } from './login-session.service';

/**
 * The login cookie: `__Host-` prefixed, httpOnly, Secure, SameSite=Lax, path /. Browsers accept
 * Secure cookies on http://localhost, so development and tests use the production settings.
 */
export const SessionCookie = {
  read(req: Request): string | undefined {
    return (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  },
  write(res: Response, token: string, expiresAt: Date): void {
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'lax', path: '/', expires: expiresAt });
  },
  clear(res: Response): void {
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'lax', path: '/' });
  },
};
