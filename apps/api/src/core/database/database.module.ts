import { Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { Database } from './database';
import { openDataSource } from './data-source.factory';

@Global()
@Module({
  providers: [
    { provide: DataSource, inject: [AppConfig], useFactory: (config: AppConfig) => openDataSource(config) },
    {
      provide: Database,
      inject: [DataSource, AppConfig],
      useFactory: (dataSource: DataSource, config: AppConfig) => new Database(dataSource, config.databaseEngine),
    },
  ],
  exports: [Database],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
