import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EventsModule } from '../events/events.module';
import { MeetingParticipantsLoader } from './booking.loaders';
import { BookingLive } from './booking-live';
import { BookingLiveResolver } from './booking-live.resolver';
import { BookingPersonalData } from './booking-personal-data';
import { BookingSessionListener } from './booking-session.listener';
import { BookingMetricsListener } from './booking-metrics.listener';
import { MeetingChangeListeners } from './meeting-change-listener';
import { MeetingPlacer } from './meeting-placer';
import { MeetingParticipantResolver, MeetingsResolver } from './meetings.resolver';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import { OffersRepository } from './offers.repository';
import { OffersResolver, RegistrationsResolver, SessionRegistrationResolver } from './registrations.resolver';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';
import { RequestsRepository } from './requests.repository';
import { RequestsResolver } from './requests.resolver';
import { RequestsService } from './requests.service';

@Module({
  imports: [AccountsModule, EventsModule],
  providers: [
    RegistrationsResolver,
    OffersResolver,
    SessionRegistrationResolver,
    MeetingsResolver,
    MeetingParticipantResolver,
    RequestsResolver,
    BookingLiveResolver,
    BookingLive,
    RegistrationsService,
    MeetingsService,
    RequestsService,
    MeetingPlacer,
    MeetingChangeListeners,
    BookingSessionListener,
    BookingMetricsListener,
    MeetingParticipantsLoader,
    RegistrationsRepository,
    OffersRepository,
    MeetingsRepository,
    RequestsRepository,
    BookingPersonalData,
  ],
  exports: [RegistrationsService, MeetingsService, RequestsService, MeetingPlacer, MeetingChangeListeners],
})
export class BookingModule {}
