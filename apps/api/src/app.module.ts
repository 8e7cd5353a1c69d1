import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { Clock } from './core/clock/clock';
import { CoreModule } from './core/core.module';
import { AccountsModule } from './modules/accounts/accounts.module';
import { BookingModule } from './modules/booking/booking.module';
import { DirectoryModule } from './modules/directory/directory.module';
import { EventsModule } from './modules/events/events.module';
import { FollowupsModule } from './modules/followups/followups.module';
import { ImpactModule } from './modules/impact/impact.module';
import { MatchingModule } from './modules/matching/matching.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { ProfilesModule } from './modules/profiles/profiles.module';
import { RoomsModule } from './modules/rooms/rooms.module';

@Module({})
export class AppModule {
  static create(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config, clock), AccountsModule, ProfilesModule, EventsModule, BookingModule, MatchingModule, RoomsModule, NotificationsModule, FollowupsModule, DirectoryModule, ImpactModule],
    };
  }
}
