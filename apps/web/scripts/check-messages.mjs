#!/usr/bin/env node
/**
 * `npm run check:messages -w @cyswllt/web`: the two message files and what Paraglide compiled
 * from them agree (run after `npm run messages`, which the script does first).
 *
 *   1. messages/cy.json and messages/en.json have exactly the same keys;
 *   2. no message is empty, and both languages use the same {placeholders};
 *   3. the compiled messages exist (src/lib/paraglide): Paraglide fails quietly when it cannot
 *      load its message-format plugin (see project.inlang/settings.json), leaving none or stale
 *      ones, so every key is called in both languages and must return the text in the file.
 *
 * Exits non-zero and names every problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const problems = [];

function load(language) {
	const file = join(web, 'messages', `${language}.json`);
	const messages = JSON.parse(readFileSync(file, 'utf8'));
	delete messages.$schema;
	return messages;
}

const cy = load('cy');
const en = load('en');
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

for (const key of Object.keys(cy)) if (!(key in en)) problems.push(`en.json lacks "${key}" (it is in cy.json)`);
for (const key of Object.keys(en)) if (!(key in cy)) problems.push(`cy.json lacks "${key}" (it is in en.json)`);
for (const [language, messages] of [
	['cy', cy],
	['en', en],
]) {
	for (const [key, value] of Object.entries(messages)) {
		if (typeof value !== 'string' || value.trim() === '')
			problems.push(`${language}.json: "${key}" is empty or not a string`);
	}
}
for (const key of Object.keys(cy)) {
	if (typeof cy[key] !== 'string' || typeof en[key] !== 'string') continue;
	if (placeholders(cy[key]).join() !== placeholders(en[key]).join()) {
		problems.push(`"${key}": placeholders differ (cy {${placeholders(cy[key])}} vs en {${placeholders(en[key])}})`);
	}
}

const compiled = join(web, 'src', 'lib', 'paraglide', 'messages.js');
if (!existsSync(compiled)) {
	problems.push(
		`no compiled messages at ${compiled}: run \`npm run messages -w @cyswllt/web\` and check project.inlang/settings.json`,
	);
} else {
	const { m } = await import(pathToFileURL(compiled).href);
	const keys = Object.keys(m ?? {});
	if (keys.length === 0)
		problems.push('the compiled messages are empty: Paraglide could not load the message-format plugin');
	for (const key of Object.keys(cy)) {
		const message = m?.[key];
		if (typeof message !== 'function') {
			problems.push(`"${key}" was not compiled`);
			continue;
		}
		for (const [language, messages] of [
			['cy', cy],
			['en', en],
		]) {
			const inputs = Object.fromEntries(placeholders(messages[key]).map((name) => [name, `{${name}}`]));
			const text = message(inputs, { locale: language });
			if (text !== messages[key])
				problems.push(
					`compiled "${key}" (${language}) is ${JSON.stringify(text)}, not ${JSON.stringify(messages[key])}`,
				);
		}
	}
	for (const key of keys)
		if (!(key in cy)) problems.push(`compiled message "${key}" is in neither file (stale output?)`);
}

if (problems.length > 0) {
	console.error(`messages: ${problems.length} problem(s)`);
	for (const problem of problems) console.error(`  - ${problem}`);
	process.exit(1);
}
console.log(`messages: ${Object.keys(cy).length} keys, identical in cy.json and en.json, compiled and checked`);
