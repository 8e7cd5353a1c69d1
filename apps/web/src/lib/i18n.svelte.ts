import { page } from '$app/state';
import { overwriteGetLocale } from '$lib/paraglide/runtime.js';

/**
 * The interface language: Welsh or English.
 *
 * Paraglide's messages (`m.key()`) ask `getLocale()` for the language; here it reads a rune, so
 * every template that shows a message follows a switch at once, without a reload. The language is
 * the address's first segment (/cy/…, /en/…), so a shared link keeps it. An explicit choice (the
 * switch) is remembered in the `cyswllt_lang` cookie, which decides where `/` and the old unprefixed
 * addresses lead (apps/api/src/core/web/web-app.ts, and `guessLanguage` here in development). The
 * account's language for e-mails is a separate setting (settings page), never the page's.
 */
export type Language = 'cy' | 'en';

export const LANGUAGES: readonly Language[] = ['cy', 'en'];

const COOKIE = 'cyswllt_lang';
const ONE_YEAR = 60 * 60 * 24 * 365;

function isLanguage(value: unknown): value is Language {
	return value === 'cy' || value === 'en';
}

function fromCookie(): Language | undefined {
	const match = /(?:^|;\s*)cyswllt_lang=(cy|en)(?:;|$)/.exec(document.cookie);
	return match ? (match[1] as Language) : undefined;
}

function fromBrowser(): Language {
	const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
	return preferred.some((tag) => /^cy\b/i.test(tag)) ? 'cy' : 'en';
}

/** Where a visit without a language in the address goes: the remembered choice, else Welsh when the browser lists it. */
export function guessLanguage(): Language {
	return fromCookie() ?? fromBrowser();
}

/** The language at the start of an address's path, if any. */
export function languageOf(pathname: string): Language | undefined {
	const match = /^\/(cy|en)(?:\/|$)/.exec(pathname);
	return match ? (match[1] as Language) : undefined;
}

/** The same page in `language`: the path with its language segment replaced (or added). */
export function inLanguage(url: URL, language: Language): string {
	const rest = languageOf(url.pathname) ? url.pathname.slice(3) : url.pathname;
	return `/${language}${rest === '/' ? '' : rest}${url.search}${url.hash}`;
}

class LanguageState {
	/**
	 * The language shown: the current page's address says it (read from the router's page state,
	 * so it changes with the page shown, never with a link merely preloaded); a page without one
	 * (not found) shows the guess.
	 */
	get current(): Language {
		return (
			languageOf(page.url.pathname) ??
			(typeof location === 'undefined' ? undefined : languageOf(location.pathname)) ??
			guessLanguage()
		);
	}

	/** Remembers an explicit choice for the next visit to an address without a language. */
	remember(language: Language): void {
		if (isLanguage(language)) document.cookie = `${COOKIE}=${language}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax`;
	}

	/** The other language (what the switch offers). */
	get other(): Language {
		return this.current === 'cy' ? 'en' : 'cy';
	}
}

export const language = new LanguageState();

overwriteGetLocale(() => language.current);

/** An address in the app, in the shown language: `localHref('/sessions')` is `/cy/sessions` on a Welsh page. */
export function localHref(path: string): string {
	return `/${language.current}${path === '/' ? '' : path}`;
}

/** Picks the text in the shown language from a bilingual pair (e.g. a session's titleCy / titleEn). */
export function pick(cy: string, en: string): string {
	return language.current === 'cy' ? cy : en;
}

/** The name of a bilingual term (taxonomy) in the shown language. */
export function termName(term: { nameCy: string; nameEn: string }): string {
	return pick(term.nameCy, term.nameEn);
}

/**
 * A bilingual text in the shown language, or in the other one when the shown one is empty;
 * `lang` says which, for a `lang` attribute on the element that shows it.
 */
export function pickWithLang(cy: string, en: string): { text: string; lang: Language } {
	const wanted = language.current;
	const [first, second] = wanted === 'cy' ? [cy, en] : [en, cy];
	if (first.trim() !== '' || second.trim() === '') return { text: first, lang: wanted };
	return { text: second, lang: language.other };
}
