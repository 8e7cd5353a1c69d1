import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';

type Job = () => Promise<unknown>;

/**
 * Runs the clock-driven transitions (sessions going LIVE and CLOSED, requests expiring) every
 * lifecycleIntervalMs and once at start-up. Modules register their jobs; tests call runNow()
 * after moving the clock instead of waiting.
 */
@Injectable()
export class Ticker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Ticker.name);
  private readonly jobs = new Map<string, Job>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** Set when shutdown begins: no new runs start. */
  stopped = false;

  constructor(private readonly config: AppConfig) {}

  register(name: string, job: Job): void {
    this.jobs.set(name, job);
  }

  /** Runs every job once, in registration order; concurrent calls share one run. */
  runNow(): Promise<void> {
    if (this.stopped) return this.running ?? Promise.resolve();
    this.running ??= this.runJobs().finally(() => (this.running = undefined));
    return this.running;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.mode === 'test') return;
    await this.runNow();
    this.timer = setInterval(() => void this.runNow(), this.config.lifecycleIntervalMs);
    this.timer.unref();
  }

  /** On shutdown, before the HTTP server and the database close: no new runs, and the running one finishes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async runJobs(): Promise<void> {
    for (const [name, job] of this.jobs) {
      try {
        await job();
      } catch (error) {
        this.logger.error(`${name} failed: ${String(error)}`);
      }
    }
  }
}
