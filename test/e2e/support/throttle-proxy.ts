import { SeededRandom } from '@cyswllt/matching';
import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A poor connection on loopback, for WebRTC media carried over ICE-TCP (RFC 4571: each packet is
 * a 2-byte length and the packet). Between the browser and LiveKit's rtc.tcp_port it
 *
 * - limits each direction to `kbps` (a queue paced at that rate; a packet that would wait more
 *   than `maxQueueMs` is dropped, as a router's full buffer would), and
 * - drops a share `loss` of the packets, whole (the framing stays intact, so the receiver sees
 *   lost RTP/RTCP/STUN packets, as on a lossy radio link).
 *
 * The drops follow a seeded generator, so a run is repeatable. Chromium's network emulation does
 * not reach WebRTC media; this does (the test steers the browser's ICE to this port).
 */
export interface ThrottleOptions {
  upstreamPort: number;
  kbps: number;
  loss: number;
  maxQueueMs?: number;
  seed?: number;
}

export interface ThrottleStats {
  connections: number;
  packets: number;
  dropped: number;
  /** Bytes passed on, both directions. */
  bytes: number;
}

export interface ThrottleProxy {
  port: number;
  stats: ThrottleStats;
  close(): Promise<void>;
}

export async function startThrottleProxy(options: ThrottleOptions): Promise<ThrottleProxy> {
  const { upstreamPort, kbps, loss, maxQueueMs = 1_000 } = options;
  const random = new SeededRandom(options.seed ?? 22);
  const stats: ThrottleStats = { connections: 0, packets: 0, dropped: 0, bytes: 0 };
  const sockets = new Set<Socket>();

  /** One direction: frames in from `from`, paced and thinned out to `to`. */
  function pipe(from: Socket, to: Socket): void {
    let pending = Buffer.alloc(0);
    const queue: { frame: Buffer; at: number }[] = [];
    let free = 0; // when the link is free again (ms)
    let timer: NodeJS.Timeout | undefined;
    const pump = () => {
      timer = undefined;
      const now = performance.now();
      while (queue.length > 0 && queue[0]!.at <= now) {
        const { frame } = queue.shift()!;
        stats.bytes += frame.length;
        if (!to.destroyed) to.write(frame);
      }
      if (queue.length > 0) timer = setTimeout(pump, Math.max(0, queue[0]!.at - now));
    };
    from.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2) {
        const length = pending.readUInt16BE(0);
        if (pending.length < 2 + length) break;
        const frame = pending.subarray(0, 2 + length);
        pending = pending.subarray(2 + length);
        stats.packets += 1;
        const now = performance.now();
        const at = Math.max(now, free);
        if (random.next() < loss || at - now > maxQueueMs) {
          stats.dropped += 1;
          continue;
        }
        free = at + (frame.length * 8) / kbps; // kbps = bits per ms
        queue.push({ frame: Buffer.from(frame), at: free });
        if (!timer) timer = setTimeout(pump, Math.max(0, free - now));
      }
    });
    const end = () => {
      clearTimeout(timer);
      to.destroy();
    };
    from.on('close', end);
    from.on('error', end);
  }

  const server = createServer((client) => {
    stats.connections += 1;
    const upstream = createConnection({ host: '127.0.0.1', port: upstreamPort });
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    port: address.port,
    stats,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

/**
 * A page script (give it to `addInitScript` with `{ realPort, proxyPort }`) that steers the
 * browser's ICE onto the proxy: UDP candidates are dropped both ways (the server's, and the
 * browser's own before they are signalled) and the server's TCP candidate's port becomes the
 * proxy's, in trickled candidates and in remote descriptions alike. Every
 * RTCPeerConnection is kept in `window.__pcs` for getStats.
 */
export function steerIceToProxy({ realPort, proxyPort }: { realPort: number; proxyPort: number }): void {
  // Runs in the page: everything it needs is inside.
  const rewrite = (line: string): string | null => {
    const parts = line.replace(/^a=/, '').split(' ');
    const protocol = parts[2]?.toLowerCase();
    if (protocol === 'udp') return null;
    if (protocol === 'tcp' && parts[5] === String(realPort)) parts[5] = String(proxyPort);
    return (line.startsWith('a=') ? 'a=' : '') + parts.join(' ');
  };
  const steer = (description: RTCSessionDescriptionInit): RTCSessionDescriptionInit => {
    if (!description.sdp) return description;
    const sdp = description.sdp
      .split('\r\n')
      .map((l) => (l.startsWith('a=candidate:') ? rewrite(l) : l))
      .filter((l): l is string => l !== null)
      .join('\r\n');
    return { type: description.type, sdp };
  };
  const Native = window.RTCPeerConnection;
  const pcs: RTCPeerConnection[] = [];
  (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = pcs;
  class Steered extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      pcs.push(this);
      // The browser's own UDP candidates are not told to the server either (it would check them
      // from its UDP port, and the pair would be UDP). Registered first, so it runs first.
      this.addEventListener('icecandidate', (event) => {
        if (event.candidate?.protocol === 'udp') event.stopImmediatePropagation();
      });
      // A later offer or answer carries the candidates gathered so far: no UDP ones in it either.
      const offer = Native.prototype.createOffer.bind(this) as (
        o?: RTCOfferOptions,
      ) => Promise<RTCSessionDescriptionInit>;
      const answer = Native.prototype.createAnswer.bind(this) as (
        o?: RTCAnswerOptions,
      ) => Promise<RTCSessionDescriptionInit>;
      Object.assign(this, {
        createOffer: async (o?: RTCOfferOptions) => steer(await offer(o)),
        createAnswer: async (o?: RTCAnswerOptions) => steer(await answer(o)),
      });
    }
    override addIceCandidate(candidate?: RTCIceCandidateInit | null): Promise<void> {
      if (candidate?.candidate) {
        // An RTCIceCandidate keeps its fields on its prototype: copy them with toJSON.
        const init = candidate instanceof RTCIceCandidate ? candidate.toJSON() : candidate;
        const line = rewrite(init.candidate!);
        if (line === null) return Promise.resolve();
        candidate = { ...init, candidate: line };
      }
      return super.addIceCandidate(candidate ?? undefined);
    }
    override setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
      return super.setRemoteDescription(steer(description));
    }
  }
  window.RTCPeerConnection = Steered;
}
