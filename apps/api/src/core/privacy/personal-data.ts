import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';

/** What an erasure knows about the person, captured before their account row was anonymised. */
export interface ErasedPerson {
  userId: string;
  /** Their e-mail address and display name as they were (to scrub copies of them from others' rows). */
  email: string;
  displayName: string;
  /** What they are shown as from now on. */
  anonymousName: string;
  at: Date;
  /**
   * Texts in their own words that contributors removed (request messages, comments, reasons…).
   * Contributors add what they remove; notifications, erased last, removes copies of them quoted in
   * e-mails to others.
   */
  readonly ownWords: string[];
}

/** Something that keeps erasure from going ahead, e.g. sessions only this person organises. */
export interface ErasureBlocker {
  code: string;
  ids: string[];
}

/**
 * One module's share of a person's own data (docs/architecture.md#security-and-privacy). Modules own their tables, so each
 * module describes and erases its own part; accounts/ collects them for "download my data" and
 * "erase my account" through the PersonalDataRegistry. A new table with personal data gets a
 * contributor in its module, marked @PersonalDataSource() — the erasure test scans every table,
 * so a forgotten one fails it.
 */
export interface PersonalDataContributor {
  /** The key of this module's part in the export (e.g. "profile", "booking"). */
  readonly section: string;
  /**
   * When this part is erased, lowest first, all in one transaction: accounts anonymises the
   * account first (ERASE_FIRST) so that anything written afterwards — e.g. the e-mails telling
   * others a meeting was cancelled — names the anonymous person; notifications scrubs the
   * outbox last (ERASE_LAST), after everything that may still queue e-mail.
   */
  readonly eraseOrder: number;
  /** Exactly this person's data as they may see it; other people only by id and name. */
  exportFor(userId: string): Promise<unknown>;
  /** Reasons erasure must wait (checked inside the erasure's transaction). */
  erasureBlockers?(userId: string, em: EntityManager): Promise<ErasureBlocker[]>;
  /** Removes or blanks this module's personal fields of the person, inside the erasure's transaction. */
  erase(person: ErasedPerson, em: EntityManager): Promise<void>;
}

/** What stands where an erased person's own words were removed from a record others keep. */
export const REMOVED_WORDS = "[wedi'i ddileu / removed]";

export const ERASE_FIRST = 0;
export const ERASE_MEETINGS = 10;
export const ERASE_DEFAULT = 50;
export const ERASE_LAST = 100;

/**
 * Marks a provider as its module's PersonalDataContributor: the registry finds every marked one at
 * start-up, so the modules that own personal data need not be imported by accounts (which most of
 * them import), nor register themselves.
 */
export const PersonalDataSource = DiscoveryService.createDecorator<void>();

@Injectable()
export class PersonalDataRegistry implements OnModuleInit {
  private contributors: readonly PersonalDataContributor[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  /** Every provider is built before any onModuleInit runs: all contributors are there to find. */
  onModuleInit(): void {
    const found = this.discovery
      .getProviders({ metadataKey: PersonalDataSource.KEY })
      .map((wrapper) => wrapper.instance as PersonalDataContributor);
    const sections = found.map((c) => c.section);
    const twice = sections.find((section, i) => sections.indexOf(section) !== i);
    if (twice !== undefined) throw new Error(`Two personal-data contributors for "${twice}"`);
    this.contributors = found.sort((a, b) => a.eraseOrder - b.eraseOrder || a.section.localeCompare(b.section));
  }

  /** In erasure order. */
  all(): readonly PersonalDataContributor[] {
    return this.contributors;
  }
}

/** An instant read by raw SQL, as ISO 8601 for the export (null stays null). */
export function exportedInstant(db: { readInstant(value: unknown): Date }, value: unknown): string | null {
  return value === null || value === undefined ? null : db.readInstant(value).toISOString();
}
