import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig } from '../config/app-config';
import { AuthGuard } from './auth/auth.guard';
import { LoginSessionService } from './auth/login-session.service';
import { Clock } from './clock/clock';
import { Ticker } from './clock/ticker';
import { DatabaseSchema } from './database/data-source.factory';
import { DatabaseModule } from './database/database.module';
import { DomainErrorFilter } from './graphql/domain-error.filter';
import { graphqlOptions } from './graphql/graphql-options';
import { SubscriptionServer } from './graphql/subscription-server';
import { createValidationPipe } from './graphql/validation.pipe';
import { GracefulShutdown } from './health/graceful-shutdown';
import { HealthController } from './health/health.controller';
import { GraphqlMetricsPlugin } from './metrics/graphql-metrics.plugin';
import { Metrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { RealtimeModule } from './realtime/realtime.module';
import { PersonalDataRegistry } from './privacy/personal-data';

/**
 * Plumbing every domain module relies on: config, clock, database, GraphQL, auth, errors, live
 * events, metrics, health and graceful shutdown.
 */
@Global()
@Module({})
export class CoreModule {
  /** `database`: the app's entities and migrations, for the database module (the core knows no domain table). */
  static forRoot(config: AppConfig, clock: Clock, database: DatabaseSchema): DynamicModule {
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
        DiscoveryModule,
        DatabaseModule.forRoot(database),
        RealtimeModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, ...graphqlOptions(config) }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        LoginSessionService,
        SubscriptionServer,
        Ticker,
        Metrics,
        GraphqlMetricsPlugin,
        GracefulShutdown,
        PersonalDataRegistry,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [LoginSessionService, Ticker, Metrics, PersonalDataRegistry],
    };
  }
}
