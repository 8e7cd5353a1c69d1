import { OrganisationKind } from '../modules/accounts/accounts.enums';
import { Language, Role } from '../core/auth/role';
import { DeliveryLanguage, SessionTheme } from '../modules/events/events.enums';
import { DirectoryDelivery, ProjectTerm, WelshAbility } from '../modules/profiles/profiles.enums';
import type { ArtFormCode, ConditionCode, RegionCode } from '../modules/profiles/taxonomy-data';

/**
 * The demo data set seeded by `npm start` (see demo-seed.ts): fictional people and groups, with
 * Wales's real health-board regions and taxonomy codes. Everything here is declarative; the seed
 * turns it into calls on the modules' services. People are referred to by a short key.
 */

/** Every demo account signs in with this password (printed at first start, documented in README.md). */
export const DEMO_PASSWORD = 'cyswllt-demo-2027';

/** Addresses use the reserved `.example` top-level domain, so no mail can ever reach anyone. */
export const DEMO_EMAIL_DOMAIN = 'cyswllt.example';

export interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
}

export interface DemoProfile {
  conditions: ConditionCode[];
  artForms: ArtFormCode[];
  regions: RegionCode[];
  welshAbility: WelshAbility;
  offers: string;
  needs: string;
  evidenceApproach?: string;
  projectTerm?: ProjectTerm;
  inclusiveSpace?: boolean;
  referralCapacityPerMonth?: number;
  /** Practitioners listed in the public referral directory (Open Referral UK feed). */
  directoryListed?: boolean;
  directoryServiceName?: string;
  directoryDescription?: string;
  directoryDelivery?: DirectoryDelivery;
  directoryTown?: string;
  directoryWebsite?: string;
  directoryEmail?: string;
}

export interface DemoPerson {
  key: string;
  displayName: string;
  /** Local part; the address is `${email}@${DEMO_EMAIL_DOMAIN}`. */
  email: string;
  role: Role;
  language: Language;
  organisation?: string;
  profile?: DemoProfile;
}

export interface DemoOffer {
  host: string;
  slots: number[];
  /** 1 = one-to-one; more = a group consultation. */
  seats?: number;
}

export interface DemoSession {
  key: string;
  organiser: string;
  titleCy: string;
  titleEn: string;
  descriptionCy: string;
  descriptionEn: string;
  theme: SessionTheme;
  conditions: ConditionCode[];
  deliveryLanguage: DeliveryLanguage;
  region: RegionCode | null;
  /** Days after the seed's "today" (Europe/London), and the wall-clock start there. */
  dayOffset: number;
  startHour: number;
  startMinute?: number;
  durationMinutes: number;
  slotMinutes: number;
  breakSlotIndexes: number[];
  /** HOST registrations with the slots they offer. */
  offers: DemoOffer[];
  /** GUEST registrations; `available` omitted means every slot. */
  guests: { person: string; available?: number[] }[];
  /** A guest books a host's offered slot. */
  bookings: { guest: string; host: string; slot: number }[];
  /** Meeting requests; `accept` makes the receiver accept into the earliest mutual slot. */
  requests: { from: string; to: string; thirdParty?: string; message: string; accept?: boolean }[];
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { key: 'cyswllt', name: 'Tîm Cyswllt / Cyswllt team', kind: OrganisationKind.THIRD_SECTOR },
  // Arts organisations
  { key: 'dawns-dyfi', name: 'Cwmni Dawns Dyfi / Dyfi Dance Company', kind: OrganisationKind.ARTS_ORGANISATION },
  { key: 'theatr-glannau', name: 'Theatr y Glannau / Shoreline Theatre', kind: OrganisationKind.ARTS_ORGANISATION },
  { key: 'oriel-bont', name: 'Oriel y Bont / Bridge Gallery', kind: OrganisationKind.ARTS_ORGANISATION },
  { key: 'sain-cymoedd', name: 'Sain y Cymoedd / Valleys Sound', kind: OrganisationKind.ARTS_ORGANISATION },
  // Community arts groups
  { key: 'cor-anadl', name: 'Côr Anadl Llanelli / Llanelli Breath Choir', kind: OrganisationKind.COMMUNITY_ARTS_GROUP },
  {
    key: 'crefftwyr-wrecsam',
    name: 'Crefftwyr Cymunedol Wrecsam / Wrexham Community Makers',
    kind: OrganisationKind.COMMUNITY_ARTS_GROUP,
  },
  {
    key: 'gardd-penarth',
    name: 'Gardd Greadigol Penarth / Penarth Creative Garden',
    kind: OrganisationKind.COMMUNITY_ARTS_GROUP,
  },
  { key: 'straeon-stryd', name: 'Straeon y Stryd / Street Stories', kind: OrganisationKind.COMMUNITY_ARTS_GROUP },
  // Commissioners
  {
    key: 'bip-hywel-dda',
    name: 'Bwrdd Iechyd Prifysgol Hywel Dda / Hywel Dda University Health Board',
    kind: OrganisationKind.HEALTH_BOARD,
  },
  {
    key: 'bip-caerdydd',
    name: "Bwrdd Iechyd Prifysgol Caerdydd a'r Fro / Cardiff and Vale University Health Board",
    kind: OrganisationKind.HEALTH_BOARD,
  },
  {
    key: 'bip-betsi',
    name: 'Bwrdd Iechyd Prifysgol Betsi Cadwaladr / Betsi Cadwaladr University Health Board',
    kind: OrganisationKind.HEALTH_BOARD,
  },
  {
    key: 'bip-bae-abertawe',
    name: 'Bwrdd Iechyd Prifysgol Bae Abertawe / Swansea Bay University Health Board',
    kind: OrganisationKind.HEALTH_BOARD,
  },
  { key: 'cyngor-powys', name: 'Cyngor Sir Powys / Powys County Council', kind: OrganisationKind.LOCAL_AUTHORITY },
  {
    key: 'cyngor-rct',
    name: 'Cyngor Rhondda Cynon Taf / Rhondda Cynon Taf Council',
    kind: OrganisationKind.LOCAL_AUTHORITY,
  },
  {
    key: 'cronfa-cymoedd',
    name: 'Cronfa Celf ac Iechyd y Cymoedd / Valleys Arts and Health Fund',
    kind: OrganisationKind.FUNDER,
  },
  // Link workers' organisations
  {
    key: 'clwstwr-arfon',
    name: 'Clwstwr Gofal Sylfaenol Arfon / Arfon Primary Care Cluster',
    kind: OrganisationKind.GP_CLUSTER,
  },
  {
    key: 'clwstwr-de-caerdydd',
    name: 'Clwstwr Gofal Sylfaenol De Caerdydd / South Cardiff Primary Care Cluster',
    kind: OrganisationKind.GP_CLUSTER,
  },
  {
    key: 'clwstwr-merthyr',
    name: 'Clwstwr Gofal Sylfaenol Merthyr Tudful / Merthyr Tydfil Primary Care Cluster',
    kind: OrganisationKind.GP_CLUSTER,
  },
  {
    key: 'cysylltwyr-ceredigion',
    name: 'Cysylltwyr Cymunedol Ceredigion / Ceredigion Community Connectors',
    kind: OrganisationKind.THIRD_SECTOR,
  },
  {
    key: 'rhwydwaith-gwent',
    name: 'Rhwydwaith Llesiant Gwent / Gwent Wellbeing Network',
    kind: OrganisationKind.THIRD_SECTOR,
  },
];

const { PRACTITIONER, COMMISSIONER, LINK_WORKER, ORGANISER, ADMIN, INTERPRETER } = Role;
const { cy, en } = Language;
const { NONE, LEARNER, CONVERSATIONAL, FLUENT } = WelshAbility;

export const DEMO_PEOPLE: DemoPerson[] = [
  // Organisers and the admin
  {
    key: 'siwan',
    displayName: 'Siwan Pugh',
    email: 'siwan.pugh',
    role: ORGANISER,
    language: cy,
    organisation: 'cyswllt',
  },
  {
    key: 'rhys',
    displayName: 'Rhys Meredith',
    email: 'rhys.meredith',
    role: ORGANISER,
    language: en,
    organisation: 'cyswllt',
  },
  {
    key: 'carys',
    displayName: 'Carys Lloyd',
    email: 'carys.lloyd',
    role: ADMIN,
    language: cy,
    organisation: 'cyswllt',
  },

  // Practitioners: artists, arts organisations and community arts groups
  {
    key: 'ffion',
    displayName: 'Ffion Prydderch',
    email: 'ffion.prydderch',
    role: PRACTITIONER,
    language: cy,
    organisation: 'dawns-dyfi',
    profile: {
      conditions: ['parkinsons', 'dementia', 'frailty-falls'],
      artForms: ['dance'],
      regions: ['powys', 'hywel-dda', 'betsi-cadwaladr'],
      welshAbility: FLUENT,
      offers:
        "Dosbarthiadau dawns wythnosol i bobl sy'n byw gyda Parkinson's a'u partneriaid, yn Gymraeg ac yn Saesneg.",
      needs: 'Atgyfeiriadau gan ffisiotherapyddion a chyllid ar gyfer ail flwyddyn.',
      evidenceApproach:
        'Gwerthuso gydag arolygon cyn ac ar ôl, a mesur cydbwysedd (Timed Up and Go) gyda physiotherapyddion.',
      projectTerm: ProjectTerm.LONG,
      directoryListed: true,
      directoryServiceName: "Dawns i Parkinson's / Dance for Parkinson's",
      directoryDelivery: DirectoryDelivery.BOTH,
      directoryTown: 'Machynlleth',
      directoryDescription:
        "Dosbarthiadau dawns wythnosol, yn Gymraeg ac yn Saesneg. Weekly dance classes for people living with Parkinson's and their partners.",
      directoryWebsite: 'https://dawnsdyfi.example',
    },
  },
  {
    key: 'gareth',
    displayName: 'Gareth Llywelyn',
    email: 'gareth.llywelyn',
    role: PRACTITIONER,
    language: cy,
    organisation: 'dawns-dyfi',
    profile: {
      conditions: ['parkinsons', 'stroke'],
      artForms: ['dance', 'theatre-drama'],
      regions: ['powys', 'hywel-dda'],
      welshAbility: CONVERSATIONAL,
      offers:
        'Artistic director: co-designing movement programmes with neurology teams; happy to mentor other dance artists.',
      needs: 'A health-board partner to host a pilot in a community hospital.',
      projectTerm: ProjectTerm.EITHER,
    },
  },
  {
    key: 'sioned',
    displayName: 'Sioned Bowen',
    email: 'sioned.bowen',
    role: PRACTITIONER,
    language: en,
    profile: {
      conditions: ['parkinsons', 'stroke', 'post-discharge-rehabilitation'],
      artForms: ['dance'],
      regions: ['cardiff-and-vale'],
      welshAbility: LEARNER,
      offers: 'Freelance dance artist: seated and standing sessions after stroke and hospital discharge.',
      needs: 'Space in community venues in Cardiff; links with discharge teams.',
      projectTerm: ProjectTerm.SHORT,
    },
  },
  {
    key: 'tom',
    displayName: 'Tom Harries',
    email: 'tom.harries',
    role: PRACTITIONER,
    language: en,
    profile: {
      conditions: ['parkinsons', 'frailty-falls'],
      artForms: ['dance', 'singing-music'],
      regions: ['aneurin-bevan'],
      welshAbility: NONE,
      offers: 'Dance-for-health sessions for falls prevention, with live music.',
      needs: 'Referral routes from GP clusters in Gwent.',
      projectTerm: ProjectTerm.LONG,
    },
  },
  {
    key: 'priya',
    displayName: 'Priya Shah',
    email: 'priya.shah',
    role: PRACTITIONER,
    language: en,
    profile: {
      conditions: ['heart-health', 'diabetes', 'parkinsons'],
      artForms: ['dance'],
      regions: ['cardiff-and-vale', 'aneurin-bevan'],
      welshAbility: NONE,
      offers: 'Kathak and Bollywood dance classes for South Asian women managing diabetes and heart conditions.',
      needs: 'Culturally specific referral partners and evaluation support.',
      projectTerm: ProjectTerm.EITHER,
      inclusiveSpace: true,
      directoryListed: true,
      directoryServiceName: 'Kathak for heart health',
      directoryDelivery: DirectoryDelivery.ONLINE,
      directoryDescription: 'Kathak and Bollywood dance for South Asian women managing diabetes and heart conditions.',
      directoryEmail: 'priya.dance@cyswllt.example',
    },
  },
  {
    key: 'elin',
    displayName: 'Elin Cadwaladr',
    email: 'elin.cadwaladr',
    role: PRACTITIONER,
    language: cy,
    organisation: 'cor-anadl',
    profile: {
      conditions: ['lung-health-copd', 'long-covid'],
      artForms: ['singing-music'],
      regions: ['hywel-dda'],
      welshAbility: FLUENT,
      offers: "Côr wythnosol i bobl â COPD a COVID hir; ymarferion anadlu wedi'u cynllunio gyda therapyddion anadlol.",
      needs: 'Cysylltiadau â thimau adsefydlu ysgyfeiniol a lle i ymarfer yn Llanelli.',
      evidenceApproach: 'Holiadur COPD Assessment Test (CAT) bob chwarter, gyda chaniatâd.',
      projectTerm: ProjectTerm.LONG,
      inclusiveSpace: true,
      directoryListed: true,
      directoryServiceName: 'Côr Anadl: canu i’r ysgyfaint / singing for lung health',
      directoryDelivery: DirectoryDelivery.IN_PERSON,
      directoryTown: 'Llanelli',
      directoryDescription:
        'Côr wythnosol i bobl â COPD a COVID hir. A weekly choir for people with COPD and long COVID.',
      directoryEmail: 'cor.anadl@cyswllt.example',
    },
  },
  {
    key: 'rhodri',
    displayName: 'Rhodri ap Dafydd',
    email: 'rhodri.apdafydd',
    role: PRACTITIONER,
    language: cy,
    organisation: 'sain-cymoedd',
    profile: {
      conditions: ['lung-health-copd', 'mental-health'],
      artForms: ['singing-music'],
      regions: ['cwm-taf-morgannwg'],
      welshAbility: FLUENT,
      offers: "Cerddor a hwylusydd canu; gweithdai 'Canu i'r Ysgyfaint' mewn canolfannau cymunedol.",
      needs: 'Cyllid i hyfforddi arweinwyr côr lleol.',
      projectTerm: ProjectTerm.EITHER,
    },
  },
  {
    key: 'megan',
    displayName: 'Megan Pritchard',
    email: 'megan.pritchard',
    role: PRACTITIONER,
    language: en,
    profile: {
      conditions: ['lung-health-copd', 'long-covid'],
      artForms: ['singing-music'],
      regions: ['swansea-bay'],
      welshAbility: LEARNER,
      offers: 'Online and in-person singing for breathlessness; trained with a national lung charity programme.',
      needs: 'A pulmonary rehabilitation team to co-deliver a 10-week course.',
      projectTerm: ProjectTerm.SHORT,
    },
  },
  {
    key: 'aled',
    displayName: 'Aled Morgan',
    email: 'aled.morgan',
    role: PRACTITIONER,
    language: en,
    organisation: 'sain-cymoedd',
    profile: {
      conditions: ['dementia', 'loneliness-isolation'],
      artForms: ['singing-music', 'digital-art'],
      regions: ['cwm-taf-morgannwg', 'aneurin-bevan'],
      welshAbility: CONVERSATIONAL,
      offers: 'Music-and-memory playlists and intergenerational music projects in care homes.',
      needs: 'Commissioning for care-home work beyond short pilots.',
      projectTerm: ProjectTerm.LONG,
    },
  },
  {
    key: 'catrin',
    displayName: 'Catrin Hughes',
    email: 'catrin.hughes',
    role: PRACTITIONER,
    language: cy,
    organisation: 'oriel-bont',
    profile: {
      conditions: ['mental-health', 'chronic-pain'],
      artForms: ['visual-art', 'crafts'],
      regions: ['betsi-cadwaladr'],
      welshAbility: FLUENT,
      offers: 'Cyrsiau celf weledol 8 wythnos i bobl sy’n byw gyda phoen cronig, yn yr oriel ac ar-lein.',
      needs: 'Atgyfeiriadau gan wasanaethau rheoli poen.',
      projectTerm: ProjectTerm.SHORT,
      inclusiveSpace: true,
    },
  },
  {
    key: 'jamie',
    displayName: 'Jamie Price',
    email: 'jamie.price',
    role: PRACTITIONER,
    language: en,
    organisation: 'theatr-glannau',
    profile: {
      conditions: ['mental-health', 'substance-misuse'],
      artForms: ['theatre-drama', 'creative-writing'],
      regions: ['swansea-bay'],
      welshAbility: NONE,
      offers: 'Drama groups for people in recovery, leading to a public performance.',
      needs: 'Partnership with substance-misuse services; long-term funding.',
      projectTerm: ProjectTerm.LONG,
    },
  },
  {
    key: 'nia',
    displayName: 'Nia Vaughan',
    email: 'nia.vaughan',
    role: PRACTITIONER,
    language: cy,
    organisation: 'theatr-glannau',
    profile: {
      conditions: ['dementia'],
      artForms: ['theatre-drama', 'storytelling'],
      regions: ['swansea-bay', 'hywel-dda'],
      welshAbility: CONVERSATIONAL,
      offers: 'Theatr hel atgofion i bobl â dementia a’u gofalwyr.',
      needs: 'Cysylltiadau â thimau cof y byrddau iechyd.',
      projectTerm: ProjectTerm.EITHER,
    },
  },
  {
    key: 'owain',
    displayName: 'Owain Jenkins',
    email: 'owain.jenkins',
    role: PRACTITIONER,
    language: en,
    profile: {
      conditions: ['loneliness-isolation', 'mental-health'],
      artForms: ['photography-film'],
      regions: ['powys'],
      welshAbility: LEARNER,
      offers: 'Photography walks for isolated older people in rural Powys.',
      needs: 'Transport funding and social-prescribing referrals.',
      projectTerm: ProjectTerm.SHORT,
      inclusiveSpace: true,
    },
  },
  {
    key: 'lowri',
    displayName: 'Lowri Tudur',
    email: 'lowri.tudur',
    role: PRACTITIONER,
    language: cy,
    organisation: 'crefftwyr-wrecsam',
    profile: {
      conditions: ['learning-disability', 'loneliness-isolation'],
      artForms: ['crafts', 'visual-art'],
      regions: ['betsi-cadwaladr'],
      welshAbility: LEARNER,
      offers: 'Gweithdai crefft wythnosol mewn gofod cymunedol croesawgar yn Wrecsam.',
      needs: 'Gwirfoddolwyr a chyllid ar gyfer deunyddiau.',
      projectTerm: ProjectTerm.LONG,
      inclusiveSpace: true,
    },
  },
  {
    key: 'sam',
    displayName: 'Sam Okafor',
    email: 'sam.okafor',
    role: PRACTITIONER,
    language: en,
    profile: {
      conditions: ['autism', 'learning-disability'],
      artForms: ['digital-art', 'photography-film'],
      regions: ['cardiff-and-vale'],
      welshAbility: NONE,
      offers: 'Game-design and animation clubs for autistic young adults.',
      needs: 'A venue partner and referrals from transition services.',
      projectTerm: ProjectTerm.EITHER,
      inclusiveSpace: true,
    },
  },
  {
    key: 'bethan',
    displayName: 'Bethan Rees',
    email: 'bethan.rees',
    role: PRACTITIONER,
    language: en,
    organisation: 'gardd-penarth',
    profile: {
      conditions: ['mental-health', 'post-discharge-rehabilitation'],
      artForms: ['gardening-nature-arts', 'crafts'],
      regions: ['cardiff-and-vale'],
      welshAbility: CONVERSATIONAL,
      offers: 'A community garden with creative sessions; peer advice on running an inclusive space.',
      needs: 'Referrals from discharge teams and a small capital grant.',
      projectTerm: ProjectTerm.LONG,
      inclusiveSpace: true,
    },
  },
  {
    key: 'dafydd',
    displayName: 'Dafydd Wyn',
    email: 'dafydd.wyn',
    role: PRACTITIONER,
    language: cy,
    organisation: 'straeon-stryd',
    profile: {
      conditions: ['dementia', 'loneliness-isolation'],
      artForms: ['storytelling', 'heritage-museums'],
      regions: ['swansea-bay', 'hywel-dda'],
      welshAbility: FLUENT,
      offers: 'Sesiynau adrodd straeon dwyieithog mewn cartrefi gofal a chanolfannau dydd.',
      needs: 'Partneriaid i ledaenu’r gwaith i Geredigion.',
      projectTerm: ProjectTerm.EITHER,
    },
  },
  {
    key: 'hannah',
    displayName: 'Hannah Lewis',
    email: 'hannah.lewis',
    role: PRACTITIONER,
    language: en,
    organisation: 'straeon-stryd',
    profile: {
      conditions: ['perinatal-mental-health', 'mental-health'],
      artForms: ['creative-writing', 'storytelling'],
      regions: ['swansea-bay'],
      welshAbility: NONE,
      offers: 'Creative-writing circles for new parents, with a crèche.',
      needs: 'Links with perinatal mental-health teams and health visitors.',
      projectTerm: ProjectTerm.SHORT,
      inclusiveSpace: true,
    },
  },
  {
    key: 'iwan',
    displayName: 'Iwan Parry',
    email: 'iwan.parry',
    role: PRACTITIONER,
    language: cy,
    profile: {
      conditions: ['learning-disability', 'autism'],
      artForms: ['circus'],
      regions: ['betsi-cadwaladr'],
      welshAbility: LEARNER,
      offers: 'Sgiliau syrcas i bobl ifanc ag anableddau dysgu: cydbwysedd, hyder a gwaith tîm.',
      needs: 'Neuadd ag uchder nenfwd digonol, a chyllid tymor hir.',
      projectTerm: ProjectTerm.LONG,
    },
  },
  {
    key: 'mari',
    displayName: 'Mari Elis',
    email: 'mari.elis',
    role: PRACTITIONER,
    language: cy,
    organisation: 'oriel-bont',
    profile: {
      conditions: ['dementia', 'sensory-loss'],
      artForms: ['heritage-museums', 'visual-art'],
      regions: ['betsi-cadwaladr', 'powys'],
      welshAbility: FLUENT,
      offers: "Sesiynau trin gwrthrychau amgueddfa, gyda disgrifiadau sain i bobl sydd wedi colli'u golwg.",
      needs: 'Cyllid i hyfforddi gwirfoddolwyr.',
      projectTerm: ProjectTerm.EITHER,
    },
  },

  // Commissioners: health boards, councils, a funder
  {
    key: 'angharad',
    displayName: 'Dr Angharad Roberts',
    email: 'angharad.roberts',
    role: COMMISSIONER,
    language: cy,
    organisation: 'bip-hywel-dda',
    profile: {
      conditions: ['parkinsons', 'lung-health-copd', 'dementia'],
      artForms: [],
      regions: ['hywel-dda'],
      welshAbility: FLUENT,
      offers: "Arweinydd celfyddydau ac iechyd: cyllid ar gyfer cynlluniau peilot 12 mis a chyswllt â'r tîm niwroleg.",
      needs: 'Artistiaid sy’n gallu gweithio’n Gymraeg yng nghefn gwlad, gyda thystiolaeth o ganlyniadau.',
      projectTerm: ProjectTerm.LONG,
    },
  },
  {
    key: 'mark',
    displayName: 'Mark Thomas',
    email: 'mark.thomas',
    role: COMMISSIONER,
    language: en,
    organisation: 'bip-caerdydd',
    profile: {
      conditions: ['parkinsons', 'stroke', 'mental-health'],
      artForms: [],
      regions: ['cardiff-and-vale'],
      welshAbility: NONE,
      offers: 'Arts for health and wellbeing programme: small grants and access to hospital spaces.',
      needs: 'Programmes that support people after discharge and reduce readmissions.',
      projectTerm: ProjectTerm.EITHER,
    },
  },
  {
    key: 'gwenllian',
    displayName: 'Gwenllian Jones',
    email: 'gwenllian.jones',
    role: COMMISSIONER,
    language: cy,
    organisation: 'bip-betsi',
    profile: {
      conditions: ['lung-health-copd', 'long-covid'],
      artForms: [],
      regions: ['betsi-cadwaladr'],
      welshAbility: FLUENT,
      offers: 'Rheolwr gwasanaeth adsefydlu ysgyfeiniol: lle i grwpiau canu yn ein rhaglen 8 wythnos.',
      needs: 'Hwyluswyr canu yn y Gogledd, yn Gymraeg yn ddelfrydol.',
      projectTerm: ProjectTerm.LONG,
    },
  },
  {
    key: 'rachel',
    displayName: 'Rachel Evans',
    email: 'rachel.evans',
    role: COMMISSIONER,
    language: en,
    organisation: 'cyngor-powys',
    profile: {
      conditions: ['loneliness-isolation', 'frailty-falls', 'parkinsons'],
      artForms: [],
      regions: ['powys'],
      welshAbility: LEARNER,
      offers: 'Council prevention fund for community activity in rural areas.',
      needs: 'Activities that reach people outside the market towns.',
      projectTerm: ProjectTerm.SHORT,
    },
  },
  {
    key: 'huw',
    displayName: 'Huw Griffiths',
    email: 'huw.griffiths',
    role: COMMISSIONER,
    language: cy,
    organisation: 'cyngor-rct',
    profile: {
      conditions: ['lung-health-copd', 'mental-health', 'loneliness-isolation'],
      artForms: [],
      regions: ['cwm-taf-morgannwg'],
      welshAbility: CONVERSATIONAL,
      offers: 'Community wellbeing grants and free use of council halls.',
      needs: 'Groups that can run year-round in the valleys.',
      projectTerm: ProjectTerm.LONG,
    },
  },
  {
    key: 'sarah',
    displayName: 'Sarah Mitchell',
    email: 'sarah.mitchell',
    role: COMMISSIONER,
    language: en,
    organisation: 'cronfa-cymoedd',
    profile: {
      conditions: [],
      artForms: [],
      regions: ['cwm-taf-morgannwg', 'aneurin-bevan', 'swansea-bay'],
      welshAbility: NONE,
      offers: 'Grants of £5,000–£30,000 for arts-and-health projects; open call every spring.',
      needs: 'Applicants with a health partner and a plan for evaluation.',
      projectTerm: ProjectTerm.EITHER,
    },
  },

  // Link workers (social prescribing)
  {
    key: 'llinos',
    displayName: 'Llinos Ifans',
    email: 'llinos.ifans',
    role: LINK_WORKER,
    language: cy,
    organisation: 'clwstwr-arfon',
    profile: {
      conditions: ['parkinsons', 'dementia', 'loneliness-isolation'],
      artForms: [],
      regions: ['betsi-cadwaladr'],
      welshAbility: FLUENT,
      offers: 'Gweithiwr cyswllt presgripsiynu cymdeithasol i bedair meddygfa yn Arfon.',
      needs: 'Gweithgareddau yn Gymraeg y gallaf atgyfeirio pobl iddyn nhw.',
      referralCapacityPerMonth: 25,
    },
  },
  {
    key: 'kieran',
    displayName: 'Kieran Walsh',
    email: 'kieran.walsh',
    role: LINK_WORKER,
    language: en,
    organisation: 'clwstwr-de-caerdydd',
    profile: {
      conditions: ['mental-health', 'parkinsons', 'diabetes'],
      artForms: [],
      regions: ['cardiff-and-vale'],
      welshAbility: NONE,
      offers: 'Social prescribing link worker for South Cardiff GP practices.',
      needs: 'Low-cost, drop-in creative activities near public transport.',
      referralCapacityPerMonth: 40,
    },
  },
  {
    key: 'eirlys',
    displayName: 'Eirlys Morris',
    email: 'eirlys.morris',
    role: LINK_WORKER,
    language: cy,
    organisation: 'cysylltwyr-ceredigion',
    profile: {
      conditions: ['lung-health-copd', 'loneliness-isolation', 'dementia'],
      artForms: [],
      regions: ['hywel-dda'],
      welshAbility: FLUENT,
      offers: 'Cysylltydd cymunedol yng Ngheredigion; rwy’n adnabod y grwpiau lleol i gyd.',
      needs: 'Grwpiau canu a dawns y tu allan i Aberystwyth.',
      referralCapacityPerMonth: 20,
    },
  },
  {
    key: 'joanne',
    displayName: 'Joanne Powell',
    email: 'joanne.powell',
    role: LINK_WORKER,
    language: en,
    organisation: 'rhwydwaith-gwent',
    profile: {
      conditions: ['mental-health', 'learning-disability', 'loneliness-isolation'],
      artForms: [],
      regions: ['aneurin-bevan'],
      welshAbility: LEARNER,
      offers: 'Community connector for Blaenau Gwent and Torfaen.',
      needs: 'Inclusive groups that welcome people with a learning disability.',
      referralCapacityPerMonth: 30,
    },
  },
  {
    key: 'geraint',
    displayName: 'Geraint Probert',
    email: 'geraint.probert',
    role: LINK_WORKER,
    language: cy,
    organisation: 'bip-bae-abertawe',
    profile: {
      conditions: ['lung-health-copd', 'long-covid', 'heart-health'],
      artForms: [],
      regions: ['swansea-bay'],
      welshAbility: CONVERSATIONAL,
      offers: 'Gweithiwr cyswllt yn y tîm adsefydlu cardiaidd ac ysgyfeiniol.',
      needs: 'Grwpiau y gall pobl barhau ynddyn nhw ar ôl adsefydlu.',
      referralCapacityPerMonth: 15,
    },
  },
  {
    key: 'amira',
    displayName: 'Amira Hassan',
    email: 'amira.hassan',
    role: LINK_WORKER,
    language: en,
    organisation: 'clwstwr-merthyr',
    profile: {
      conditions: ['mental-health', 'perinatal-mental-health', 'chronic-pain'],
      artForms: [],
      regions: ['cwm-taf-morgannwg'],
      welshAbility: NONE,
      offers: 'Social prescribing for Merthyr Tydfil practices; I run a weekly “what’s on” bulletin.',
      needs: 'Creative groups for new parents and for people with chronic pain.',
      referralCapacityPerMonth: 35,
    },
  },
  // Welsh ↔ English interpreters (docs/interpretation-and-access.md): organisers assign them to meetings.
  {
    key: 'gwenno',
    displayName: 'Gwenno Rowlands',
    email: 'gwenno.rowlands',
    role: INTERPRETER,
    language: cy,
  },
  {
    key: 'dewi',
    displayName: 'Dewi Bevan',
    email: 'dewi.bevan',
    role: INTERPRETER,
    language: cy,
  },
];

export const DEMO_SESSIONS: DemoSession[] = [
  {
    key: 'dance-parkinsons',
    organiser: 'siwan',
    titleCy: "Dawns a Parkinson's",
    titleEn: "Dance and Parkinson's",
    descriptionCy:
      "Sesiwn i artistiaid dawns, byrddau iechyd a gweithwyr cyswllt sydd am ddatblygu rhaglenni dawns i bobl sy'n byw gyda chlefyd Parkinson. " +
      'Cyfarfodydd un-i-un 20 munud, ac ymgynghoriad grŵp gyda Bwrdd Iechyd Hywel Dda.',
    descriptionEn:
      "For dance artists, health boards and link workers who want to develop dance programmes for people living with Parkinson's. " +
      '20-minute one-to-one meetings, and a group consultation with Hywel Dda University Health Board.',
    theme: SessionTheme.CONDITION,
    conditions: ['parkinsons', 'frailty-falls'],
    deliveryLanguage: DeliveryLanguage.BILINGUAL,
    region: null,
    dayOffset: 8,
    startHour: 10,
    durationMinutes: 160,
    slotMinutes: 20,
    breakSlotIndexes: [4],
    offers: [
      { host: 'angharad', slots: [0, 1, 2] },
      { host: 'angharad', slots: [5], seats: 4 },
      { host: 'mark', slots: [1, 2, 3] },
      { host: 'rachel', slots: [0, 5, 6] },
      { host: 'llinos', slots: [2, 3, 6] },
      { host: 'kieran', slots: [0, 1, 7] },
      { host: 'gareth', slots: [6, 7] },
    ],
    guests: [
      { person: 'ffion' },
      { person: 'sioned' },
      { person: 'tom' },
      { person: 'priya', available: [0, 1, 2, 3, 5] },
      { person: 'nia' },
    ],
    bookings: [
      { guest: 'ffion', host: 'angharad', slot: 0 },
      { guest: 'sioned', host: 'mark', slot: 1 },
      { guest: 'tom', host: 'angharad', slot: 5 },
      { guest: 'priya', host: 'angharad', slot: 5 },
      { guest: 'ffion', host: 'llinos', slot: 2 },
    ],
    requests: [
      {
        from: 'ffion',
        to: 'mark',
        thirdParty: 'kieran',
        message:
          "Hoffwn drafod cynllun peilot dawns i bobl â Parkinson's yng Nghaerdydd — a fyddai Kieran yn gallu ymuno i sôn am atgyfeiriadau?",
      },
      { from: 'tom', to: 'rachel', message: 'Could we talk about falls-prevention dance sessions in rural Powys?' },
    ],
  },
  {
    key: 'singing-lung-health',
    organiser: 'rhys',
    titleCy: 'Canu ar gyfer iechyd yr ysgyfaint',
    titleEn: 'Singing for lung health',
    descriptionCy:
      "Cyfle i gorau, cerddorion a hwyluswyr canu gwrdd â thimau adsefydlu'r ysgyfaint, gweithwyr cyswllt a chyllidwyr. " +
      'Cynhelir y sesiwn yn Gymraeg.',
    descriptionEn:
      'Choirs, musicians and singing facilitators meet pulmonary rehabilitation teams, link workers and funders. The session is held in Welsh.',
    theme: SessionTheme.CONDITION,
    conditions: ['lung-health-copd', 'long-covid'],
    deliveryLanguage: DeliveryLanguage.cy,
    region: null,
    dayOffset: 15,
    startHour: 14,
    durationMinutes: 120,
    slotMinutes: 15,
    breakSlotIndexes: [4],
    offers: [
      { host: 'gwenllian', slots: [0, 1, 2, 3] },
      { host: 'huw', slots: [1, 3, 5] },
      { host: 'geraint', slots: [0, 1, 5, 6] },
      { host: 'eirlys', slots: [2, 3, 6, 7] },
      { host: 'sarah', slots: [2], seats: 5 },
      { host: 'sarah', slots: [6, 7] },
    ],
    guests: [
      { person: 'elin' },
      { person: 'rhodri' },
      { person: 'megan' },
      { person: 'aled' },
      { person: 'dafydd', available: [5, 6, 7] },
    ],
    bookings: [
      { guest: 'elin', host: 'gwenllian', slot: 0 },
      { guest: 'megan', host: 'geraint', slot: 1 },
      { guest: 'rhodri', host: 'sarah', slot: 2 },
      { guest: 'elin', host: 'sarah', slot: 2 },
      { guest: 'aled', host: 'huw', slot: 3 },
    ],
    requests: [
      {
        from: 'rhodri',
        to: 'gwenllian',
        message: "Oes lle i weithdy 'Canu i'r Ysgyfaint' yn eich rhaglen adsefydlu yn y Gogledd?",
      },
      {
        from: 'megan',
        to: 'huw',
        thirdParty: 'geraint',
        message: 'I would love to bring a breathlessness singing course to RCT — Geraint may know who to refer.',
      },
      {
        from: 'dafydd',
        to: 'eirlys',
        message: 'Sgwrs am sesiynau straeon a chân i bobl sy’n gaeth i’r tŷ yng Ngheredigion?',
        accept: true,
      },
    ],
  },
  {
    key: 'inclusive-community-arts',
    organiser: 'siwan',
    titleCy: 'Celfyddydau cymunedol cynhwysol: sesiwn agored',
    titleEn: 'Inclusive community arts: open session',
    descriptionCy:
      'Sesiwn agored i bob cyflwr iechyd: grwpiau celfyddydau cymunedol, mannau croesawgar, presgripsiynu cymdeithasol a chyllidwyr. ' +
      'Gall ymarferwyr gynnig cyfarfodydd cymheiriaid hefyd.',
    descriptionEn:
      'Open to all conditions: community arts groups, welcoming spaces, social prescribing and funders. Practitioners can offer peer meetings too.',
    theme: SessionTheme.OPEN,
    conditions: [],
    deliveryLanguage: DeliveryLanguage.BILINGUAL,
    region: null,
    dayOffset: 22,
    startHour: 18,
    durationMinutes: 120,
    slotMinutes: 20,
    breakSlotIndexes: [],
    offers: [
      { host: 'joanne', slots: [0, 1, 2] },
      { host: 'amira', slots: [0, 1, 3, 4] },
      { host: 'kieran', slots: [2, 3, 5] },
      { host: 'sarah', slots: [4], seats: 6 },
      { host: 'bethan', slots: [2, 5] },
      { host: 'lowri', slots: [3, 4] },
    ],
    guests: [
      { person: 'catrin' },
      { person: 'jamie' },
      { person: 'owain' },
      { person: 'sam' },
      { person: 'hannah' },
      { person: 'mari' },
      { person: 'iwan', available: [0, 1, 2] },
      { person: 'aled' },
    ],
    bookings: [
      { guest: 'catrin', host: 'amira', slot: 0 },
      { guest: 'sam', host: 'joanne', slot: 1 },
      { guest: 'hannah', host: 'bethan', slot: 2 },
      { guest: 'jamie', host: 'kieran', slot: 3 },
      { guest: 'owain', host: 'sarah', slot: 4 },
      { guest: 'aled', host: 'sarah', slot: 4 },
    ],
    requests: [
      { from: 'owain', to: 'amira', message: 'Could photography walks work for your patients with chronic pain?' },
      { from: 'mari', to: 'sarah', message: 'Hoffwn holi am y gronfa ar gyfer hyfforddi gwirfoddolwyr amgueddfa.' },
      {
        from: 'iwan',
        to: 'joanne',
        message:
          'Circus skills for young people with a learning disability in Gwent — would your groups be interested?',
      },
    ],
  },
];

/** The logins printed at first start (and listed in README.md): one per kind of user. */
export const DEMO_LOGIN_KEYS = ['siwan', 'carys', 'ffion', 'angharad', 'llinos'] as const;
