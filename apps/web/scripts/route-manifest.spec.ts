import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routePattern } from './route-manifest.mjs';

const matches = (folder: string, path: string) => new RegExp(routePattern(folder)).test(path);

describe('routePattern: a SvelteKit route folder as the paths it serves', () => {
	it('serves the root and plain folders, with or without a trailing slash', () => {
		expect(matches('', '/')).toBe(true);
		expect(matches('', '/x')).toBe(false);
		expect(matches('agenda', '/agenda')).toBe(true);
		expect(matches('agenda', '/agenda/')).toBe(true);
		expect(matches('agenda', '/agenda/x')).toBe(false);
		expect(matches('agenda', '/agendas')).toBe(false);
	});

	it('takes one segment for a parameter, none or one for an optional one, any number for a rest one', () => {
		const session = join('sessions', '[id]', 'edit');
		expect(matches(session, '/sessions/0a6b3c1e/edit')).toBe(true);
		expect(matches(session, '/sessions//edit')).toBe(false);
		expect(matches(session, '/sessions/a/b/edit')).toBe(false);
		expect(matches(join('[[lang]]', 'about'), '/about')).toBe(true);
		expect(matches(join('[[lang]]', 'about'), '/cy/about')).toBe(true);
		expect(matches(join('docs', '[...path]'), '/docs')).toBe(true);
		expect(matches(join('docs', '[...path]'), '/docs/a/b')).toBe(true);
		expect(matches(join('s', '[id=uuid]'), '/s/abc')).toBe(true);
	});

	it('takes only cy or en for the language segment every page starts with', () => {
		const sessions = join('[lang=lang]', 'sessions');
		expect(matches(sessions, '/cy/sessions')).toBe(true);
		expect(matches(sessions, '/en/sessions/')).toBe(true);
		expect(matches(sessions, '/fr/sessions')).toBe(false);
		expect(matches(sessions, '/sessions')).toBe(false);
		expect(matches('[lang=lang]', '/cy')).toBe(true);
	});

	it('adds no segment for a (group) folder and takes dots literally', () => {
		expect(matches(join('(signed-in)', 'agenda'), '/agenda')).toBe(true);
		expect(matches(join('(signed-in)', 'agenda'), '/(signed-in)/agenda')).toBe(false);
		expect(matches('robots.txt', '/robots.txt')).toBe(true);
		expect(matches('robots.txt', '/robotsXtxt')).toBe(false);
	});
});
