import { Injectable, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DemoSeedResult, seedDemo } from './demo-seed';

/** Seeds the demo data set through the modules' services (see demo-seed.ts). */
@Injectable()
export class DemoSeeder {
  constructor(private readonly moduleRef: ModuleRef) {}

  seed(): Promise<DemoSeedResult> {
    return seedDemo(this.moduleRef);
  }
}

/**
 * The demo data, a module of its own: the bootstrap adds it to the app only when config.seedDemo
 * is set (`npm start`), and seeds once the app is initialised. Nothing else imports it.
 */
@Module({ providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
