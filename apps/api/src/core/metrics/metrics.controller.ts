import { Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { Metrics } from './metrics';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** Headers a proxy adds to say whom it forwards for: any of them means the scraper is not local. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'via'];

/**
 * GET /metrics in Prometheus' text format. With METRICS_TOKEN set it needs
 * `Authorization: Bearer <token>`. Without one, production answers nobody (a proxy that adds no
 * header would make every client look local); outside production it answers only a scraper on the
 * loopback interface that came directly (none of the proxy headers). Anyone else gets a 404, as if
 * there were nothing here.
 */
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  @Get('metrics')
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.allowed(req)) throw new NotFoundException();
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await this.metrics.registry.metrics());
  }

  private allowed(req: Request): boolean {
    const token = this.config.metricsToken;
    if (token !== undefined) {
      const given = Buffer.from(req.headers.authorization ?? '');
      const expected = Buffer.from(`Bearer ${token}`);
      return given.length === expected.length && timingSafeEqual(given, expected);
    }
    if (this.config.isProduction) return false;
    return (
      LOOPBACK.has(req.socket.remoteAddress ?? '') && PROXY_HEADERS.every((header) => req.headers[header] === undefined)
    );
  }
}
