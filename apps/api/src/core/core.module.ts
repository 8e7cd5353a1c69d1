import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig } from '../config/app-config';
import { AuthGuard } from './auth/auth.guard';
import { LoginSessionService } from './auth/login-session.service';
import { Clock } from './clock/clock';
import { Ticker } from './clock/ticker';
import { DatabaseModule } from './database/database.module';
import { DomainErrorFilter } from './graphql/domain-error.filter';
import { graphqlOptions } from './graphql/graphql-options';
import { createValidationPipe } from './graphql/validation.pipe';
import { HealthController } from './health/health.controller';

/** Plumbing every domain module relies on: config, clock, database, GraphQL, auth, errors. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    const configModule: DynamicModule = {
      module: class ConfigHolderModule {},
      global: true,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [AppConfig, Clock],
    };
    return {
      module: CoreModule,
      imports: [
        configModule,
        DatabaseModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, ...graphqlOptions(config) }),
      ],
      controllers: [HealthController],
      providers: [
        LoginSessionService,
        Ticker,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [LoginSessionService, Ticker],
    };
  }
}
