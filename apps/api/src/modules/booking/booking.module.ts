import { AccessModule } from '../access/access.module';
import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EventsModule } from '../events/events.module';
import {
  LookAlikeLoader,
  MeetingOutcomeReportsLoader,
  MeetingParticipantsLoader,
  OrganisersPeopleLoader,
} from './booking.loaders';
import { PersonContactResolver } from './person-contact.resolver';
import { BookingLive } from './booking-live';
import { BookingLiveResolver } from './booking-live.resolver';
import { BookingPersonalData } from './booking-personal-data';
import { BookingSessionListener } from './booking-session.listener';
import { BookingMetricsListener } from './booking-metrics.listener';
import { MeetingChangeListeners } from './meeting-change-listener';
import { MeetingPlacer } from './meeting-placer';
import { MeetingOutcomesRepository } from './meeting-outcomes.repository';
import { MeetingOutcomesService } from './meeting-outcomes.service';
import { MeetingOutcomeReportResolver, MeetingParticipantResolver, MeetingsResolver } from './meetings.resolver';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import { OffersRepository } from './offers.repository';
import { OffersResolver, RegistrationsResolver, SessionRegistrationResolver } from './registrations.resolver';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';
import { RequestsRepository } from './requests.repository';
import { RequestsResolver } from './requests.resolver';
import { RequestsService } from './requests.service';
import { StandbyRepository } from './standby.repository';
import { WaitingListRepository } from './waiting-list.repository';
import { WaitingListService } from './waiting-list.service';
import { StandbyResolver } from './standby.resolver';
import { StandbyService } from './standby.service';

@Module({
  imports: [AccountsModule, EventsModule, AccessModule],
  providers: [
    RegistrationsResolver,
    OffersResolver,
    SessionRegistrationResolver,
    MeetingsResolver,
    MeetingParticipantResolver,
    MeetingOutcomeReportResolver,
    MeetingOutcomesService,
    MeetingOutcomesRepository,
    MeetingOutcomeReportsLoader,
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
    OrganisersPeopleLoader,
    LookAlikeLoader,
    PersonContactResolver,
    RegistrationsRepository,
    OffersRepository,
    MeetingsRepository,
    RequestsRepository,
    BookingPersonalData,
    StandbyResolver,
    StandbyService,
    StandbyRepository,
    WaitingListRepository,
    WaitingListService,
  ],
  exports: [
    RegistrationsService,
    MeetingsService,
    MeetingOutcomesService,
    RequestsService,
    MeetingPlacer,
    MeetingChangeListeners,
  ],
})
export class BookingModule {}
