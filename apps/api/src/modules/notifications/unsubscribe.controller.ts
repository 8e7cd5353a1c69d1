import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Language } from '../../core/auth/role';
import { escapeHtml } from './mail-templates';
import { message, MessageKey } from './mail-messages';
import { NotificationsService } from './notifications.service';
import { UnsubscribeLinks } from './unsubscribe-links';

/**
 * The one-click unsubscribe link of optional e-mails (RFC 8058). POST turns that kind off for that
 * person, no login needed: mail programs post "List-Unsubscribe=One-Click"; the page's button
 * posts too. GET only shows the page (link scanners fetch links; they must not unsubscribe anyone).
 * A token not signed here is a bare 404 and changes nothing.
 */
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly links: UnsubscribeLinks,
    private readonly notifications: NotificationsService,
  ) {}

  @Get(':token')
  ask(@Param('token') token: string, @Res() res: Response): void {
    if (!this.links.verify(token)) return notFound(res);
    page(res, 'unsubscribe.question', true);
  }

  @Post(':token')
  async unsubscribe(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const target = this.links.verify(token);
    if (!target || !(await this.notifications.switchOff(target.userId, target.kind))) return notFound(res);
    page(res, 'unsubscribe.done', false);
  }
}

function notFound(res: Response): void {
  res.status(404).type('text/plain').send('Not found');
}

/** A small page in both languages (the person is not signed in, so their language is not known here). */
function page(res: Response, key: MessageKey, withButton: boolean): void {
  const both = (k: MessageKey) =>
    [Language.cy, Language.en].map((lang) => ({ lang, text: escapeHtml(message(lang, k)) }));
  const title = both('unsubscribe.title')
    .map((t) => t.text)
    .join(' / ');
  const html = [
    `<!doctype html><html lang="cy"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Cyswllt</title></head><body><main>`,
    `<h1>${title}</h1>`,
    ...both(key).map((t) => `<p lang="${t.lang}">${t.text}</p>`),
    withButton
      ? `<form method="post"><button type="submit">${both('unsubscribe.button')
          .map((t) => `<span lang="${t.lang}">${t.text}</span>`)
          .join(' / ')}</button></form>`
      : '',
    '</main></body></html>',
  ].join('\n');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.status(200).type('text/html; charset=utf-8').send(html);
}
