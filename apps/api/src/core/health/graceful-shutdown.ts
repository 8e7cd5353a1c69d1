import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppConfig } from '../../config/app-config';

/**
 * Graceful shutdown (SIGTERM/SIGINT through enableShutdownHooks, or app.close()). Nest then runs,
 * in order: beforeApplicationShutdown hooks (this one: readiness goes 503 and in-flight responses
 * are told `Connection: close`; the Ticker stops and waits for its running jobs), closes the HTTP
 * server (no new connections; in-flight requests finish), and only then the shutdown hooks that
 * close the database. Requests still running after SHUTDOWN_GRACE_MS lose their connections, so a
 * stuck request cannot hold the process forever.
 */
/** A WebSocket close frame (FIN + opcode 8, 2-byte payload) with status 1001 "going away". */
const GOING_AWAY_FRAME = Buffer.from([0x88, 0x02, 0x03, 0xe9]);

@Injectable()
export class GracefulShutdown implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly responses = new Set<ServerResponse>();
  /** Upgraded (WebSocket) connections: server.close() waits for them, closeAllConnections() does not see them. */
  private readonly sockets = new Set<Duplex>();
  private server: Server | undefined;
  private deadline: NodeJS.Timeout | undefined;
  draining = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  /** Requests being handled now. */
  get inFlight(): number {
    return this.responses.size;
  }

  onApplicationBootstrap(): void {
    this.server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    this.server?.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      this.responses.add(res);
      // A keep-alive connection would outlive its last response and hold server.close() open.
      if (this.draining && !res.headersSent) res.setHeader('Connection', 'close');
      res.once('close', () => this.responses.delete(res));
    });
    this.server?.on('upgrade', (_req: IncomingMessage, socket: Duplex) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  beforeApplicationShutdown(signal?: string): void {
    if (this.draining) return;
    this.draining = true;
    this.logger.log(
      `shutting down${signal ? ` on ${signal}` : ''}: draining ${this.inFlight} request(s), at most ${this.config.shutdownGraceMs} ms`,
    );
    for (const res of this.responses) if (!res.headersSent) res.setHeader('Connection', 'close');
    const server = this.server;
    if (!server) return;
    server.closeIdleConnections();
    // Subscriptions end with "going away" (1001): graphql-ws clients reconnect, to another instance.
    for (const socket of this.sockets) socket.end(GOING_AWAY_FRAME);
    this.deadline = setTimeout(() => {
      if (this.inFlight > 0)
        this.logger.warn(
          `${this.inFlight} request(s) still running after ${this.config.shutdownGraceMs} ms: closing their connections`,
        );
      server.closeAllConnections();
    }, this.config.shutdownGraceMs);
    this.deadline.unref();
    server.once('close', () => clearTimeout(this.deadline));
  }
}
