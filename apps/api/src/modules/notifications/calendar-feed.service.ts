import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { Actor, Language } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { AccountsService } from '../accounts/accounts.service';
import { MeetingStatus } from '../booking/booking.enums';
import { MeetingsService } from '../booking/meetings.service';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarFeedEntity } from './entities/calendar-feed.entity';
import { message } from './mail-messages';
import { whenFiller } from './mail-templates';
import { agendaCalendar } from './meeting-calendar';
import { NotificationsError } from './notifications.errors';

/** How far back a feed reaches: recent meetings stay visible for a month. */
const FEED_PAST_MS = 31 * 24 * 3600_000;
/** A feed's file name: 43 characters of base64url (256 random bits) and ".ics". */
const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;

export interface IssuedFeed {
  feed: CalendarFeedEntity;
  /** The feed's URL, with its secret: shown once, when issued; only its hash is stored. */
  url: string;
}

/**
 * Private calendar feeds: a person's agenda at /calendar/<secret>.ics for their calendar program to
 * subscribe to. The secret is 256 random bits; only its sha256 is stored, so the database does not
 * hold working feed URLs. Rotating issues a new secret (the old URL stops working); revoking
 * deletes it. An unknown, malformed or revoked secret is simply not found.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly db: Database,
    private readonly feeds: CalendarFeedRepository,
    private readonly meetings: MeetingsService,
    private readonly accounts: AccountsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  mine(actor: Actor): Promise<CalendarFeedEntity | null> {
    return this.feeds.findByUser(actor.id);
  }

  /** A first feed; CALENDAR_FEED_EXISTS when the caller has one (rotate it instead). */
  create(actor: Actor): Promise<IssuedFeed> {
    return this.db.write(async (em) => {
      if (await this.feeds.findByUser(actor.id, em)) throw NotificationsError.feedExists();
      return this.issue(actor.id, em);
    });
  }

  /** A new secret for the caller's feed; the old URL stops working. NOT_FOUND without a feed. */
  rotate(actor: Actor): Promise<IssuedFeed> {
    return this.db.write(async (em) => {
      if (!(await this.feeds.findByUser(actor.id, em))) throw CommonError.notFound('CalendarFeed', actor.id);
      return this.issue(actor.id, em);
    });
  }

  /** True when there was a feed to revoke. */
  revoke(actor: Actor): Promise<boolean> {
    return this.db.write((em) => this.feeds.delete(actor.id, em));
  }

  /** The feed's VCALENDAR for a requested file name (`<secret>.ics`), or null for anything unknown. */
  async render(file: string): Promise<string | null> {
    const secret = FEED_FILE.exec(file)?.[1];
    if (!secret) return null;
    const feed = await this.feeds.findBySecretHash(hashSecret(secret));
    if (!feed) return null;
    const [user] = await this.accounts.findUsers([feed.userId]);
    if (!user) return null;
    const language = user.preferredLanguage === Language.cy ? Language.cy : Language.en;
    const link = this.agendaLink(language);
    const from = new Date(this.clock.now().getTime() - FEED_PAST_MS);
    const rows = await this.meetings.agendaOfUser(user.id, { from, includeCancelled: true });
    return agendaCalendar(
      message(language, 'ics.feedName', {}),
      rows.map((row) => {
        const title = language === Language.cy ? row.session.titleCy : row.session.titleEn;
        return {
          uid: row.calendarUid,
          sequence: row.sequence,
          startsAt: row.startsAt,
          endsAt: row.endsAt,
          summary: message(language, 'ics.summary', { title }),
          description: message(language, 'ics.description', {
            title,
            link,
            when: whenFiller(row.startsAt, row.endsAt, language),
          }),
          url: link,
          tentative: row.status === MeetingStatus.PROPOSED,
          cancelled: row.status === MeetingStatus.CANCELLED,
          updatedAt: row.updatedAt,
        };
      }),
    );
  }

  private async issue(userId: string, em: Parameters<CalendarFeedRepository['save']>[1]): Promise<IssuedFeed> {
    const secret = randomBytes(32).toString('base64url');
    const feed: CalendarFeedEntity = { userId, secretHash: hashSecret(secret), createdAt: this.clock.now() };
    await this.feeds.save(feed, em);
    return { feed, url: `${this.config.publicUrl.replace(/\/$/, '')}/calendar/${secret}.ics` };
  }

  /** The agenda page in the language of the account's e-mails and invitations. */
  private agendaLink(language: Language): string {
    return `${this.config.publicUrl.replace(/\/$/, '')}/${language}/agenda`;
  }
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
