import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { EventsLoaders } from './events.loaders';
import { EventsPersonalData } from './events-personal-data';
import { ProposalsRepository } from './proposals.repository';
import { ProposalCommentResolver, ProposalsResolver } from './proposals.resolver';
import { ProposalsService } from './proposals.service';
import { SessionChangeListeners } from './session-change-listener';
import { SessionsRepository } from './sessions.repository';
import { SessionsResolver } from './sessions.resolver';
import { SessionsService } from './sessions.service';

@Module({
  imports: [AccountsModule, ProfilesModule],
  providers: [
    SessionsResolver,
    SessionsService,
    SessionsRepository,
    ProposalsResolver,
    ProposalCommentResolver,
    ProposalsService,
    ProposalsRepository,
    SessionChangeListeners,
    EventsLoaders,
    EventsPersonalData,
  ],
  exports: [SessionsService, SessionChangeListeners, EventsLoaders],
})
export class EventsModule {}
