/**
 * At most `max` characters of `text` for a search result's snippet (a meta description): whitespace
 * collapsed, cut at the last word boundary that fits, with an ellipsis when anything was left out.
 */
export function snippet(text: string, max = 160): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= max) return flat;
	const cut = flat.slice(0, max - 1);
	const lastSpace = cut.lastIndexOf(' ');
	return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}
