import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CalendarFeedService } from './calendar-feed.service';

/**
 * GET /calendar/<secret>.ics: a person's agenda for calendar programs to subscribe to. Anything
 * but a live secret gets the same bare 404, so a URL tells nothing about whether it ever existed.
 */
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get(':file')
  async feed(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const calendar = await this.feeds.render(file);
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (calendar === null) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.status(200).type('text/calendar; charset=utf-8').send(calendar);
  }
}
