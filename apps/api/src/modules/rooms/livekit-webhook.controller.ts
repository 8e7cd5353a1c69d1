import { Controller, Headers, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { WebhookEvent } from 'livekit-server-sdk';
import { Clock } from '../../core/clock/clock';
import { Metrics } from '../../core/metrics/metrics';
import { AttendanceService, RoomObservation } from './attendance.service';
import { InterpretationService } from './interpretation.service';
import { LiveKitGateway } from './livekit.gateway';
import { RoomsModeration } from './rooms-moderation.service';

/** Where LiveKit posts its webhooks. bootstrap.ts keeps this path's body raw (see LIVEKIT_WEBHOOK_PATH). */
export const LIVEKIT_WEBHOOK_PATH = '/livekit/webhook';

/**
 * POST /livekit/webhook. The body is verified with WebhookReceiver against the exact bytes LiveKit
 * sent and its Authorization header (a token signed with our API secret, carrying the body's
 * sha256): anything forged, altered or unsigned is refused with 401 and changes nothing. Each event
 * is applied once (by its id); a redelivery answers 200 and changes nothing.
 */
@Controller()
export class LiveKitWebhookController {
  private readonly logger = new Logger('LiveKitWebhook');

  constructor(
    private readonly gateway: LiveKitGateway,
    private readonly attendance: AttendanceService,
    private readonly moderation: RoomsModeration,
    private readonly interpretation: InterpretationService,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
  ) {}

  @Post(LIVEKIT_WEBHOOK_PATH.slice(1))
  async receive(
    @Req() req: Request,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (!this.gateway.configured) {
      res.status(503).json({ error: 'video is not configured' });
      return;
    }
    if (!Buffer.isBuffer(req.body)) {
      res.status(400).json({ error: 'expected the raw webhook body' });
      return;
    }
    let event: WebhookEvent;
    try {
      event = await this.gateway.verifyWebhook((req.body as Buffer).toString('utf8'), authorization);
    } catch (error) {
      this.logger.warn(`refused a webhook: ${(error as Error).message}`);
      res.status(401).json({ error: 'invalid webhook signature' });
      return;
    }
    if (!event.id) {
      res.status(400).json({ error: 'webhook without an event id' });
      return;
    }
    const createdAt = new Date(Number(event.createdAt) * 1000);
    this.metrics.webhookLag.observe(
      { event: event.event },
      Math.max(0, (this.clock.now().getTime() - createdAt.getTime()) / 1000),
    );
    const roomName = event.room?.name || null;
    let applied: Awaited<ReturnType<AttendanceService['applyWebhook']>>;
    try {
      applied = await this.attendance.applyWebhook(
        { id: event.id, name: event.event, roomName, createdAt },
        observationOf(event, createdAt),
      );
    } catch (error) {
      // Nothing was recorded (one transaction): LiveKit retries, the reconciler heals meanwhile.
      this.logger.error(`webhook ${event.id} (${event.event}) failed: ${String(error)}`);
      res.status(500).json({ error: 'could not record the webhook' });
      return;
    }
    const { outcome, kick } = applied;
    res.status(200).json({ status: outcome });
    // Someone an organiser removed came back with a token minted before: send them away again.
    for (const identity of kick) if (roomName) void this.moderation.kickRemoved(roomName, identity);
    // An interpretation channel from anyone but its assigned interpreter: refused.
    if (event.event === 'track_published' && roomName && event.participant?.identity && event.track) {
      const { identity } = event.participant;
      const track = event.track;
      void this.interpretation
        .checkPublished(roomName, identity, track.name, track.sid)
        .then((refused) => {
          if (refused) this.logger.warn(`refused channel track "${track.name}" from ${identity} in ${roomName}`);
        })
        .catch((error) => this.logger.error(`could not check track ${track.sid}: ${String(error)}`));
    }
  }
}

function observationOf(event: WebhookEvent, at: Date): RoomObservation | null {
  switch (event.event) {
    case 'room_started':
    case 'room_finished':
      return { kind: event.event, at };
    case 'participant_joined':
    case 'participant_left':
    case 'participant_connection_aborted': {
      const p = event.participant;
      if (!p?.sid || !p.identity) return null;
      const kind = event.event === 'participant_joined' ? 'participant_joined' : 'participant_left';
      return { kind, at, sid: p.sid, identity: p.identity, metadata: p.metadata };
    }
    default:
      return null; // track and egress events: nothing to record
  }
}
