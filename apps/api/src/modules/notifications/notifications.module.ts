import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AccountsModule } from '../accounts/accounts.module';
import { BookingModule } from '../booking/booking.module';
import { EventsModule } from '../events/events.module';
import { MailTransport, mailTransportFor } from './mail-transport';
import { NotificationWriter } from './notification-writer';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { OutboxWorker } from './outbox-worker';
import { ReminderScheduler } from './reminder-scheduler';
import { OutboxRepository } from './outbox.repository';

/** E-mail (bilingual) with .ics invitations through a transactional outbox (issue #8). */
@Module({
  imports: [AccountsModule, EventsModule, BookingModule],
  providers: [
    NotificationsResolver,
    NotificationsService,
    NotificationWriter,
    ReminderScheduler,
    OutboxWorker,
    OutboxRepository,
    { provide: MailTransport, inject: [AppConfig], useFactory: (config: AppConfig) => mailTransportFor(config) },
  ],
  exports: [NotificationsService, OutboxWorker, ReminderScheduler],
})
export class NotificationsModule {}
