import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig } from '../../config/app-config';

/**
 * The sha256 sources ('sha256-…') of the inline <script> blocks of the built app's index.html.
 * SvelteKit's SPA fallback starts the app from an inline script (and ours sets <html lang> from
 * another), so a CSP without 'unsafe-inline' must name them by hash; reading them from the file
 * keeps the policy right for every build.
 */
export function inlineScriptHashes(webRoot: string): string[] {
  const index = join(resolve(webRoot), 'index.html');
  if (!existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.push(`'sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** The LiveKit server's origins the room page talks to: its WebSocket and its HTTP(S) twin. */
export function liveKitOrigins(config: AppConfig): string[] {
  const url = config.livekit?.url;
  if (!url) return [];
  const ws = new URL(url);
  const http = new URL(url);
  http.protocol = ws.protocol === 'wss:' ? 'https:' : 'http:';
  return [ws.origin.replace(/^http/, 'ws'), http.origin];
}

/**
 * Security headers on every response (helmet): a content-security policy that allows only this
 * origin's scripts plus the index page's inline scripts by hash, connections to this origin and
 * the LiveKit server, media from blobs (camera previews), no framing, no plugins; HSTS when the
 * public origin is https; Referrer-Policy same-origin. Styles may be inline: Svelte writes style
 * attributes, and a style cannot run code.
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  const https = config.publicUrl.startsWith('https://');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(config.webRoot)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", ...liveKitOrigins(config)],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
}
