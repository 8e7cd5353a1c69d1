import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { Clock, SystemClock } from './core/clock/clock';

/** Builds the HTTP application; main.ts, the CLI tools and the tests all start it here. */
export async function createApp(config: AppConfig, clock: Clock = new SystemClock()): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.create(config, clock), {
    logger: config.mode === 'test' ? ['error', 'warn'] : ['log', 'error', 'warn'],
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '100kb' });
  app.use(cookieParser());
  app.set('trust proxy', 'loopback');
  app.enableShutdownHooks();
  return app;
}
