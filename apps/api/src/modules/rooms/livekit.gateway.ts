import { Injectable, Logger } from '@nestjs/common';
import {
  AccessToken,
  ParticipantInfo,
  ParticipantInfo_State,
  RoomServiceClient,
  TrackInfo,
  TwirpError,
  WebhookEvent,
  WebhookReceiver,
} from 'livekit-server-sdk';
import { AppConfig, LiveKitSettings } from '../../config/app-config';
import { Metrics } from '../../core/metrics/metrics';
import { RoomsError } from './rooms.errors';

export interface RoomSpec {
  name: string;
  emptyTimeoutSeconds: number;
  departureTimeoutSeconds: number;
  maxParticipants: number;
}

export interface TokenSpec {
  identity: string;
  name: string;
  room: string;
  ttlSeconds: number;
  roomAdmin: boolean;
  hidden: boolean;
  canPublish: boolean;
  metadata: Record<string, string>;
  /** Participant attributes set by the server (the person cannot change them: canUpdateOwnMetadata is off). */
  attributes?: Record<string, string>;
}

/** A participant as the server sees it right now. */
export interface LiveParticipant {
  sid: string;
  identity: string;
  metadata: string;
  /** When this connection joined (the server's clock). */
  joinedAt: Date;
  tracks: LiveTrack[];
}

export interface LiveTrack {
  sid: string;
  name: string;
  kind: 'AUDIO' | 'VIDEO' | 'DATA';
  source: string;
  muted: boolean;
}

/** What `call` answers when the server has no such room, participant or track (a Twirp not_found). */
const NOT_FOUND = Symbol('not found');
type Found<T> = T | typeof NOT_FOUND;

/**
 * The one place that talks to LiveKit: RoomServiceClient for rooms and moderation, AccessToken for
 * join tokens, WebhookReceiver for webhooks. Without configuration, `configured` is false and every
 * server call fails with VIDEO_UNAVAILABLE; a server that does not answer (refused, timed out)
 * fails the same way, so the platform keeps running without video.
 */
@Injectable()
export class LiveKitGateway {
  private readonly logger = new Logger('LiveKit');
  private readonly settings: LiveKitSettings | undefined;
  private readonly rooms: RoomServiceClient | undefined;
  private readonly receiver: WebhookReceiver | undefined;
  private reachable: boolean | undefined;

  constructor(
    config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.settings = config.livekit;
    if (this.settings) {
      this.rooms = new RoomServiceClient(this.settings.apiUrl, this.settings.apiKey, this.settings.apiSecret, {
        requestTimeout: config.livekitRequestTimeoutSeconds,
        failover: false,
      });
      this.receiver = new WebhookReceiver(this.settings.apiKey, this.settings.apiSecret);
    }
  }

  get configured(): boolean {
    return this.settings !== undefined;
  }

  /** The URL browsers connect to. */
  get url(): string {
    return this.require().url;
  }

  /** Creates the room if it does not exist yet (createRoom is idempotent on the server). */
  async ensureRoom(spec: RoomSpec): Promise<void> {
    await this.required('createRoom', (rooms) =>
      rooms.createRoom({
        name: spec.name,
        emptyTimeout: spec.emptyTimeoutSeconds,
        departureTimeout: spec.departureTimeoutSeconds,
        maxParticipants: spec.maxParticipants,
      }),
    );
  }

  /** A join token for one room only. Its exp is counted on the real clock, as LiveKit checks it. */
  async mintToken(spec: TokenSpec): Promise<string> {
    const settings = this.require();
    const token = new AccessToken(settings.apiKey, settings.apiSecret, {
      identity: spec.identity,
      name: spec.name,
      ttl: spec.ttlSeconds,
      metadata: JSON.stringify(spec.metadata),
      attributes: spec.attributes,
    });
    token.addGrant({
      room: spec.room,
      roomJoin: true,
      roomAdmin: spec.roomAdmin,
      hidden: spec.hidden,
      canPublish: spec.canPublish,
      canPublishData: spec.canPublish,
      canSubscribe: true,
      canUpdateOwnMetadata: false,
    });
    const jwt = await token.toJwt();
    this.metrics.tokenMints.inc();
    return jwt;
  }

  /** Of these room names, those the server has open now. */
  async openRooms(names: string[]): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const rooms = await this.required('listRooms', (client) => client.listRooms(names));
    return new Set(rooms.map((room) => room.name));
  }

  /** Participants connected to the room now (ACTIVE: media connected, as webhooks count them). */
  async activeParticipants(room: string): Promise<LiveParticipant[]> {
    const list = await this.call('listParticipants', (client) => client.listParticipants(room));
    if (list === NOT_FOUND) return [];
    return list.filter((p) => p.state === ParticipantInfo_State.ACTIVE).map(toLiveParticipant);
  }

  /** Disconnects the person from the room; false when they were not in it. */
  async removeParticipant(room: string, identity: string): Promise<boolean> {
    return (await this.call('removeParticipant', (client) => client.removeParticipant(room, identity))) !== NOT_FOUND;
  }

  /** Mutes (or unmutes) one published track; null when that person or track is not in the room. */
  async muteTrack(room: string, identity: string, trackSid: string, muted: boolean): Promise<LiveTrack | null> {
    // Asked first: the server answers a missing participant with "unavailable" and a missing track with nothing.
    const participant = await this.call('getParticipant', (client) => client.getParticipant(room, identity));
    if (participant === NOT_FOUND || !participant.tracks.some((t) => t.sid === trackSid)) return null;
    const track = await this.call('mutePublishedTrack', (client) =>
      client.mutePublishedTrack(room, identity, trackSid, muted),
    );
    return track === NOT_FOUND || !track ? null : toLiveTrack(track);
  }

  /**
   * Refuses a track the person may not publish (an interpretation channel from someone who is not
   * its interpreter): mutes it at once, then disconnects them, as a mute alone can be undone by the
   * publisher. False when they were already gone.
   */
  async refuseTrack(room: string, identity: string, trackSid: string): Promise<boolean> {
    await this.muteTrack(room, identity, trackSid, true).catch(() => null);
    return this.removeParticipant(room, identity);
  }

  /** Closes the room for everyone in it (a room that is already gone is fine). */
  async deleteRoom(room: string): Promise<void> {
    await this.call('deleteRoom', (client) => client.deleteRoom(room));
  }

  /**
   * Verifies a webhook against the raw body and its Authorization header (a token signed with our
   * API secret carrying the body's sha256) and parses it. Throws when it is not genuine.
   */
  async verifyWebhook(rawBody: string, authorization: string | undefined): Promise<WebhookEvent> {
    if (!this.receiver) throw RoomsError.videoUnavailable('not configured');
    if (!authorization) throw new Error('no Authorization header');
    return this.receiver.receive(rawBody, authorization);
  }

  private require(): LiveKitSettings {
    if (!this.settings) throw RoomsError.videoUnavailable('not configured');
    return this.settings;
  }

  /** A call whose not_found is itself a failure. */
  private async required<T>(what: string, work: (rooms: RoomServiceClient) => Promise<T>): Promise<T> {
    const result = await this.call(what, work);
    if (result === NOT_FOUND) throw RoomsError.videoUnavailable(`${what}: not found`);
    return result;
  }

  /** One RoomService call: NOT_FOUND for a Twirp not_found, VIDEO_UNAVAILABLE for any other failure. */
  private async call<T>(what: string, work: (rooms: RoomServiceClient) => Promise<T>): Promise<Found<T>> {
    if (!this.rooms) throw RoomsError.videoUnavailable('not configured');
    try {
      const result = await work(this.rooms);
      this.noteReachable(true, what);
      return result;
    } catch (error) {
      if (error instanceof TwirpError) {
        this.noteReachable(true, what);
        if (error.code === 'not_found' || error.status === 404) return NOT_FOUND;
        this.logger.warn(`${what} failed: ${error.code ?? error.status} ${error.message}`);
        throw RoomsError.videoUnavailable(`${what}: ${error.code ?? error.status}`);
      }
      this.noteReachable(false, what, error);
      throw RoomsError.videoUnavailable(`${what}: server unreachable`);
    }
  }

  /** Logs only changes of reachability, so an absent server does not flood the log. */
  private noteReachable(reachable: boolean, what: string, error?: unknown): void {
    if (this.reachable === reachable) return;
    this.reachable = reachable;
    if (reachable) this.logger.log(`LiveKit at ${this.settings?.apiUrl} answers`);
    else
      this.logger.warn(
        `LiveKit at ${this.settings?.apiUrl} does not answer (${what}: ${String((error as Error)?.cause ?? error)}); video is unavailable`,
      );
  }
}

function toLiveParticipant(p: ParticipantInfo): LiveParticipant {
  const joinedMs = Number(p.joinedAtMs) || Number(p.joinedAt) * 1000;
  return {
    sid: p.sid,
    identity: p.identity,
    metadata: p.metadata,
    joinedAt: new Date(joinedMs),
    tracks: p.tracks.map(toLiveTrack),
  };
}

function toLiveTrack(t: TrackInfo): LiveTrack {
  const kinds: Record<number, LiveTrack['kind']> = { 0: 'AUDIO', 1: 'VIDEO', 2: 'DATA' };
  const sources: Record<number, string> = {
    0: 'UNKNOWN',
    1: 'CAMERA',
    2: 'MICROPHONE',
    3: 'SCREEN_SHARE',
    4: 'SCREEN_SHARE_AUDIO',
  };
  return {
    sid: t.sid,
    name: t.name,
    kind: kinds[t.type] ?? 'DATA',
    source: sources[t.source] ?? 'UNKNOWN',
    muted: t.muted,
  };
}
