import { Client, createClient, ExecutionResult, GRAPHQL_TRANSPORT_WS_PROTOCOL } from 'graphql-ws';
import WebSocket from 'ws';
import type { GqlClient, GqlError } from './gql-client';

/**
 * A graphql-ws client for integration tests, as a browser would open it: the login cookie of a
 * GqlClient and an Origin on the upgrade request. One connection, no retries.
 *
 *   const live = LiveClient.open(t, user.client);
 *   const sub = live.subscribe(`subscription($id: ID!) { … }`, { id });
 *   await eventually(() => t.app.get(LiveEvents).listeners(topic) === 1);
 *   … change something …
 *   const event = await sub.next();
 *   await live.close();
 */
export interface LiveClientOptions {
  /** The Origin header; the app's own by default. `null` sends none. */
  origin?: string | null;
  /** The Cookie header; the GqlClient's jar by default. */
  cookie?: string;
}

const DEFAULT_WAIT_MS = 5_000;

export class LiveClient {
  /** The close code once the socket closed. */
  closeCode: number | undefined;
  private readonly client: Client;
  private readonly connection: Promise<void>;

  private constructor(wsUrl: string, headers: Record<string, string>) {
    class BrowserLikeSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    }
    let settle: { resolve: () => void; reject: (error: Error) => void };
    this.connection = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    this.connection.catch(() => undefined);
    this.client = createClient({
      url: wsUrl,
      webSocketImpl: BrowserLikeSocket,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      on: {
        connected: () => settle.resolve(),
        closed: (event) => {
          this.closeCode = (event as { code?: number }).code;
          settle.reject(new Error(`closed with ${this.closeCode}`));
        },
      },
    });
  }

  /** Opens a connection to the app at `httpUrl` (http://host:port) as the browser `browser`. */
  static open(httpUrl: string, browser: GqlClient | null, options: LiveClientOptions = {}): LiveClient {
    return new LiveClient(wsUrl(httpUrl), upgradeHeaders(httpUrl, browser, options));
  }

  /** The HTTP status the server answers a WebSocket upgrade with: 101 when it opens the socket. */
  static handshake(httpUrl: string, browser: GqlClient | null, options: LiveClientOptions = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(wsUrl(httpUrl), GRAPHQL_TRANSPORT_WS_PROTOCOL, {
        headers: upgradeHeaders(httpUrl, browser, options),
      });
      socket.once('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        socket.terminate();
      });
      socket.once('open', () => {
        resolve(101);
        socket.close();
      });
      socket.once('error', (error) => reject(error));
    });
  }

  /** Resolves once the server acknowledged the connection; rejects when it closed it instead. */
  connected(): Promise<void> {
    return this.connection;
  }

  subscribe<T = any>(query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
    return new LiveSubscription<T>((sink) => this.client.subscribe<T>({ query, variables }, sink));
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function wsUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/graphql`;
}

function upgradeHeaders(
  httpUrl: string,
  browser: GqlClient | null,
  options: LiveClientOptions,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const origin = options.origin === undefined ? httpUrl : options.origin;
  if (origin !== null) headers.origin = origin;
  const cookie = options.cookie ?? browser?.cookieHeader() ?? '';
  if (cookie) headers.cookie = cookie;
  return headers;
}

/** One subscription's results in arrival order; `next()` waits for the next one not yet taken. */
export class LiveSubscription<T> {
  readonly results: ExecutionResult<T>[] = [];
  /** Set when the server ended the subscription with an error (e.g. a validation error). */
  errors: GqlError[] | undefined;
  completed = false;
  private taken = 0;
  private wake: (() => void) | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    start: (sink: {
      next: (r: ExecutionResult<T>) => void;
      error: (e: unknown) => void;
      complete: () => void;
    }) => () => void,
  ) {
    const notify = () => this.wake?.();
    this.unsubscribe = start({
      next: (result) => {
        this.results.push(result);
        notify();
      },
      error: (error) => {
        this.errors = Array.isArray(error)
          ? (error as GqlError[])
          : [{ message: String((error as { reason?: string }).reason ?? error) }];
        notify();
      },
      complete: () => {
        this.completed = true;
        notify();
      },
    });
  }

  /** The next result's data; throws if it carried errors, or if none arrives in time. */
  async next(timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
    const result = await this.nextResult(timeoutMs);
    if (result.errors || !result.data)
      throw new Error(`Subscription result with errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** `extensions.code` of the first error that ended or answered the subscription. */
  async errorCode(timeoutMs = DEFAULT_WAIT_MS): Promise<string | undefined> {
    await this.until(() => this.errors !== undefined || this.results.length > this.taken, timeoutMs);
    if (this.errors) return this.errors[0]?.extensions?.code;
    const result = this.results[this.taken++];
    return (result.errors?.[0] as GqlError | undefined)?.extensions?.code;
  }

  async nextResult(timeoutMs = DEFAULT_WAIT_MS): Promise<ExecutionResult<T>> {
    await this.until(() => this.results.length > this.taken || this.errors !== undefined || this.completed, timeoutMs);
    if (this.results.length > this.taken) return this.results[this.taken++];
    throw new Error(`The subscription ended: ${JSON.stringify(this.errors ?? 'complete')}`);
  }

  /** Results received beyond those taken with next(). */
  get pending(): number {
    return this.results.length - this.taken;
  }

  dispose(): void {
    this.unsubscribe();
  }

  private until(condition: () => boolean, timeoutMs: number): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        reject(new Error(`No subscription event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.wake = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
