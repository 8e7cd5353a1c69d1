import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { Actor, Role } from '../../core/auth/role';
import { UpdateNotificationPreferencesInput } from './inputs/notification.inputs';
import { NotificationPreference, OutboxMessage } from './models/notification.models';
import { OutboxStatus } from './notifications.enums';
import { NotificationsService } from './notifications.service';

@Resolver()
export class NotificationsResolver {
  constructor(private readonly notifications: NotificationsService) {}

  /** Rule: signed in; only the caller's own e-mails. */
  @Query(() => [OutboxMessage], { description: 'E-mails sent to you, newest first (in embedded mode they are delivered here).' })
  async myOutbox(@Args('first', { type: () => Int, defaultValue: 50 }) first: number, @CurrentUser() actor: Actor): Promise<OutboxMessage[]> {
    return (await this.notifications.myOutbox(actor, first)).map(OutboxMessage.from);
  }

  /** Rule: ADMIN only. */
  @Roles(Role.ADMIN)
  @Query(() => [OutboxMessage], { description: 'Everyone’s e-mails, newest first, optionally by status (admins).' })
  async outbox(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('statuses', { type: () => [OutboxStatus], nullable: true }) statuses: OutboxStatus[] | undefined,
  ): Promise<OutboxMessage[]> {
    return (await this.notifications.all(first, statuses)).map(OutboxMessage.from);
  }

  /** Rule: signed in; the caller's own preferences. */
  @Query(() => [NotificationPreference], { description: 'Which e-mails you receive, per kind.' })
  myNotificationPreferences(@CurrentUser() actor: Actor): Promise<NotificationPreference[]> {
    return this.notifications.preferences(actor);
  }

  /** Rule: signed in; the caller's own preferences; essential kinds cannot be switched off. */
  @Mutation(() => [NotificationPreference])
  updateNotificationPreferences(@Args('input') input: UpdateNotificationPreferencesInput, @CurrentUser() actor: Actor): Promise<NotificationPreference[]> {
    return this.notifications.updatePreferences(actor, input.preferences);
  }
}
