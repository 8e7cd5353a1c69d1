import { Module } from '@nestjs/common';
import { AccessNeedsPersonalData } from './access-needs-personal-data';
import { AccessNeedsRepository } from './access-needs.repository';
import { AccessNeedsResolver } from './access-needs.resolver';
import { AccessNeedsRetention } from './access-needs-retention';
import { AccessNeedsService } from './access-needs.service';

/** Access needs (docs/interpretation-and-access.md): on profiles and per meeting, with consent. */
@Module({
  providers: [
    AccessNeedsResolver,
    AccessNeedsService,
    AccessNeedsRepository,
    AccessNeedsRetention,
    AccessNeedsPersonalData,
  ],
  exports: [AccessNeedsService],
})
export class AccessModule {}
