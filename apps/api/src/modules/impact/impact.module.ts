import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EventsModule } from '../events/events.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { ReciprocityModule } from '../reciprocity/reciprocity.module';
import { ImpactExportController } from './impact-export.controller';
import { ImpactRepository } from './impact.repository';
import { ImpactResolver } from './impact.resolver';
import { ImpactService } from './impact.service';

/** Impact dashboard, sessions' outcome summaries and the CSV export, with small-number suppression. */
@Module({
  imports: [AccountsModule, EventsModule, ProfilesModule, ReciprocityModule],
  controllers: [ImpactExportController],
  providers: [ImpactResolver, ImpactService, ImpactRepository],
})
export class ImpactModule {}
