import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AccountsModule } from '../accounts/accounts.module';
import { BookingModule } from '../booking/booking.module';
import { EventsModule } from '../events/events.module';
import { FollowupsModule } from '../followups/followups.module';
import { RoomsModule } from '../rooms/rooms.module';
import { ActionDueNotifier } from './action-due-notifier';
import { BullmqReminders } from './bullmq-reminders';
import { CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarFeedService } from './calendar-feed.service';
import { MailRenderer } from './mail-renderer';
import { MailTransport, mailTransportFor } from './mail-transport';
import { NotificationWriter } from './notification-writer';
import { NotificationsPersonalData } from './notifications-personal-data';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { OutboxWorker } from './outbox-worker';
import { ReminderScheduler } from './reminder-scheduler';
import { ReminderSync } from './reminder-sync';
import { RequestNudger } from './request-nudger';
import { SessionChangeMailer } from './session-change-mailer';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeLinks } from './unsubscribe-links';
import { ReminderRecipients, Reminders } from './reminders';
import { OutboxRepository } from './outbox.repository';

/** E-mail (bilingual) with .ics invitations through a transactional outbox (issue #8). */
@Module({
  imports: [AccountsModule, EventsModule, BookingModule, FollowupsModule, RoomsModule],
  controllers: [CalendarFeedController, UnsubscribeController],
  providers: [
    CalendarFeedService,
    UnsubscribeLinks,
    CalendarFeedRepository,
    NotificationsResolver,
    NotificationsService,
    NotificationWriter,
    MailRenderer,
    ReminderScheduler,
    BullmqReminders,
    ReminderRecipients,
    {
      provide: Reminders,
      inject: [AppConfig, ReminderScheduler, BullmqReminders],
      useFactory: (config: AppConfig, inProcess: ReminderScheduler, bullmq: BullmqReminders): Reminders =>
        config.jobs === 'bullmq' ? bullmq : inProcess,
    },
    ReminderSync,
    RequestNudger,
    SessionChangeMailer,
    ActionDueNotifier,
    OutboxWorker,
    OutboxRepository,
    NotificationsPersonalData,
    { provide: MailTransport, inject: [AppConfig], useFactory: (config: AppConfig) => mailTransportFor(config) },
  ],
  exports: [NotificationsService, OutboxWorker, ReminderScheduler],
})
export class NotificationsModule {}
