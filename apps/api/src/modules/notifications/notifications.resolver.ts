import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { Actor, Role } from '../../core/auth/role';
import { UpdateNotificationPreferencesInput } from './inputs/notification.inputs';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarFeed, NotificationPreference, OutboxMessage } from './models/notification.models';
import { OutboxStatus } from './notifications.enums';
import { NotificationsService } from './notifications.service';

@Resolver()
export class NotificationsResolver {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly calendarFeeds: CalendarFeedService,
  ) {}

  /** Rule: signed in; only the caller's own e-mails. */
  @Query(() => [OutboxMessage], {
    description: 'E-mails sent to you, newest first (in embedded mode they are delivered here).',
  })
  async myOutbox(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @CurrentUser() actor: Actor,
  ): Promise<OutboxMessage[]> {
    return (await this.notifications.myOutbox(actor, first)).map(({ row, mail }) => OutboxMessage.from(row, mail));
  }

  /** Rule: ADMIN only. */
  @Roles(Role.ADMIN)
  @Query(() => [OutboxMessage], { description: 'Everyone’s e-mails, newest first, optionally by status (admins).' })
  async outbox(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('statuses', { type: () => [OutboxStatus], nullable: true }) statuses: OutboxStatus[] | undefined,
  ): Promise<OutboxMessage[]> {
    return (await this.notifications.all(first, statuses)).map(({ row, mail }) => OutboxMessage.from(row, mail));
  }

  /** Rule: signed in; the caller's own preferences. */
  @Query(() => [NotificationPreference], { description: 'Which e-mails you receive, per kind.' })
  myNotificationPreferences(@CurrentUser() actor: Actor): Promise<NotificationPreference[]> {
    return this.notifications.preferences(actor);
  }

  /** Rule: signed in; the caller's own preferences; essential kinds cannot be switched off. */
  @Mutation(() => [NotificationPreference])
  updateNotificationPreferences(
    @Args('input') input: UpdateNotificationPreferencesInput,
    @CurrentUser() actor: Actor,
  ): Promise<NotificationPreference[]> {
    return this.notifications.updatePreferences(actor, input.preferences);
  }

  /** Rule: signed in; the caller's own feed (its URL is not shown again). */
  @Query(() => CalendarFeed, {
    nullable: true,
    description: 'Your calendar feed, if you have one (its URL is shown only when issued).',
  })
  async myCalendarFeed(@CurrentUser() actor: Actor): Promise<CalendarFeed | null> {
    const feed = await this.calendarFeeds.mine(actor);
    return feed && CalendarFeed.from(feed);
  }

  /** Rule: signed in; a feed of the caller's own agenda. CALENDAR_FEED_EXISTS when they have one. */
  @Mutation(() => CalendarFeed, {
    description: 'Creates your private calendar feed and returns its URL (shown this once).',
  })
  async createCalendarFeed(@CurrentUser() actor: Actor): Promise<CalendarFeed> {
    const { feed, url } = await this.calendarFeeds.create(actor);
    return CalendarFeed.from(feed, url);
  }

  /** Rule: signed in; the caller's own feed. NOT_FOUND without one. */
  @Mutation(() => CalendarFeed, {
    description: 'Gives your calendar feed a new secret URL; the old one stops working.',
  })
  async rotateCalendarFeed(@CurrentUser() actor: Actor): Promise<CalendarFeed> {
    const { feed, url } = await this.calendarFeeds.rotate(actor);
    return CalendarFeed.from(feed, url);
  }

  /** Rule: signed in; the caller's own feed. False when there was none. */
  @Mutation(() => Boolean, { description: 'Turns your calendar feed off: its URL stops working.' })
  revokeCalendarFeed(@CurrentUser() actor: Actor): Promise<boolean> {
    return this.calendarFeeds.revoke(actor);
  }
}
