import { DynamicModule, Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { AfterCommit } from './after-commit';
import { Database } from './database';
import { DatabaseSchema, openDataSource } from './data-source.factory';

/** The data source, the Database helper and the after-commit hook; the entities and migrations come from the app module. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  static forRoot(schema: DatabaseSchema): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DataSource, inject: [AppConfig], useFactory: (config: AppConfig) => openDataSource(config, schema) },
        {
          provide: Database,
          inject: [DataSource, AppConfig],
          useFactory: (dataSource: DataSource, config: AppConfig) => new Database(dataSource, config.databaseEngine),
        },
        AfterCommit,
      ],
      exports: [Database, AfterCommit],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
