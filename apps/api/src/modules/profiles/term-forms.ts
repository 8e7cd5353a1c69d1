import { unmutated, type WelshForms } from '../../core/i18n/welsh';
import type { ArtFormCode, ConditionCode, RegionCode, SupportCode } from './taxonomy-data';

/**
 * Every taxonomy term as it reads inside a Welsh sentence, in its four forms (docs/welsh-grammar.md):
 * common nouns in lower case ("clefyd Parkinson"), health boards as the proper names they are. Only
 * a term's first word mutates; a proper name inside it never does ("ym Mwrdd Iechyd Prifysgol Betsi
 * Cadwaladr"). Written by hand, not by rule: loanwords and acronyms behave in their own ways.
 * term-forms.spec.ts fails when a term of taxonomy-data.ts has no forms here, or a form breaks the
 * mutation table.
 */
export const TERM_FORMS_CY: Readonly<Record<ConditionCode | ArtFormCode | RegionCode | SupportCode, WelshForms>> = {
  // Conditions
  parkinsons: {
    radical: 'clefyd Parkinson',
    soft: 'glefyd Parkinson',
    nasal: 'nghlefyd Parkinson',
    aspirate: 'chlefyd Parkinson',
  },
  dementia: { radical: 'dementia', soft: 'ddementia', nasal: 'nementia', aspirate: 'dementia' },
  'lung-health-copd': unmutated('iechyd yr ysgyfaint a COPD'),
  'mental-health': unmutated('iechyd meddwl a llesiant'),
  'chronic-pain': { radical: 'poen cronig', soft: 'boen cronig', nasal: 'mhoen cronig', aspirate: 'phoen cronig' },
  stroke: unmutated('strôc'),
  cancer: { radical: 'canser', soft: 'ganser', nasal: 'nghanser', aspirate: 'chanser' },
  'long-covid': unmutated('COVID hir'),
  diabetes: { radical: 'diabetes', soft: 'ddiabetes', nasal: 'niabetes', aspirate: 'diabetes' },
  'loneliness-isolation': unmutated('unigrwydd ac ynysigrwydd cymdeithasol'),
  'learning-disability': unmutated('anabledd dysgu'),
  'post-discharge-rehabilitation': unmutated('adsefydlu ar ôl gadael yr ysbyty'),
  autism: unmutated('awtistiaeth'),
  'heart-health': unmutated('iechyd y galon'),
  'frailty-falls': unmutated('eiddilwch a chwympiadau'),
  'perinatal-mental-health': unmutated('iechyd meddwl amenedigol'),
  'substance-misuse': {
    radical: 'camddefnyddio sylweddau',
    soft: 'gamddefnyddio sylweddau',
    nasal: 'nghamddefnyddio sylweddau',
    aspirate: 'chamddefnyddio sylweddau',
  },
  'sensory-loss': {
    radical: 'colli golwg a chlyw',
    soft: 'golli golwg a chlyw',
    nasal: 'ngholli golwg a chlyw',
    aspirate: 'cholli golwg a chlyw',
  },
  // Art forms
  dance: { radical: 'dawns', soft: 'ddawns', nasal: 'nawns', aspirate: 'dawns' },
  'singing-music': {
    radical: 'canu a cherddoriaeth',
    soft: 'ganu a cherddoriaeth',
    nasal: 'nghanu a cherddoriaeth',
    aspirate: 'chanu a cherddoriaeth',
  },
  'visual-art': { radical: 'celf weledol', soft: 'gelf weledol', nasal: 'nghelf weledol', aspirate: 'chelf weledol' },
  'creative-writing': unmutated('ysgrifennu creadigol'),
  'theatre-drama': unmutated('theatr a drama'),
  crafts: { radical: 'crefftau', soft: 'grefftau', nasal: 'nghrefftau', aspirate: 'chrefftau' },
  'photography-film': unmutated('ffotograffiaeth a ffilm'),
  circus: unmutated('syrcas'),
  storytelling: unmutated('adrodd straeon'),
  'digital-art': {
    radical: 'celf ddigidol',
    soft: 'gelf ddigidol',
    nasal: 'nghelf ddigidol',
    aspirate: 'chelf ddigidol',
  },
  'gardening-nature-arts': {
    radical: 'garddio a chelfyddydau byd natur',
    soft: 'arddio a chelfyddydau byd natur',
    nasal: 'ngarddio a chelfyddydau byd natur',
    aspirate: 'garddio a chelfyddydau byd natur',
  },
  'heritage-museums': {
    radical: 'treftadaeth ac amgueddfeydd',
    soft: 'dreftadaeth ac amgueddfeydd',
    nasal: 'nhreftadaeth ac amgueddfeydd',
    aspirate: 'threftadaeth ac amgueddfeydd',
  },
  // Health boards: "Bwrdd" mutates, the rest of the name does not.
  'betsi-cadwaladr': healthBoard('Iechyd Prifysgol Betsi Cadwaladr'),
  powys: healthBoard('Iechyd Addysgu Powys'),
  'hywel-dda': healthBoard('Iechyd Prifysgol Hywel Dda'),
  'swansea-bay': healthBoard('Iechyd Prifysgol Bae Abertawe'),
  'cwm-taf-morgannwg': healthBoard('Iechyd Prifysgol Cwm Taf Morgannwg'),
  'cardiff-and-vale': healthBoard("Iechyd Prifysgol Caerdydd a'r Fro"),
  'aneurin-bevan': healthBoard('Iechyd Prifysgol Aneurin Bevan'),
  // Support
  evaluation: {
    radical: 'gwerthuso ac asesu effaith',
    soft: 'werthuso ac asesu effaith',
    nasal: 'ngwerthuso ac asesu effaith',
    aspirate: 'gwerthuso ac asesu effaith',
  },
  evidence: {
    radical: 'tystiolaeth ac ymchwil',
    soft: 'dystiolaeth ac ymchwil',
    nasal: 'nhystiolaeth ac ymchwil',
    aspirate: 'thystiolaeth ac ymchwil',
  },
  funding: {
    radical: 'cyllid a cheisiadau am grantiau',
    soft: 'gyllid a cheisiadau am grantiau',
    nasal: 'nghyllid a cheisiadau am grantiau',
    aspirate: 'chyllid a cheisiadau am grantiau',
  },
  'referral-routes': {
    radical: 'llwybrau atgyfeirio',
    soft: 'lwybrau atgyfeirio',
    nasal: 'llwybrau atgyfeirio',
    aspirate: 'llwybrau atgyfeirio',
  },
  commissioning: {
    radical: 'comisiynu gwasanaethau',
    soft: 'gomisiynu gwasanaethau',
    nasal: 'nghomisiynu gwasanaethau',
    aspirate: 'chomisiynu gwasanaethau',
  },
  pilots: {
    radical: 'cynlluniau peilot',
    soft: 'gynlluniau peilot',
    nasal: 'nghynlluniau peilot',
    aspirate: 'chynlluniau peilot',
  },
  venues: {
    radical: 'lleoliadau a gofod',
    soft: 'leoliadau a gofod',
    nasal: 'lleoliadau a gofod',
    aspirate: 'lleoliadau a gofod',
  },
  training: unmutated('hyfforddiant'),
  safeguarding: { radical: 'diogelu', soft: 'ddiogelu', nasal: 'niogelu', aspirate: 'diogelu' },
  participants: {
    radical: 'cyrraedd cyfranogwyr',
    soft: 'gyrraedd cyfranogwyr',
    nasal: 'nghyrraedd cyfranogwyr',
    aspirate: 'chyrraedd cyfranogwyr',
  },
  partnerships: {
    radical: 'partneriaethau',
    soft: 'bartneriaethau',
    nasal: 'mhartneriaethau',
    aspirate: 'phartneriaethau',
  },
  'welsh-language-delivery': {
    radical: 'darparu drwy’r Gymraeg',
    soft: 'ddarparu drwy’r Gymraeg',
    nasal: 'narparu drwy’r Gymraeg',
    aspirate: 'darparu drwy’r Gymraeg',
  },
};

/** "Bwrdd …": fwrdd after "o", "i", "ar" (soft), mwrdd after "yn" (nasal, which makes it "ym"). */
function healthBoard(rest: string): WelshForms {
  return { radical: `Bwrdd ${rest}`, soft: `Fwrdd ${rest}`, nasal: `Mwrdd ${rest}`, aspirate: `Bwrdd ${rest}` };
}

/** A term's Welsh forms by its code; a code not in the catalogue reads as its name, unmutated. */
export function termFormsCy(code: string, name: string): WelshForms {
  return (TERM_FORMS_CY as Record<string, WelshForms>)[code] ?? unmutated(name);
}
