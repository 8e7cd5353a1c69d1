import { DynamicModule, Module, Type } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { Clock } from './core/clock/clock';
import { CoreModule } from './core/core.module';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { AccountsModule } from './modules/accounts/accounts.module';
import { AccessModule } from './modules/access/access.module';
import { BookingModule } from './modules/booking/booking.module';
import { DirectoryModule } from './modules/directory/directory.module';
import { EventsModule } from './modules/events/events.module';
import { FollowupsModule } from './modules/followups/followups.module';
import { ImpactModule } from './modules/impact/impact.module';
import { MatchingModule } from './modules/matching/matching.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { ProfilesModule } from './modules/profiles/profiles.module';
import { ReciprocityModule } from './modules/reciprocity/reciprocity.module';
import { RoomsModule } from './modules/rooms/rooms.module';

@Module({})
export class AppModule {
  /** `extra`: modules the bootstrap adds for this run (the demo data with config.seedDemo). */
  static create(config: AppConfig, clock: Clock, extra: Type[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, clock, { entities: ENTITIES, migrations: MIGRATIONS }),
        AccountsModule,
        ProfilesModule,
        EventsModule,
        AccessModule,
        BookingModule,
        ReciprocityModule,
        MatchingModule,
        RoomsModule,
        NotificationsModule,
        FollowupsModule,
        DirectoryModule,
        ImpactModule,
        ...extra,
      ],
    };
  }
}
