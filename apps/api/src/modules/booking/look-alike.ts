/**
 * Look-alike names (Unicode TR39's idea of a "skeleton", kept small): two names whose skeletons
 * are equal can pass for each other on screen. No npm library in our reach is both small and kept
 * up to date, so this is a short mapping of the confusables that matter for Latin-script names:
 * compatibility forms folded (NFKD), accents and other combining marks removed, case folded,
 * Cyrillic and Greek letters that look Latin mapped to them, digits and letter pairs that pass for
 * letters ("0" o, "1" l, "rn" m, "vv" w), and spaces, dots, hyphens and apostrophes ignored.
 */
const LOOK_ALIKE: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  з: '3',
  і: 'l',
  ї: 'l',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ь: 'b',
  һ: 'h',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'l',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ϲ: 'c',
  ζ: 'z',
  // Latin and digits that pass for other letters
  ı: 'l',
  i: 'l',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  '0': 'o',
  '1': 'l',
  '|': 'l',
  '!': 'l',
  '5': 's',
  $: 's',
  '@': 'a',
};

export function nameSkeleton(name: string): string {
  const folded = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const mapped = [...folded].map((c) => LOOK_ALIKE[c] ?? c).join('');
  return mapped
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/[\s.\-'’‘_·]/gu, '');
}

/** Of these people, the ids of those whose name looks like someone else's among them. */
export function lookAlikes(people: readonly { id: string; name: string }[]): Set<string> {
  const bySkeleton = new Map<string, string[]>();
  for (const person of people) {
    const key = nameSkeleton(person.name);
    bySkeleton.set(key, [...(bySkeleton.get(key) ?? []), person.id]);
  }
  return new Set([...bySkeleton.values()].filter((ids) => new Set(ids).size > 1).flat());
}
