import { createHash } from 'node:crypto';
import { Vocabulary } from './profiles.enums';

/**
 * The reference vocabularies, bilingual, with stable codes. Codes are the only thing other data
 * stores (profiles, session conditions, regions); names may be corrected later without touching
 * that data. Order here is the display order (sort_order).
 *
 * The seed migration (1763900000100-seed-taxonomies) inserts these; the demo seed and tests may
 * import the code constants below instead of repeating strings.
 */
export interface TermSeed {
  readonly code: string;
  readonly nameCy: string;
  readonly nameEn: string;
}

export const CONDITIONS = [
  { code: 'parkinsons', nameCy: 'Clefyd Parkinson', nameEn: "Parkinson's" },
  { code: 'dementia', nameCy: 'Dementia', nameEn: 'Dementia' },
  { code: 'lung-health-copd', nameCy: 'Iechyd yr ysgyfaint a COPD', nameEn: 'Lung health and COPD' },
  { code: 'mental-health', nameCy: 'Iechyd meddwl a llesiant', nameEn: 'Mental health and wellbeing' },
  { code: 'chronic-pain', nameCy: 'Poen cronig', nameEn: 'Chronic pain' },
  { code: 'stroke', nameCy: 'Strôc', nameEn: 'Stroke' },
  { code: 'cancer', nameCy: 'Canser', nameEn: 'Cancer' },
  { code: 'long-covid', nameCy: 'COVID hir', nameEn: 'Long COVID' },
  { code: 'diabetes', nameCy: 'Diabetes', nameEn: 'Diabetes' },
  {
    code: 'loneliness-isolation',
    nameCy: 'Unigrwydd ac ynysigrwydd cymdeithasol',
    nameEn: 'Loneliness and social isolation',
  },
  { code: 'learning-disability', nameCy: 'Anabledd dysgu', nameEn: 'Learning disability' },
  {
    code: 'post-discharge-rehabilitation',
    nameCy: 'Adsefydlu ar ôl gadael yr ysbyty',
    nameEn: 'Rehabilitation after hospital discharge',
  },
  { code: 'autism', nameCy: 'Awtistiaeth', nameEn: 'Autism' },
  { code: 'heart-health', nameCy: 'Iechyd y galon', nameEn: 'Heart health' },
  { code: 'frailty-falls', nameCy: 'Eiddilwch a chwympiadau', nameEn: 'Frailty and falls' },
  { code: 'perinatal-mental-health', nameCy: 'Iechyd meddwl amenedigol', nameEn: 'Perinatal mental health' },
  { code: 'substance-misuse', nameCy: 'Camddefnyddio sylweddau', nameEn: 'Substance misuse' },
  { code: 'sensory-loss', nameCy: 'Colli golwg a chlyw', nameEn: 'Sight and hearing loss' },
] as const satisfies readonly TermSeed[];

export const ART_FORMS = [
  { code: 'dance', nameCy: 'Dawns', nameEn: 'Dance' },
  { code: 'singing-music', nameCy: 'Canu a cherddoriaeth', nameEn: 'Singing and music' },
  { code: 'visual-art', nameCy: 'Celf weledol', nameEn: 'Visual art' },
  { code: 'creative-writing', nameCy: 'Ysgrifennu creadigol', nameEn: 'Creative writing' },
  { code: 'theatre-drama', nameCy: 'Theatr a drama', nameEn: 'Theatre and drama' },
  { code: 'crafts', nameCy: 'Crefftau', nameEn: 'Crafts' },
  { code: 'photography-film', nameCy: 'Ffotograffiaeth a ffilm', nameEn: 'Photography and film' },
  { code: 'circus', nameCy: 'Syrcas', nameEn: 'Circus' },
  { code: 'storytelling', nameCy: 'Adrodd straeon', nameEn: 'Storytelling' },
  { code: 'digital-art', nameCy: 'Celf ddigidol', nameEn: 'Digital art' },
  {
    code: 'gardening-nature-arts',
    nameCy: 'Garddio a chelfyddydau byd natur',
    nameEn: 'Gardening and nature-based arts',
  },
  { code: 'heritage-museums', nameCy: 'Treftadaeth ac amgueddfeydd', nameEn: 'Heritage and museums' },
] as const satisfies readonly TermSeed[];

/** The seven local health boards of NHS Wales, by their official names. */
export const REGIONS = [
  {
    code: 'betsi-cadwaladr',
    nameCy: 'Bwrdd Iechyd Prifysgol Betsi Cadwaladr',
    nameEn: 'Betsi Cadwaladr University Health Board',
  },
  { code: 'powys', nameCy: 'Bwrdd Iechyd Addysgu Powys', nameEn: 'Powys Teaching Health Board' },
  { code: 'hywel-dda', nameCy: 'Bwrdd Iechyd Prifysgol Hywel Dda', nameEn: 'Hywel Dda University Health Board' },
  { code: 'swansea-bay', nameCy: 'Bwrdd Iechyd Prifysgol Bae Abertawe', nameEn: 'Swansea Bay University Health Board' },
  {
    code: 'cwm-taf-morgannwg',
    nameCy: 'Bwrdd Iechyd Prifysgol Cwm Taf Morgannwg',
    nameEn: 'Cwm Taf Morgannwg University Health Board',
  },
  {
    code: 'cardiff-and-vale',
    nameCy: "Bwrdd Iechyd Prifysgol Caerdydd a'r Fro",
    nameEn: 'Cardiff and Vale University Health Board',
  },
  {
    code: 'aneurin-bevan',
    nameCy: 'Bwrdd Iechyd Prifysgol Aneurin Bevan',
    nameEn: 'Aneurin Bevan University Health Board',
  },
] as const satisfies readonly TermSeed[];

/**
 * Support people offer or need, so that matching can say "needs evaluation support that you
 * offer". Free-text offers and needs stay on the profile for the detail.
 */
export const SUPPORTS = [
  { code: 'evaluation', nameCy: 'Gwerthuso ac asesu effaith', nameEn: 'Evaluation and impact measurement' },
  { code: 'evidence', nameCy: 'Tystiolaeth ac ymchwil', nameEn: 'Evidence and research' },
  { code: 'funding', nameCy: 'Cyllid a cheisiadau am grantiau', nameEn: 'Funding and grant bids' },
  { code: 'referral-routes', nameCy: 'Llwybrau atgyfeirio', nameEn: 'Referral routes' },
  { code: 'commissioning', nameCy: 'Comisiynu gwasanaethau', nameEn: 'Commissioning services' },
  { code: 'pilots', nameCy: 'Cynlluniau peilot', nameEn: 'Pilot projects' },
  { code: 'venues', nameCy: 'Lleoliadau a gofod', nameEn: 'Venues and space' },
  { code: 'training', nameCy: 'Hyfforddiant', nameEn: 'Training' },
  { code: 'safeguarding', nameCy: 'Diogelu', nameEn: 'Safeguarding' },
  { code: 'participants', nameCy: 'Cyrraedd cyfranogwyr', nameEn: 'Reaching participants' },
  { code: 'partnerships', nameCy: 'Partneriaethau', nameEn: 'Partnerships' },
  { code: 'welsh-language-delivery', nameCy: 'Darparu drwy’r Gymraeg', nameEn: 'Welsh-language delivery' },
] as const satisfies readonly TermSeed[];

export type ConditionCode = (typeof CONDITIONS)[number]['code'];
export type ArtFormCode = (typeof ART_FORMS)[number]['code'];
export type RegionCode = (typeof REGIONS)[number]['code'];
export type SupportCode = (typeof SUPPORTS)[number]['code'];

export const TAXONOMY: Readonly<Record<Vocabulary, readonly TermSeed[]>> = {
  [Vocabulary.CONDITION]: CONDITIONS,
  [Vocabulary.ART_FORM]: ART_FORMS,
  [Vocabulary.REGION]: REGIONS,
  [Vocabulary.SUPPORT]: SUPPORTS,
};

/**
 * A term's id, derived from its vocabulary and code (UUID-shaped, name-based like v5), so that every
 * database — and the demo seed — gives a term the same id.
 */
export function taxonomyTermId(vocabulary: Vocabulary, code: string): string {
  return nameBasedUuid(`cyswllt:taxonomy:${vocabulary}:${code}`);
}

/** A UUID-shaped id derived from a name (SHA-1, version 5 layout): the same name, the same id. */
export function nameBasedUuid(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Every seeded term as a row of taxonomy_terms. */
export function taxonomyRows(): {
  id: string;
  vocabulary: Vocabulary;
  code: string;
  nameCy: string;
  nameEn: string;
  sortOrder: number;
}[] {
  return (Object.keys(TAXONOMY) as Vocabulary[]).flatMap((vocabulary) =>
    TAXONOMY[vocabulary].map((term, index) => ({
      id: taxonomyTermId(vocabulary, term.code),
      vocabulary,
      code: term.code,
      nameCy: term.nameCy,
      nameEn: term.nameEn,
      sortOrder: (index + 1) * 10,
    })),
  );
}
