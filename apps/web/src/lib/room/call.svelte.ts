import { JoinMeetingDocument } from '@cyswllt/contracts';
import {
	ConnectionQuality,
	ConnectionState,
	DisconnectReason,
	type Participant,
	type RemoteTrack,
	RemoteTrackPublication,
	Room,
	RoomEvent,
	Track,
} from 'livekit-client';
import { gql } from '$lib/graphql/client';

// What the pre-join screen needs from livekit-client, so the page reaches it through this lazy module.
export { createLocalAudioTrack, createLocalVideoTrack, Room } from 'livekit-client';

/**
 * One meeting call on livekit-client (DESIGN.md §3), as reactive state for the room page.
 *
 * - A join token is asked for (joinMeeting) just before connecting, never kept for later: the
 *   server mints it only inside the meeting's join window and for the meeting's people.
 * - livekit-client reconnects by itself after a network drop (ICE restart / signal resume); the
 *   state is surfaced as `connection` ('reconnecting' while it tries). When the client gives up and
 *   disconnects for a reason other than the person leaving, being removed or the room ending, the
 *   call joins again with a fresh token (the old one may have expired), a few times with backoff.
 * - `tiles` and `audioTracks` are plain snapshots rebuilt on every room event (livekit objects are
 *   not reactive); tracks keep their identity, so video elements stay attached.
 */
export type CallConnection = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';
export type EndReason = 'left' | 'removed' | 'ended' | 'failed';
export type Quality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

export interface Tile {
	key: string;
	identity: string;
	name: string;
	isLocal: boolean;
	isScreen: boolean;
	video: Track | undefined;
	micOn: boolean;
	cameraOn: boolean;
	quality: Quality;
	speaking: boolean;
}

export interface ChatMessage {
	id: string;
	from: string;
	mine: boolean;
	text: string;
	at: string;
}

export interface CallDevices {
	audioDeviceId?: string;
	videoDeviceId?: string;
	micOn: boolean;
	cameraOn: boolean;
}

const CHAT_TOPIC = 'cyswllt.chat';
const MAX_CHAT = 2_000;

function qualityOf(q: ConnectionQuality): Quality {
	switch (q) {
		case ConnectionQuality.Excellent:
			return 'excellent';
		case ConnectionQuality.Good:
			return 'good';
		case ConnectionQuality.Poor:
			return 'poor';
		case ConnectionQuality.Lost:
			return 'lost';
		default:
			return 'unknown';
	}
}

export class MeetingCall {
	connection = $state<CallConnection>('idle');
	/** Set once the call is over for good (and why). */
	ended = $state<EndReason | undefined>();
	tiles = $state.raw<Tile[]>([]);
	audioTracks = $state.raw<RemoteTrack[]>([]);
	chat = $state.raw<ChatMessage[]>([]);
	micOn = $state(false);
	cameraOn = $state(false);
	sharing = $state(false);
	audioOnly = $state(false);
	localQuality = $state<Quality>('unknown');
	/** Polite announcements (joined / left) for the screen-reader region. */
	announcement = $state('');
	/** Every connection state seen, in order (tests and diagnostics). */
	history = $state.raw<CallConnection[]>([]);

	readonly room: Room;
	#cameraBeforeAudioOnly = false;
	#leaving = false;
	#rejoins = 0;
	#published = false;

	constructor(
		private readonly meetingId: string,
		private readonly names: (identity: string) => string | undefined,
		private readonly describe: { joined: (name: string) => string; left: (name: string) => string },
		devices: CallDevices,
	) {
		this.micOn = devices.micOn;
		this.cameraOn = devices.cameraOn;
		this.room = new Room({
			adaptiveStream: true,
			dynacast: true,
			audioCaptureDefaults: devices.audioDeviceId ? { deviceId: devices.audioDeviceId } : undefined,
			videoCaptureDefaults: devices.videoDeviceId ? { deviceId: devices.videoDeviceId } : undefined,
		});
		const refresh = () => this.#refresh();
		this.room
			.on(RoomEvent.ConnectionStateChanged, (state) => this.#onState(state))
			.on(RoomEvent.Disconnected, (reason) => void this.#onDisconnected(reason))
			.on(RoomEvent.ParticipantConnected, (p) => {
				this.announcement = this.describe.joined(this.#name(p));
				refresh();
			})
			.on(RoomEvent.ParticipantDisconnected, (p) => {
				this.announcement = this.describe.left(this.#name(p));
				refresh();
			})
			.on(RoomEvent.TrackPublished, (publication) => {
				if (this.audioOnly && publication.kind === Track.Kind.Video) publication.setSubscribed(false);
				refresh();
			})
			.on(RoomEvent.TrackSubscribed, refresh)
			.on(RoomEvent.TrackUnsubscribed, refresh)
			.on(RoomEvent.TrackUnpublished, refresh)
			// An organiser may mute someone's track: #refresh brings the local buttons in line.
			.on(RoomEvent.TrackMuted, refresh)
			.on(RoomEvent.TrackUnmuted, refresh)
			.on(RoomEvent.LocalTrackPublished, refresh)
			.on(RoomEvent.LocalTrackUnpublished, refresh)
			.on(RoomEvent.ActiveSpeakersChanged, refresh)
			.on(RoomEvent.ParticipantNameChanged, refresh)
			.on(RoomEvent.ConnectionQualityChanged, (quality, participant) => {
				if (participant.isLocal) this.localQuality = qualityOf(quality);
				refresh();
			})
			.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
				if (topic !== CHAT_TOPIC) return;
				this.#receiveChat(payload, participant);
			});
	}

	/** Asks the API for a token, connects, and turns on the chosen microphone and camera. */
	async join(): Promise<void> {
		this.ended = undefined;
		this.#leaving = false;
		this.#setConnection('connecting');
		this.#published = false;
		const wanted = { mic: this.micOn, camera: this.cameraOn };
		const ticket = (await gql(JoinMeetingDocument, { meetingId: this.meetingId })).joinMeeting;
		await this.room.connect(ticket.url, ticket.token);
		this.#rejoins = 0;
		this.micOn = wanted.mic;
		this.cameraOn = wanted.camera;
		await this.#publishChosen();
		this.#published = true;
		this.#refresh();
	}

	/** The buttons follow the local tracks (an organiser may mute one), once they are published. */
	#syncLocal(): void {
		if (!this.#published) return;
		const local = this.room.localParticipant;
		this.micOn = local.isMicrophoneEnabled;
		this.cameraOn = local.isCameraEnabled;
	}

	async #publishChosen(): Promise<void> {
		const local = this.room.localParticipant;
		// A missing or refused device must not stop the call: the person can still listen and chat.
		await local.setMicrophoneEnabled(this.micOn).catch(() => (this.micOn = false));
		await local.setCameraEnabled(this.cameraOn && !this.audioOnly).catch(() => (this.cameraOn = false));
	}

	async toggleMic(): Promise<void> {
		const next = !this.micOn;
		await this.room.localParticipant.setMicrophoneEnabled(next);
		this.micOn = next;
		this.#refresh();
	}

	async toggleCamera(): Promise<void> {
		const next = !this.cameraOn;
		if (this.audioOnly && next) await this.setAudioOnly(false);
		await this.room.localParticipant.setCameraEnabled(next);
		this.cameraOn = next;
		this.#refresh();
	}

	async toggleShare(): Promise<void> {
		const next = !this.sharing;
		await this.room.localParticipant.setScreenShareEnabled(next, { audio: false });
		this.sharing = this.room.localParticipant.isScreenShareEnabled;
		this.#refresh();
	}

	/** Audio only: no video either way (own camera off, others' video unsubscribed). */
	async setAudioOnly(on: boolean): Promise<void> {
		if (on === this.audioOnly) return;
		this.audioOnly = on;
		for (const participant of this.room.remoteParticipants.values()) {
			for (const publication of participant.trackPublications.values()) {
				if (publication.kind === Track.Kind.Video) publication.setSubscribed(!on);
			}
		}
		if (on) {
			this.#cameraBeforeAudioOnly = this.cameraOn;
			if (this.cameraOn) {
				await this.room.localParticipant.setCameraEnabled(false);
				this.cameraOn = false;
			}
		} else if (this.#cameraBeforeAudioOnly && !this.cameraOn) {
			await this.room.localParticipant.setCameraEnabled(true);
			this.cameraOn = true;
		}
		this.#refresh();
	}

	async sendChat(text: string): Promise<void> {
		const trimmed = text.trim().slice(0, MAX_CHAT);
		if (!trimmed) return;
		const message = { id: crypto.randomUUID(), text: trimmed, at: new Date().toISOString() };
		await this.room.localParticipant.publishData(new TextEncoder().encode(JSON.stringify(message)), { reliable: true, topic: CHAT_TOPIC });
		this.chat = [...this.chat, { ...message, from: this.#name(this.room.localParticipant), mine: true }];
	}

	async leave(): Promise<void> {
		this.#leaving = true;
		this.ended = 'left';
		await this.room.disconnect();
	}

	#receiveChat(payload: Uint8Array, participant: Participant | undefined): void {
		try {
			const body = JSON.parse(new TextDecoder().decode(payload)) as { id?: unknown; text?: unknown; at?: unknown };
			if (typeof body.text !== 'string' || typeof body.id !== 'string') return;
			if (this.chat.some((m) => m.id === body.id)) return;
			this.chat = [
				...this.chat,
				{
					id: body.id,
					text: body.text.slice(0, MAX_CHAT),
					at: typeof body.at === 'string' ? body.at : new Date().toISOString(),
					from: participant ? this.#name(participant) : '?',
					mine: false,
				},
			];
		} catch {
			// not one of ours
		}
	}

	#onState(state: ConnectionState): void {
		switch (state) {
			case ConnectionState.Connected:
				this.#setConnection('connected');
				break;
			case ConnectionState.Connecting:
				this.#setConnection('connecting');
				break;
			case ConnectionState.Reconnecting:
			case ConnectionState.SignalReconnecting:
				this.#setConnection('reconnecting');
				break;
			case ConnectionState.Disconnected:
				// #onDisconnected decides: ended, or a fresh join.
				break;
		}
		this.#refresh();
	}

	async #onDisconnected(reason: DisconnectReason | undefined): Promise<void> {
		if (this.#leaving || reason === DisconnectReason.CLIENT_INITIATED) {
			this.#setConnection('disconnected');
			return;
		}
		if (reason === DisconnectReason.PARTICIPANT_REMOVED) return this.#end('removed');
		if (reason === DisconnectReason.ROOM_DELETED || reason === DisconnectReason.ROOM_CLOSED) return this.#end('ended');
		// The client gave up reconnecting (or the server dropped us): join again with a new token.
		this.#setConnection('reconnecting');
		while (this.#rejoins < 5 && !this.#leaving) {
			this.#rejoins += 1;
			await new Promise((r) => setTimeout(r, 1000 * 2 ** (this.#rejoins - 1)));
			if (this.#leaving) return;
			try {
				await this.join();
				return;
			} catch (error) {
				const code = (error as { code?: string }).code;
				if (code === 'REMOVED') return this.#end('removed');
				if (code === 'ENDED') return this.#end('ended');
			}
		}
		if (!this.#leaving) this.#end('failed');
	}

	#end(reason: EndReason): void {
		this.ended = reason;
		this.#setConnection('disconnected');
		this.tiles = [];
		this.audioTracks = [];
	}

	#setConnection(state: CallConnection): void {
		if (this.connection === state) return;
		this.connection = state;
		this.history = [...this.history, state];
	}

	#name(participant: Participant): string {
		return participant.name || this.names(participant.identity) || participant.identity;
	}

	#refresh(): void {
		this.#syncLocal();
		const tiles: Tile[] = [];
		const audio: RemoteTrack[] = [];
		const participants: Participant[] = [this.room.localParticipant, ...this.room.remoteParticipants.values()];
		for (const p of participants) {
			const camera = p.getTrackPublication(Track.Source.Camera);
			const mic = p.getTrackPublication(Track.Source.Microphone);
			const screen = p.getTrackPublication(Track.Source.ScreenShare);
			const base = {
				identity: p.identity,
				name: this.#name(p),
				isLocal: p.isLocal,
				micOn: !!mic && !mic.isMuted && (p.isLocal || !!mic.track),
				quality: qualityOf(p.connectionQuality),
				speaking: p.isSpeaking,
			};
			const cameraTrack = camera && !camera.isMuted ? camera.track : undefined;
			tiles.push({ ...base, key: `${p.identity}:camera`, isScreen: false, video: cameraTrack, cameraOn: !!camera && !camera.isMuted });
			if (screen?.track && !screen.isMuted) tiles.push({ ...base, key: `${p.identity}:screen`, isScreen: true, video: screen.track, cameraOn: true });
			if (!p.isLocal) {
				for (const publication of p.audioTrackPublications.values()) {
					if (publication instanceof RemoteTrackPublication && publication.track) audio.push(publication.track);
				}
			}
		}
		this.tiles = tiles;
		this.audioTracks = audio;
	}
}
