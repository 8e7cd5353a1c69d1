import { createHash } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessToken } from 'livekit-server-sdk';

/**
 * Helpers for tests against a real LiveKit server (scripts/livekit.mjs starts it).
 *
 * WebhookRelay sits between LiveKit and the API under test: it forwards every webhook unchanged,
 * keeps a copy (to deliver again: duplicates, other orders) and can drop the ones a test names
 * (a lost webhook, for the reconciler to heal).
 */
export interface RelayedWebhook {
  event: string;
  roomName: string | null;
  identity: string | null;
  body: string;
  authorization: string;
  status: number | 'dropped';
}

export class WebhookRelay {
  target = '';
  readonly received: RelayedWebhook[] = [];
  drop: (hook: RelayedWebhook) => boolean = () => false;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        void this.relay(Buffer.concat(chunks).toString('utf8'), req.headers).then(
          (status) => res.writeHead(status === 'dropped' ? 200 : status).end(),
          () => res.writeHead(502).end(),
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/livekit/webhook`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  find(event: string, roomName: string, identity?: string): RelayedWebhook[] {
    return this.received.filter(
      (h) => h.event === event && h.roomName === roomName && (identity === undefined || h.identity === identity),
    );
  }

  private async relay(body: string, headers: IncomingHttpHeaders): Promise<number | 'dropped'> {
    const parsed = JSON.parse(body) as {
      event?: string;
      room?: { name?: string };
      participant?: { identity?: string };
    };
    const hook: RelayedWebhook = {
      event: parsed.event ?? '',
      roomName: parsed.room?.name ?? null,
      identity: parsed.participant?.identity ?? null,
      body,
      authorization: String(headers.authorization ?? ''),
      status: 'dropped',
    };
    this.received.push(hook);
    if (this.drop(hook)) return 'dropped';
    hook.status = await postWebhook(
      this.target,
      body,
      hook.authorization,
      String(headers['content-type'] ?? 'application/webhook+json'),
    );
    return hook.status;
  }
}

export async function postWebhook(
  url: string,
  body: string,
  authorization: string | undefined,
  contentType = 'application/webhook+json',
): Promise<number> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(url, { method: 'POST', headers, body });
  await res.text();
  return res.status;
}

/** Signs a webhook body as LiveKit does: an AccessToken carrying the body's sha256 (base64). */
export async function signWebhook(body: string, apiKey: string, apiSecret: string): Promise<string> {
  const token = new AccessToken(apiKey, apiSecret, { ttl: 300 });
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return token.toJwt();
}

let eventCounter = 0;

/** A webhook body in LiveKit's JSON shape (protobuf JSON: int64 as strings). */
export function webhookBody(spec: {
  event: 'room_started' | 'room_finished' | 'participant_joined' | 'participant_left';
  roomName: string;
  createdAt: Date;
  participant?: { sid: string; identity: string; metadata?: string };
  id?: string;
}): string {
  return JSON.stringify({
    event: spec.event,
    room: { sid: `RM_test${spec.roomName.slice(-8)}`, name: spec.roomName },
    ...(spec.participant
      ? {
          participant: {
            sid: spec.participant.sid,
            identity: spec.participant.identity,
            metadata: spec.participant.metadata ?? '',
            state: 'ACTIVE',
          },
        }
      : {}),
    id: spec.id ?? `EV_test${Date.now().toString(36)}${++eventCounter}`,
    createdAt: String(Math.floor(spec.createdAt.getTime() / 1000)),
  });
}

/** Polls until `check` returns a truthy value (or its assertion stops throwing). */
export async function eventually<T>(
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
