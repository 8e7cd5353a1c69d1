/**
 * Welsh that reads right when a term goes into a sentence (docs/welsh-grammar.md). A sentence is
 * written whole, per case, in a message catalogue; where it inserts a term (a condition, a health
 * board, a weekday) it names the form the words before it call for — `gyda {conditions:aspirate}`,
 * `o {previousWhen:soft}`, `yn {regions:nasal}` — and the term brings its forms, written out by hand
 * in a catalogue (profiles/term-forms.ts, WEEKDAY_FORMS below). Nothing here mutates a word by rule:
 * mutations have exceptions (loanwords, acronyms, proper names), so every form is written down.
 */
export type Mutation = 'radical' | 'soft' | 'nasal' | 'aspirate';

export const MUTATIONS: readonly Mutation[] = ['radical', 'soft', 'nasal', 'aspirate'];

/** A term as it reads inside a Welsh sentence, in each mutation. */
export type WelshForms = Readonly<Record<Mutation, string>>;

/** A placeholder's value: plain text (English, or words people wrote), or a Welsh term with its forms. */
export type Filler = string | WelshForms;

/** The same text in every form: words that never mutate (vowel-initial, s, ff, th, acronyms). */
export function unmutated(text: string): WelshForms {
  return { radical: text, soft: text, nasal: text, aspirate: text };
}

/**
 * A Welsh list as one term: "clefyd Parkinson, dementia a chanser". The list's first item takes the
 * form the sentence asks for; the last follows "a", which takes the aspirate ("ac" before a vowel).
 */
export function welshList(items: readonly WelshForms[]): WelshForms {
  if (items.length <= 1) return items[0] ?? unmutated('');
  const middle = items
    .slice(1, -1)
    .map((item) => `, ${item.radical}`)
    .join('');
  const last = items.at(-1)!.aspirate;
  const tail = `${middle} ${agree('a', last)} ${last}`;
  return Object.fromEntries(MUTATIONS.map((m) => [m, `${items[0][m]}${tail}`])) as WelshForms;
}

/** "X, Y and Z": the English counterpart of welshList. */
export function englishList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const PLACEHOLDER = /\{(\w+)(?::(radical|soft|nasal|aspirate))?\}/g;

/**
 * Fills `{name}` and `{name:mutation}` in a catalogue sentence. A term given with forms is written in
 * the form the placeholder names (radical when it names none); plain text is written as it is. The
 * short word before a term then agrees with the sound it meets, as Welsh spelling requires: "yn"
 * becomes "ym" before a nasal m and "yng" before ng ("ym Mwrdd Iechyd…", "yng Nghaerdydd"); "gyda",
 * "â" and "a" become "gydag", "ag" and "ac" before a vowel ("gydag iechyd meddwl").
 */
export function fillSentence(template: string, values: Record<string, Filler>): string {
  let out = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const [whole, name, mutation] = match;
    const value = values[name];
    const text =
      value === undefined
        ? whole
        : typeof value === 'string'
          ? value
          : value[(mutation as Mutation | undefined) ?? 'radical'];
    const before = template.slice(last, match.index);
    out +=
      value === undefined || typeof value === 'string'
        ? before
        : before.replace(
            /(^|[\s(“])(yn|gyda|â|a) $/,
            (_, start: string, word: string) => `${start}${agree(word, text)} `,
          );
    out += text;
    last = match.index + whole.length;
  }
  return out + template.slice(last);
}

const VOWEL = /^[aeiouyâêîôûŷáéíóúàèìòù]/i;

/** The form of a short word before `next`: yn → ym/yng before a nasal mutation, gyda/â/a → gydag/ag/ac before a vowel. */
function agree(word: string, next: string): string {
  if (word === 'yn') return /^ng/i.test(next) ? 'yng' : /^m/i.test(next) ? 'ym' : 'yn';
  if (!VOWEL.test(next)) return word;
  return word === 'gyda' ? 'gydag' : word === 'â' ? 'ag' : 'ac';
}

/**
 * The days of the week as they read inside a Welsh sentence (lower-case "dydd"), 1 = Monday … 7 =
 * Sunday (ISO, as Luxon numbers them). "Dydd" takes every mutation but the aspirate (d has none).
 */
export const WEEKDAY_FORMS: Readonly<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, WelshForms>> = {
  1: { radical: 'dydd Llun', soft: 'ddydd Llun', nasal: 'nydd Llun', aspirate: 'dydd Llun' },
  2: { radical: 'dydd Mawrth', soft: 'ddydd Mawrth', nasal: 'nydd Mawrth', aspirate: 'dydd Mawrth' },
  3: { radical: 'dydd Mercher', soft: 'ddydd Mercher', nasal: 'nydd Mercher', aspirate: 'dydd Mercher' },
  4: { radical: 'dydd Iau', soft: 'ddydd Iau', nasal: 'nydd Iau', aspirate: 'dydd Iau' },
  5: { radical: 'dydd Gwener', soft: 'ddydd Gwener', nasal: 'nydd Gwener', aspirate: 'dydd Gwener' },
  6: { radical: 'dydd Sadwrn', soft: 'ddydd Sadwrn', nasal: 'nydd Sadwrn', aspirate: 'dydd Sadwrn' },
  7: { radical: 'dydd Sul', soft: 'ddydd Sul', nasal: 'nydd Sul', aspirate: 'dydd Sul' },
};
