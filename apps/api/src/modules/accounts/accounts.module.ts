import { Module } from '@nestjs/common';
import { OrganisationLoader, UserLoader } from './accounts.loaders';
import { AccountsPersonalData } from './accounts-personal-data';
import { AccountsResolver } from './accounts.resolver';
import { AccountsService } from './accounts.service';
import { InvitationListeners } from './invitation-listeners';
import { InvitationsRepository } from './invitations.repository';
import { EmailConfirmationsRepository, PasswordResetsRepository } from './single-use-links.repository';
import { LoginThrottle } from './login-throttle';
import { MyDataController } from './my-data.controller';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsResolver } from './organisations.resolver';
import { OrganisationsService } from './organisations.service';
import { PasswordHasher } from './password-hasher';
import { PrivacyResolver } from './privacy.resolver';
import { PrivacyService } from './privacy.service';
import { UsersRepository } from './users.repository';

@Module({
  controllers: [MyDataController],
  providers: [
    InvitationListeners,
    AccountsResolver,
    AccountsService,
    OrganisationsResolver,
    OrganisationsService,
    UsersRepository,
    OrganisationsRepository,
    InvitationsRepository,
    PasswordResetsRepository,
    EmailConfirmationsRepository,
    PasswordHasher,
    LoginThrottle,
    UserLoader,
    OrganisationLoader,
    PrivacyService,
    PrivacyResolver,
    AccountsPersonalData,
  ],
  exports: [AccountsService, OrganisationsService, UserLoader, InvitationListeners],
})
export class AccountsModule {}
