import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BookingModule } from '../booking/booking.module';
import { PersonReciprocityResolver, ReciprocityResolver } from './reciprocity.resolver';
import { ReciprocityPersonalData } from './reciprocity-personal-data';
import { ReciprocityRepository } from './reciprocity.repository';
import { ReciprocityService } from './reciprocity.service';

/** The reciprocity ledger: hours given and received in held meetings (docs/reciprocity-and-fairness.md). */
@Module({
  imports: [AccountsModule, BookingModule],
  providers: [
    ReciprocityResolver,
    PersonReciprocityResolver,
    ReciprocityService,
    ReciprocityRepository,
    ReciprocityPersonalData,
  ],
  exports: [ReciprocityService],
})
export class ReciprocityModule {}
