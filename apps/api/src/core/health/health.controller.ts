import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { Database } from '../database/database';

/** GET /healthz: 200 when the database answers, 503 otherwise. */
@Controller()
export class HealthController {
  constructor(private readonly db: Database) {}

  @Get('healthz')
  @HttpCode(200)
  async health(): Promise<{ status: 'ok'; database: string }> {
    try {
      await this.db.sql('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ status: 'unavailable', database: this.db.engine });
    }
    return { status: 'ok', database: this.db.engine };
  }
}
