import { overwriteGetLocale } from '$lib/paraglide/runtime.js';

/**
 * The interface language: Welsh or English.
 *
 * Paraglide's messages (`m.key()`) ask `getLocale()` for the language; here it reads a rune, so
 * every template that shows a message follows a switch at once, without a reload. The choice is
 * remembered in the `cyswllt_lang` cookie (read again by the inline script in app.html, which sets
 * `<html lang>` before the app starts) and, when signed in, in the account (see viewer.svelte.ts).
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

class LanguageState {
	/** The language shown. */
	current = $state<Language>('cy');
	/** True once the person has chosen (the cookie exists), rather than the browser's guess. */
	chosen = $state(false);

	constructor() {
		if (typeof document !== 'undefined') {
			const remembered = fromCookie();
			this.chosen = remembered !== undefined;
			this.current = remembered ?? fromBrowser();
			document.documentElement.lang = this.current;
		}
	}

	/** Shows `language`, remembers it in the cookie and sets `<html lang>`. */
	set(language: Language): void {
		if (!isLanguage(language)) return;
		this.current = language;
		this.chosen = true;
		document.cookie = `${COOKIE}=${language}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax`;
		document.documentElement.lang = language;
	}

	/** The other language (what the switch offers). */
	get other(): Language {
		return this.current === 'cy' ? 'en' : 'cy';
	}
}

export const language = new LanguageState();

overwriteGetLocale(() => language.current);

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
