import { JoinMeetingDocument } from '@cyswllt/contracts';
import {
	ConnectionQuality,
	createLocalAudioTrack,
	type LocalAudioTrack,
	type RemoteParticipant,
	ConnectionState,
	DisconnectReason,
	type Participant,
	ParticipantKind,
	type RemoteTrack,
	RemoteTrackPublication,
	Room,
	RoomEvent,
	Track,
} from 'livekit-client';
import { gql } from '$lib/graphql/client';
import { AudioOnlyFallback, uplinkReading, worse } from './audio-fallback';
import { LiveCaptions } from './captions.svelte';

// What the pre-join screen needs from livekit-client, so the page reaches it through this lazy module.
export { createLocalAudioTrack, createLocalVideoTrack, Room } from 'livekit-client';

/**
 * One meeting call on livekit-client (docs/architecture.md#video-rooms), as reactive state for the room page.
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
	/** A BSL interpreter (server-set attributes): their video is pinned for those who asked for BSL. */
	bsl: boolean;
}

/** What a listener hears: the floor as it is, or an interpreter's channel into Welsh or English. */
export type Channel = 'original' | 'cy' | 'en';
export type ChannelLanguage = 'cy' | 'en';

/** A remote audio track to play, and the channel it belongs to (undefined: the floor). */
export interface AudioItem {
	track: RemoteTrack;
	identity: string;
	channel: ChannelLanguage | undefined;
	/** The publisher has it unmuted (media flows). */
	live: boolean;
}

/** A channel track heard by this listener: whose, and whether they are live (unmuted). */
export interface ChannelSource {
	identity: string;
	name: string;
	language: ChannelLanguage;
	live: boolean;
}

/** Floor audio's volume while a language channel is on (ducked under the interpreter). */
export const DUCKED_VOLUME = 0.2;
/** Interpretation channel track names (docs/interpretation-and-access.md); the server refuses them from anyone else. */
export const channelTrackName = (language: ChannelLanguage) => `interp-${language}`;
const INTERPRETER_ROLE = 'INTERPRETER';
const INTERPRETING_TOPIC = 'cyswllt.interp';

/** The language of a channel track name, or undefined for an ordinary track (any `interp-` name is a channel). */
export function channelOfTrack(name: string | undefined): ChannelLanguage | 'other' | undefined {
	if (!name?.toLowerCase().startsWith('interp-')) return undefined;
	const language = name.slice('interp-'.length).toLowerCase();
	return language === 'cy' || language === 'en' ? language : 'other';
}

/** A participant the server signed in as interpreting into British Sign Language (on video). */
export function isBslInterpreter(attributes: Readonly<Record<string, string>> | undefined): boolean {
	return attributes?.role === INTERPRETER_ROLE && (attributes.languages ?? '').split(',').includes('bsl');
}

/** The languages a participant interprets into, from the attributes the server signed into their token. */
export function interpreterLanguages(attributes: Readonly<Record<string, string>> | undefined): ChannelLanguage[] {
	if (attributes?.role !== INTERPRETER_ROLE) return [];
	return (attributes.languages ?? '').split(',').filter((l): l is ChannelLanguage => l === 'cy' || l === 'en');
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
	/** Join by audio only: no camera, no one's video. */
	audioOnly?: boolean;
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
	audioTracks = $state.raw<AudioItem[]>([]);
	/** The listener's channel (the page restores it per person). */
	channel = $state<Channel>('original');
	/** Channel tracks this client is subscribed to, as `identity:name` (tests and diagnostics). */
	subscribedChannels = $state.raw<string[]>([]);
	/** Interpreters' tracks for the chosen channel, and whether each is live. */
	channelSources = $state.raw<ChannelSource[]>([]);
	/** Languages I interpret into (from my server-set attributes); empty for everyone else. */
	myInterpreting = $state.raw<ChannelLanguage[]>([]);
	/** The language I interpret into now (my direction): Welsh→English is 'en'. */
	direction = $state<ChannelLanguage>('en');
	/** I am the interpreter on air (my channel track for `direction` is unmuted). */
	onAir = $state(false);
	/** Who is on air now, as names (interpreters see whose turn it is). */
	onAirNames = $state.raw<string[]>([]);
	chat = $state.raw<ChatMessage[]>([]);
	micOn = $state(false);
	cameraOn = $state(false);
	sharing = $state(false);
	audioOnly = $state(false);
	/** Audio only was turned on by the call itself, for a poor connection (the page offers the way back). */
	autoAudioOnly = $state(false);
	localQuality = $state<Quality>('unknown');
	/** Polite announcements (joined / left) for the screen-reader region. */
	announcement = $state('');
	/** Every connection state seen, in order (tests and diagnostics). */
	history = $state.raw<CallConnection[]>([]);

	readonly room: Room;
	/** Live captions from the operator's speech-to-text agent, if any (Captions.svelte shows them). */
	readonly captions: LiveCaptions;
	#cameraBeforeAudioOnly = false;
	#leaving = false;
	#rejoins = 0;
	#published = false;
	/** What this client asked the server for, per track sid (autoSubscribe is off). */
	#wanted = new Map<string, boolean>();
	#channelTracks = new Map<ChannelLanguage, LocalAudioTrack>();
	#fallback = new AudioOnlyFallback();
	#fallbackTick: ReturnType<typeof setInterval> | undefined;
	/** The browser's own reading of its upload while the camera sends (see uplinkReading). */
	#uplink: Quality = 'unknown';

	constructor(
		private readonly meetingId: string,
		private readonly names: (identity: string) => string | undefined,
		private readonly describe: { joined: (name: string) => string; left: (name: string) => string },
		private readonly devices: CallDevices,
	) {
		this.micOn = devices.micOn;
		this.cameraOn = devices.cameraOn;
		this.audioOnly = devices.audioOnly ?? false;
		if (this.audioOnly) this.#cameraBeforeAudioOnly = devices.cameraOn;
		this.room = new Room({
			adaptiveStream: true,
			dynacast: true,
			audioCaptureDefaults: devices.audioDeviceId ? { deviceId: devices.audioDeviceId } : undefined,
			videoCaptureDefaults: devices.videoDeviceId ? { deviceId: devices.videoDeviceId } : undefined,
		});
		this.captions = new LiveCaptions(this.room, (p) => this.#name(p));
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
			.on(RoomEvent.TrackPublished, (publication, participant) => {
				this.#subscribe(publication, participant);
				refresh();
			})
			.on(RoomEvent.ParticipantAttributesChanged, () => {
				this.#applySubscriptions();
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
				if (participant.isLocal) {
					this.localQuality = qualityOf(quality);
					this.#fallback.observe(worse(this.localQuality, this.#uplink), Date.now());
					this.#checkFallback();
				}
				refresh();
			})
			.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
				if (topic === INTERPRETING_TOPIC) return void this.#receiveTakeOver(participant);
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
		// Selective subscription: nothing is subscribed by itself; #subscribe decides per track
		// (everything but channels, and only the chosen channel from interpreters).
		await this.room.connect(ticket.url, ticket.token, { autoSubscribe: false });
		this.#rejoins = 0;
		this.#wanted.clear();
		this.#channelTracks.clear();
		this.myInterpreting = interpreterLanguages(this.room.localParticipant.attributes);
		if (this.myInterpreting.length > 0 && !this.myInterpreting.includes(this.direction))
			this.direction = this.myInterpreting[0]!;
		this.micOn = wanted.mic && this.myInterpreting.length === 0;
		this.cameraOn = wanted.camera;
		this.#applySubscriptions();
		await this.#publishChosen();
		if (this.myInterpreting.length > 0) await this.#publishChannels();
		this.#published = true;
		// Quality readings come only when they change: a steady "poor" is checked on a tick too.
		clearInterval(this.#fallbackTick);
		this.#fallbackTick = setInterval(() => void this.#readUplink().then(() => this.#checkFallback()), 2_000);
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

	/**
	 * LiveKit's connection quality can read good on a thin, lossy link: the browser's own estimate
	 * of its upload counts too, while the camera sends (without video there is little to estimate).
	 */
	async #readUplink(): Promise<void> {
		const camera = this.room.localParticipant.getTrackPublication(Track.Source.Camera);
		const report =
			camera && !camera.isMuted ? await camera.track?.getRTCStatsReport().catch(() => undefined) : undefined;
		this.#uplink = report ? uplinkReading(report.values() as Iterable<Record<string, unknown>>) : 'unknown';
		this.#fallback.observe(worse(this.localQuality, this.#uplink), Date.now());
	}

	/** Falls back to audio only by itself when the connection has stayed poor (see AudioOnlyFallback). */
	#checkFallback(): void {
		if (this.audioOnly || this.connection !== 'connected' || !this.#fallback.due(Date.now())) return;
		this.#fallback.acted();
		void this.setAudioOnly(true).then(() => (this.autoAudioOnly = true));
	}

	/** The one-click way back from the automatic fallback. */
	async backToVideo(): Promise<void> {
		this.#fallback.backToVideo(Date.now());
		await this.setAudioOnly(false);
	}

	/** Listener: hear the floor, or a language channel (floor ducked under the interpreter). */
	setChannel(channel: Channel): void {
		if (channel === this.channel) return;
		this.channel = channel;
		this.#applySubscriptions();
		this.#refresh();
	}

	/**
	 * Interpreter: one track per language I interpret into, named for its channel, all muted but the
	 * one on air. I go on air at once unless another interpreter is.
	 */
	async #publishChannels(): Promise<void> {
		const local = this.room.localParticipant;
		for (const language of this.myInterpreting) {
			const track = await createLocalAudioTrack({
				deviceId: this.devices.audioDeviceId,
				echoCancellation: true,
				noiseSuppression: true,
			}).catch(() => undefined);
			if (!track) continue;
			await local.publishTrack(track, { name: channelTrackName(language), source: Track.Source.Unknown, dtx: false });
			await track.mute();
			this.#channelTracks.set(language, track);
		}
		if (this.#othersOnAir().length === 0) await this.#goOnAir(this.direction);
	}

	/** Interpreter: switch direction (Welsh→English / English→Welsh); on air, the other channel goes live. */
	async switchDirection(): Promise<void> {
		const next = this.myInterpreting.find((l) => l !== this.direction);
		if (!next) return;
		if (this.onAir) await this.#goOnAir(next);
		else this.direction = next;
		this.#refresh();
	}

	/** Interpreter: take over from whoever is on air (they go off air when they hear it). */
	async takeOver(): Promise<void> {
		await this.#goOnAir(this.direction);
		await this.room.localParticipant.publishData(new TextEncoder().encode(JSON.stringify({ takeOver: true })), {
			reliable: true,
			topic: INTERPRETING_TOPIC,
		});
		this.#refresh();
	}

	/** Interpreter: stop interpreting (both channels muted). */
	async goOffAir(): Promise<void> {
		for (const track of this.#channelTracks.values()) await track.mute();
		this.onAir = false;
		this.#refresh();
	}

	async #goOnAir(language: ChannelLanguage): Promise<void> {
		const live = this.#channelTracks.get(language);
		if (!live) return;
		// The new channel first, then the other off: never a gap on either.
		await live.unmute();
		for (const [other, track] of this.#channelTracks) if (other !== language) await track.mute();
		this.direction = language;
		this.onAir = true;
	}

	#receiveTakeOver(from: Participant | undefined): void {
		// Only an interpreter (server-set attributes) can take over from me.
		if (!from || interpreterLanguages(from.attributes).length === 0 || !this.onAir) return;
		void this.goOffAir();
	}

	#othersOnAir(): RemoteParticipant[] {
		return [...this.room.remoteParticipants.values()].filter(
			(p) =>
				interpreterLanguages(p.attributes).length > 0 &&
				[...p.trackPublications.values()].some((t) => channelOfTrack(t.trackName) && !t.isMuted),
		);
	}

	/** Asks the server for exactly the tracks this listener should receive. */
	#applySubscriptions(): void {
		for (const participant of this.room.remoteParticipants.values()) {
			for (const publication of participant.trackPublications.values()) this.#subscribe(publication, participant);
		}
	}

	#subscribe(publication: RemoteTrackPublication, participant: RemoteParticipant): void {
		let want: boolean;
		const channel = channelOfTrack(publication.trackName);
		if (channel) {
			// A channel only from an interpreter into that language, and only the one chosen.
			want =
				channel !== 'other' &&
				channel === this.channel &&
				interpreterLanguages(participant.attributes).includes(channel);
		} else if (publication.kind === Track.Kind.Video) {
			want = !this.audioOnly;
		} else {
			want = true;
		}
		if (this.#wanted.get(publication.trackSid) === want) return;
		this.#wanted.set(publication.trackSid, want);
		publication.setSubscribed(want);
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
		if (!on) this.autoAudioOnly = false;
		if (on === this.audioOnly) return;
		this.audioOnly = on;
		this.#applySubscriptions();
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
		await this.room.localParticipant.publishData(new TextEncoder().encode(JSON.stringify(message)), {
			reliable: true,
			topic: CHAT_TOPIC,
		});
		this.chat = [...this.chat, { ...message, from: this.#name(this.room.localParticipant), mine: true }];
	}

	async leave(): Promise<void> {
		clearInterval(this.#fallbackTick);
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
		clearInterval(this.#fallbackTick);
		this.ended = reason;
		this.#setConnection('disconnected');
		this.tiles = [];
		this.audioTracks = [];
		this.subscribedChannels = [];
		this.channelSources = [];
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
		const audio: AudioItem[] = [];
		const subscribedChannels: string[] = [];
		const sources: ChannelSource[] = [];
		const onAir: string[] = [];
		const participants: Participant[] = [this.room.localParticipant, ...this.room.remoteParticipants.values()];
		for (const p of participants) {
			// An operator's service (a captioning agent) that publishes nothing is no one to show.
			if (p.kind === ParticipantKind.AGENT && p.trackPublications.size === 0) continue;
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
				bsl: isBslInterpreter(p.attributes),
			};
			const cameraTrack = camera && !camera.isMuted ? camera.track : undefined;
			tiles.push({
				...base,
				key: `${p.identity}:camera`,
				isScreen: false,
				video: cameraTrack,
				cameraOn: !!camera && !camera.isMuted,
			});
			if (screen?.track && !screen.isMuted)
				tiles.push({ ...base, key: `${p.identity}:screen`, isScreen: true, video: screen.track, cameraOn: true });
			const interprets = interpreterLanguages(p.attributes);
			for (const publication of p.audioTrackPublications.values()) {
				const channel = channelOfTrack(publication.trackName);
				if (channel && interprets.length > 0 && !publication.isMuted) onAir.push(this.#name(p));
				if (p.isLocal || !(publication instanceof RemoteTrackPublication)) continue;
				if (channel === 'other') continue;
				if (channel && interprets.includes(channel) && channel === this.channel)
					sources.push({ identity: p.identity, name: this.#name(p), language: channel, live: !publication.isMuted });
				// isSubscribed follows setSubscribed(false) at once; the track object may linger a moment.
				if (!publication.track || !publication.isSubscribed) continue;
				if (channel) subscribedChannels.push(`${p.identity}:${publication.trackName}`);
				// A channel track is played only from an interpreter (the server removes any other).
				if (channel && !interprets.includes(channel)) continue;
				audio.push({ track: publication.track, identity: p.identity, channel, live: !publication.isMuted });
			}
		}
		this.tiles = tiles;
		this.audioTracks = audio;
		this.subscribedChannels = subscribedChannels;
		this.channelSources = sources;
		this.onAirNames = [...new Set(onAir)];
		if (this.myInterpreting.length > 0) this.onAir = [...this.#channelTracks.values()].some((t) => !t.isMuted);
	}
}
