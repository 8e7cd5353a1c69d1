import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { Database } from '../database/database';
import { GracefulShutdown } from './graceful-shutdown';

/** GET /healthz: 200 when the database answers, 503 otherwise or while shutting down (readiness). */
@Controller()
export class HealthController {
  constructor(
    private readonly db: Database,
    private readonly shutdown: GracefulShutdown,
  ) {}

  @Get('healthz')
  @HttpCode(200)
  async health(): Promise<{ status: 'ok'; database: string }> {
    if (this.shutdown.draining) throw new ServiceUnavailableException({ status: 'draining', database: this.db.engine });
    try {
      await this.db.sql('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ status: 'unavailable', database: this.db.engine });
    }
    return { status: 'ok', database: this.db.engine };
  }
}
