/** Types of scripts/livekit.mjs, for the TypeScript tests that import it. */
export declare const LIVEKIT_VERSION: string;
export declare const DEV_API_KEY: string;
export declare const DEV_API_SECRET: string;

export interface LiveKitServer {
  /** ws://127.0.0.1:<port> */
  url: string;
  /** http://127.0.0.1:<port> */
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  ports: { http: number; rtcTcp: number; rtcUdp: number };
  pid: number | undefined;
  binary: string;
  /** The tail of the server's output. */
  log(): string;
  stop(): Promise<void>;
}

export interface StartLiveKitOptions {
  webhookUrls?: string[];
  port?: number;
  apiKey?: string;
  apiSecret?: string;
  binary?: string;
  logLevel?: string;
  inheritOutput?: boolean;
  readyTimeoutMs?: number;
}

export declare function findLiveKitServer(): string | undefined;
export declare function liveKitServerVersion(binary?: string): string | undefined;
export declare function freeTcpPort(): Promise<number>;
export declare function startLiveKit(options?: StartLiveKitOptions): Promise<LiveKitServer>;
