import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import cookieParser from 'cookie-parser';
import type { Request, Response } from 'express';
import {
  DocumentNode,
  ExecutionResult,
  GraphQLError,
  GraphQLSchema,
  parse,
  specifiedRules,
  validate,
  ValidationContext,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { AppConfig } from '../../config/app-config';
import { LOGINS_ENDED_TOPIC, LoginSessionService, LoginsEndedEvent } from '../auth/login-session.service';
import type { Actor } from '../auth/role';
import { SessionCookie } from '../auth/session-cookie';
import { LiveEvents } from '../realtime/live-events';
import { malformedTextPath, wellFormedStringsRule } from '../web/text-guard';
import { GRAPHQL_PATH, graphqlProtection } from './graphql-options';
import type { RequestContext } from './request-context';
import { RequestLoaders } from './request-loaders';

/** A subscribe message is a small document and its variables. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/** graphql-ws's "Unauthorized": its clients do not retry. */
const SIGNED_OUT = 4401;

const parseCookies = cookieParser();

/**
 * GraphQL subscriptions over graphql-ws, on the API's own HTTP server at /graphql (same origin as
 * queries). The WebSocket is a browser's, so its upgrade request gets the same defences as any
 * request, before the socket opens:
 * - the Origin must be ours (PUBLIC_URL's, or the host the request came to), else 403: a foreign
 *   page cannot ride the visitor's cookie (cross-site WebSocket hijacking);
 * - the login cookie must name a live session, else 401. The actor is looked up again for every
 *   operation, and when the login session ends (sign-out, on any instance) its sockets close (4401).
 * Over the socket travel only subscriptions (queries and mutations use HTTP, with CSRF prevention),
 * under the same depth, alias, cost and token limits, with errors carrying the same extensions.code.
 */
@Injectable()
export class SubscriptionServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Subscriptions');
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private disposable: { dispose(): Promise<void> | void } | undefined;
  private httpServer: Server | undefined;
  /** Each open socket's actor, as signed in when it opened. */
  private readonly sockets = new Map<WebSocket, Actor>();
  private endedLogins: AsyncIterableIterator<LoginsEndedEvent> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly sessions: LoginSessionService,
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly httpAdapterHost: HttpAdapterHost,
    private readonly live: LiveEvents,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.endedLogins = await this.live.subscribe<LoginsEndedEvent>(LOGINS_ENDED_TOPIC);
    void this.closeEndedLogins(this.endedLogins);
    const protection = graphqlProtection(this.config);
    this.disposable = useServer<Record<string, unknown> | undefined, { actor?: Actor }>(
      {
        schema: this.schemaHost.schema,
        context: async (ctx): Promise<RequestContext> => {
          const actor = await this.actorOf(ctx.extra.request);
          // No response object: only subscriptions run here, and they set no cookies.
          return {
            req: ctx.extra.request as Request,
            res: undefined as never,
            actor,
            actorLookup: Promise.resolve(actor),
            loaders: new RequestLoaders(),
          };
        },
        // A document over the token limit, or with a syntax error, fails this operation only
        // (graphql-ws would close the whole connection if its own parse threw).
        onSubscribe: (_ctx, _id, payload: SubscribePayload) => {
          const malformed = malformedTextPath(payload.variables, 'variables');
          if (malformed)
            return [
              new GraphQLError(`Invalid input — ${malformed}: must not contain the NUL character or malformed text`, {
                extensions: { code: 'BAD_USER_INPUT' },
              }),
            ];
          try {
            parse(payload.query, { maxTokens: protection.maxTokens });
            return undefined;
          } catch (error) {
            if (!(error instanceof GraphQLError)) throw error;
            return [new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
          }
        },
        validate: (schema: GraphQLSchema, document: DocumentNode) =>
          validate(schema, document, [
            ...specifiedRules,
            ...protection.validationRules,
            subscriptionsOnly,
            wellFormedStringsRule,
          ]).map(
            (error) =>
              new GraphQLError(error.message, {
                nodes: error.nodes,
                extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
              }),
          ),
        onNext: (_ctx, _id, _payload, _args, result: ExecutionResult) =>
          result.errors
            ? { ...result, errors: result.errors.map((error) => protection.formatError(error.toJSON())) }
            : result,
      },
      this.wss,
    );
    this.httpServer = this.httpAdapterHost.httpAdapter.getHttpServer() as Server;
    this.httpServer.on('upgrade', this.onUpgrade);
  }

  /** Before the live-event engine closes (RealtimeModule, on shutdown): subscriptions end first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.httpServer?.off('upgrade', this.onUpgrade);
    await this.endedLogins?.return?.();
    await this.disposable?.dispose();
  }

  private async closeEndedLogins(events: AsyncIterableIterator<LoginsEndedEvent>): Promise<void> {
    for await (const ended of events) {
      for (const [socket, actor] of this.sockets) {
        const gone = 'userId' in ended ? actor.id === ended.userId : actor.loginSessionId === ended.loginSessionId;
        if (gone) socket.close(SIGNED_OUT, 'Signed out');
      }
    }
  }

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (new URL(request.url ?? '/', 'http://x').pathname !== GRAPHQL_PATH) return refuse(socket, 404, 'Not Found');
    if (!originAllowed(request, this.config.publicUrl)) return refuse(socket, 403, 'Forbidden');
    this.actorOf(request).then(
      (actor) => {
        if (!actor) return refuse(socket, 401, 'Unauthorized');
        this.wss.handleUpgrade(request, socket, head, (ws) => {
          this.sockets.set(ws, actor);
          ws.once('close', () => this.sockets.delete(ws));
          this.wss.emit('connection', ws, request);
        });
      },
      (error: unknown) => {
        this.logger.error(`WebSocket sign-in check failed: ${error instanceof Error ? error.message : String(error)}`);
        refuse(socket, 503, 'Service Unavailable');
      },
    );
  };

  private async actorOf(request: IncomingMessage): Promise<Actor | null> {
    const req = request as Request;
    if (req.cookies === undefined) parseCookies(req, {} as Response, () => undefined);
    const token = SessionCookie.read(req);
    return token ? this.sessions.resolve(token) : null;
  }
}

/** Answers an upgrade request with a plain HTTP status and closes the connection. */
function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Same origin as the app: the configured public URL's, or the very host the socket was opened on. */
export function originAllowed(request: IncomingMessage, publicUrl: string): boolean {
  const origin = request.headers.origin;
  // Browsers always send Origin with a WebSocket; a client without one is no browser, so no
  // visitor's cookie can be riding along unasked.
  if (origin === undefined) return true;
  if (origin === new URL(publicUrl).origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Queries and mutations go over HTTP, where CSRF prevention and the request plugins apply. */
function subscriptionsOnly(context: ValidationContext) {
  return {
    OperationDefinition(node: { operation: string }) {
      if (node.operation !== 'subscription') {
        context.reportError(
          new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP.'),
        );
      }
    },
  };
}
