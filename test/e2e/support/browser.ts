import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Helpers for the browser journeys: Debian's Chromium through playwright-core, an axe-core scan and
 * a screenshot of every page visited, the app's own messages (so tests speak both languages), and
 * a check that no text of the other language is left on the page after a switch.
 */
const root = resolve(import.meta.dirname, '..', '..', '..');
export const ARTIFACTS = join(root, 'test', 'e2e', 'artifacts');

/** Chromium from Debian (`apt-get install chromium`); CHROMIUM_PATH overrides. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium; `extraArgs` for calls (fake media devices, loopback WebRTC). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  });
}

export const contextDefaults: BrowserContextOptions = {
  viewport: { width: 1280, height: 900 },
  reducedMotion: 'reduce',
};

export type Lang = 'cy' | 'en';
type Messages = Record<string, string>;

function readMessages(lang: Lang): Messages {
  const messages = JSON.parse(readFileSync(join(root, 'apps', 'web', 'messages', `${lang}.json`), 'utf8')) as Messages;
  delete messages.$schema;
  return messages;
}

export const messages: Record<Lang, Messages> = { cy: readMessages('cy'), en: readMessages('en') };

/** A message's text in `lang`, with {placeholders} filled in. */
export function t(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const text = messages[lang][key];
  if (text === undefined) throw new Error(`no message "${key}"`);
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

let shot = 0;

/**
 * Waits for the page to settle (no loading line left), then runs axe-core with the WCAG 2.0/2.1/2.2
 * A and AA rules and saves a full-page screenshot as artifacts/NN-name.png (unless `screenshot` is
 * false: the accessibility matrix scans hundreds of pages). Fails on any violation, naming the rule
 * and the elements.
 */
export async function checkPage(
  page: Page,
  name: string,
  { screenshot = true }: { screenshot?: boolean } = {},
): Promise<void> {
  await expect.poll(() => page.locator('.loading').count(), { timeout: 15_000 }).toBe(0);
  if (screenshot) {
    mkdirSync(ARTIFACTS, { recursive: true });
    shot += 1;
    await page.screenshot({ path: join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
  }
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const violations = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(violations, `axe-core violations on ${name} (${page.url()})`).toEqual([]);
}

/**
 * Every visible text on the page, with the elements marked as another language left out: each
 * text node, each attribute that is read out, and (unless `wholeParents` is false) the whole text
 * of each text node's element, so a message split over elements is found too.
 */
export async function visibleTexts(
  page: Page,
  { wholeParents = true }: { wholeParents?: boolean } = {},
): Promise<string[]> {
  return page.evaluate((wholeParents) => {
    const pageLang = document.documentElement.lang;
    const texts = new Set<string>();
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    const otherLanguage = (el: Element) => {
      const marked = el.closest('[lang]');
      return marked !== null && marked !== document.documentElement && marked.getAttribute('lang') !== pageLang;
    };
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
      const box = el.getBoundingClientRect();
      // visually hidden text is read out, so it counts too
      return box.width > 0 || box.height > 0 || el.closest('.visually-hidden') !== null;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (
        !parent ||
        ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName) ||
        otherLanguage(parent) ||
        !visible(parent)
      )
        continue;
      const text = norm(node.textContent ?? '');
      if (text) texts.add(text);
      const whole = wholeParents ? norm(parent.innerText ?? parent.textContent ?? '') : '';
      if (whole) texts.add(whole);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
      if (otherLanguage(el)) continue;
      for (const attribute of ['aria-label', 'placeholder', 'title', 'alt']) {
        const value = el.getAttribute(attribute);
        if (value) texts.add(norm(value));
      }
    }
    texts.add(norm(document.title));
    return [...texts];
  }, wholeParents);
}

/**
 * After a switch to `shown`, no visible text may be a message of the other language (one whose
 * text differs between the two), whole or with its {placeholders} filled in.
 */
export async function expectNoTextOfOtherLanguage(page: Page, shown: Lang): Promise<void> {
  const other: Lang = shown === 'cy' ? 'en' : 'cy';
  const shownValues = new Set(Object.values(messages[shown]));
  // A message that is nearly all placeholders ("{name}, {weekday} {date}") has no words of its own
  // to tell its language by, so it is no evidence of a leak.
  const wordsOf = (text: string) => text.replace(/\{\w+\}/g, '').replace(/[^\p{L}]/gu, '').length;
  const patterns = Object.entries(messages[other])
    .filter(([key, text]) => messages[shown][key] !== text && !shownValues.has(text) && wordsOf(text) >= 3)
    .map(([key, text]) => {
      const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '.+');
      return { key, text, pattern: new RegExp(`^${escaped}$`) };
    });
  const texts = await visibleTexts(page);
  const leaks = texts.flatMap((text) =>
    patterns.filter((p) => p.pattern.test(text)).map((p) => `"${text}" is ${other} message ${p.key}`),
  );
  expect(leaks, `text in ${other} on a page shown in ${shown} (${page.url()})`).toEqual([]);
}

/** The element that has focus: its tag and text. */
export function focused(page: Page): Promise<{ tag: string; text: string }> {
  return page.evaluate(() => ({
    tag: document.activeElement?.tagName ?? '',
    text: document.activeElement?.textContent?.trim() ?? '',
  }));
}

/** Fills the app's date field (day, month, year: lib/forms/DateField.svelte) whose day box is `#id`, with YYYY-MM-DD. */
export async function fillDate(page: Page, id: string, date: string): Promise<void> {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  await page.locator(`#${id}`).fill(String(day));
  await page.locator(`#${id}-month`).selectOption(String(month));
  await page.locator(`#${id}-year`).fill(String(year));
}

/** Chooses HH:MM in the app's 24-hour time field (lib/forms/TimeField.svelte) whose hour list is `#id`. */
export async function fillTime(page: Page, id: string, time: string): Promise<void> {
  await page.locator(`#${id}`).selectOption(time.slice(0, 2));
  await page.locator(`#${id}-minute`).selectOption(time.slice(3, 5));
}

/** The YYYY-MM-DD shown in the app's date field whose day box is `#id`. */
export async function readDate(page: Page, id: string): Promise<string> {
  const part = (suffix: string) => page.locator(`#${id}${suffix}`).inputValue();
  const [day, month, year] = [await part(''), await part('-month'), await part('-year')];
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/**
 * For waitForURL: the page at `path` (with its query) in either language. The journeys open the
 * older addresses without a language (`${base}/agenda`), which the API sends to the browser's
 * language (en-GB: /en/agenda, cy-GB: /cy/agenda); the text on the page says which language it is.
 */
export function atPage(base: string, path: string): (url: URL) => boolean {
  return (url) =>
    url.origin === new URL(base).origin &&
    `${url.pathname.replace(/^\/(cy|en)(?=\/|$)/, '') || '/'}${url.search}` === path;
}

/** The UTC instant of a UK wall time `days` from now at HH:MM. */
export function londonAt(days: number, hour: number, minute = 0): Date {
  const day = new Date(Date.now() + days * 86_400_000);
  const wall = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(wall));
  const londonHour = Number(parts.find((p) => p.type === 'hour')!.value);
  return new Date(wall - ((londonHour - hour + 24) % 24) * 3_600_000);
}
