import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Database } from '../database/database';

/** Latency buckets in seconds, from a cached read to a slow write under load. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Webhook lag buckets in seconds: LiveKit normally posts within a second, retries take longer. */
const LAG_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];

/** Distinct GraphQL operation names kept as labels; clients choose names, so past this: "other". */
const MAX_OPERATION_LABELS = 100;

/**
 * The app's Prometheus instruments (prom-client), in a registry of its own (several apps may share
 * a process in tests). Served at GET /metrics by MetricsController.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly operationLabels = new Set<string>();

  readonly httpRequestDuration = new Histogram({
    name: 'cyswllt_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status: the count is the request rate, the buckets the latency.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly graphqlOperationDuration = new Histogram({
    name: 'cyswllt_graphql_operation_duration_seconds',
    help: 'GraphQL operations by name, type and outcome (ok, or error when the response carries errors).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly bookings = new Counter({
    name: 'cyswllt_bookings_total',
    help: 'Seats booked, by how: booked (a seat taken directly), accepted (a request accepted with a slot), proposed (auto-scheduled).',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly tokenMints = new Counter({
    name: 'cyswllt_livekit_token_mints_total',
    help: 'LiveKit join tokens minted.',
    registers: [this.registry],
  });

  readonly webhookLag = new Histogram({
    name: 'cyswllt_livekit_webhook_lag_seconds',
    help: "Time from a LiveKit event's createdAt to the API receiving its webhook.",
    labelNames: ['event'] as const,
    buckets: LAG_BUCKETS,
    registers: [this.registry],
  });

  constructor(db: Database) {
    collectDefaultMetrics({ register: this.registry, prefix: 'cyswllt_' });
    // Read on scrape, so every instance reports the shared queue as it is (not a per-process tally).
    new Gauge({
      name: 'cyswllt_outbox_depth',
      help: 'E-mails in the outbox not yet sent, by status (PENDING waiting, SENDING claimed by a worker).',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const { rows } = await db.sql<{ status: string; n: number | string }>(
          `SELECT status, COUNT(*) AS n FROM outbox WHERE status IN ('PENDING', 'SENDING') GROUP BY status`,
        );
        this.reset();
        for (const status of ['PENDING', 'SENDING'])
          this.set({ status }, Number(rows.find((row) => row.status === status)?.n ?? 0));
      },
    });
  }

  /** The label for a GraphQL operation name, bounded in number. */
  operationLabel(name: string): string {
    if (this.operationLabels.has(name)) return name;
    if (this.operationLabels.size >= MAX_OPERATION_LABELS) return 'other';
    this.operationLabels.add(name);
    return name;
  }
}
