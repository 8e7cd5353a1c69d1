import { Module } from '@nestjs/common';
import { OrganisationLoader, UserLoader } from './accounts.loaders';
import { AccountsResolver } from './accounts.resolver';
import { AccountsService } from './accounts.service';
import { InvitationsRepository } from './invitations.repository';
import { LoginThrottle } from './login-throttle';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsResolver } from './organisations.resolver';
import { OrganisationsService } from './organisations.service';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

@Module({
  providers: [
    AccountsResolver,
    AccountsService,
    OrganisationsResolver,
    OrganisationsService,
    UsersRepository,
    OrganisationsRepository,
    InvitationsRepository,
    PasswordHasher,
    LoginThrottle,
    UserLoader,
    OrganisationLoader,
  ],
  exports: [AccountsService, OrganisationsService, UserLoader],
})
export class AccountsModule {}
