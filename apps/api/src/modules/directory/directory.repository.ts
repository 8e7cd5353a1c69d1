import { Injectable } from '@nestjs/common';
import { Database } from '../../core/database/database';
import { OrganisationKind } from '../accounts/accounts.enums';
import { DirectoryDelivery, ProjectTerm, WelshAbility } from '../profiles/profiles.enums';

/** One listed practitioner's service with its provider, as the feed needs it. */
export interface ListingRow {
  userId: string;
  serviceName: string;
  description: string | null;
  delivery: DirectoryDelivery;
  town: string | null;
  website: string | null;
  email: string | null;
  conditions: string[];
  artForms: string[];
  regions: string[];
  welshAbility: WelshAbility;
  projectTerm: ProjectTerm | null;
  inclusiveSpace: boolean;
  updatedAt: Date;
  displayName: string;
  organisationId: string | null;
  organisationName: string | null;
  organisationKind: OrganisationKind | null;
}

/** What a list of services may be narrowed by (all optional, combined with AND). */
export interface ListingFilter {
  search?: string;
  /** A stored code that must be in the profile's list column. */
  code?: { column: 'conditions' | 'art_forms'; code: string };
  /** A whole vocabulary: at least one code in that column. */
  anyOf?: 'conditions' | 'art_forms';
  /** Raw SQL conditions on `p` for service features (fixed strings from DirectoryService, never input). */
  featureConditions?: string[];
  modifiedAfter?: Date;
  /** Services of one provider: an organisation id, or a practitioner's own user id for independents. */
  providerUserIds?: readonly string[];
  providerOrganisationId?: string;
}

interface RawListing {
  user_id: string;
  directory_service_name: string;
  directory_description: string | null;
  directory_delivery: DirectoryDelivery;
  directory_town: string | null;
  directory_website: string | null;
  directory_email: string | null;
  conditions: string;
  art_forms: string;
  regions: string;
  welsh_ability: WelshAbility;
  project_term: ProjectTerm | null;
  inclusive_space: boolean | number;
  updated_at: unknown;
  display_name: string;
  organisation_id: string | null;
  organisation_name: string | null;
  organisation_kind: OrganisationKind | null;
}

const FROM = `FROM profiles p
  JOIN users u ON u.id = p.user_id
  LEFT JOIN organisations o ON o.id = u.organisation_id`;

/**
 * Listed practitioners only: opted in, still a practitioner, e-mail address confirmed (an
 * unconfirmed account may fill in its listing, but nobody finds it until the address is theirs). The directory's read model: one query
 * over profiles, users and organisations, read-only (the modules that own them write them).
 */
const LISTED = `p.directory_listed AND p.directory_service_name IS NOT NULL AND u.roles LIKE '%"PRACTITIONER"%' AND u.email_confirmed_at IS NOT NULL`;

@Injectable()
export class DirectoryRepository {
  constructor(private readonly db: Database) {}

  async page(filter: ListingFilter, limit: number, offset: number): Promise<{ rows: ListingRow[]; total: number }> {
    const { where, params } = this.where(filter);
    const count = await this.db.sql<{ n: number | string }>(`SELECT COUNT(*) AS n ${FROM} WHERE ${where}`, params);
    const total = Number(count.rows[0].n);
    if (total <= offset) return { rows: [], total };
    const { rows } = await this.db.sql<RawListing>(
      `SELECT p.user_id, p.directory_service_name, p.directory_description, p.directory_delivery, p.directory_town,
              p.directory_website, p.directory_email, p.conditions, p.art_forms, p.regions, p.welsh_ability,
              p.project_term, p.inclusive_space, p.updated_at, u.display_name, u.organisation_id,
              o.name AS organisation_name, o.kind AS organisation_kind
         ${FROM} WHERE ${where}
        ORDER BY LOWER(p.directory_service_name), p.user_id
        LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    return { rows: rows.map((row) => this.toListing(row)), total };
  }

  async byUserId(userId: string): Promise<ListingRow | null> {
    const { rows } = await this.page({ providerUserIds: [userId] }, 1, 0);
    return rows[0] ?? null;
  }

  /**
   * Providers of listed services — organisations, and practitioners listed without one
   * (independents) — in name order, each as the user id of one of its listed practitioners.
   */
  async providers(limit: number, offset: number): Promise<{ representativeUserIds: string[]; total: number }> {
    const count = await this.db.sql<{ n: number | string }>(
      `SELECT COUNT(DISTINCT COALESCE(u.organisation_id, u.id)) AS n ${FROM} WHERE ${LISTED}`,
    );
    const { rows } = await this.db.sql<{ user_id: string }>(
      `SELECT MIN(user_id) AS user_id, MIN(sort_name) AS sort_name, provider
         FROM (SELECT p.user_id, COALESCE(u.organisation_id, u.id) AS provider, LOWER(COALESCE(o.name, u.display_name)) AS sort_name
                 ${FROM} WHERE ${LISTED}) listed
        GROUP BY provider
        ORDER BY sort_name, provider
        LIMIT ? OFFSET ?`,
      [limit, offset],
    );
    return { representativeUserIds: rows.map((row) => row.user_id), total: Number(count.rows[0].n) };
  }

  /** User ids of listed practitioners without an organisation (their own provider). */
  async independentUserIds(): Promise<string[]> {
    const { rows } = await this.db.sql<{ user_id: string }>(
      `SELECT p.user_id ${FROM} WHERE ${LISTED} AND u.organisation_id IS NULL`,
    );
    return rows.map((row) => row.user_id);
  }

  private where(filter: ListingFilter): { where: string; params: unknown[] } {
    const conditions = [LISTED];
    const params: unknown[] = [];
    if (filter.search) {
      const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        `(LOWER(p.directory_service_name) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(p.directory_description, '')) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(o.name, u.display_name)) LIKE ? ESCAPE '\\')`,
      );
      params.push(pattern, pattern, pattern);
    }
    if (filter.code) {
      // The list columns hold JSON arrays of codes (["dance","music"]); codes are [a-z0-9-] only.
      conditions.push(`p.${filter.code.column} LIKE ?`);
      params.push(`%"${filter.code.code}"%`);
    }
    if (filter.anyOf) conditions.push(`p.${filter.anyOf} <> '[]'`);
    for (const condition of filter.featureConditions ?? []) conditions.push(`(${condition})`);
    if (filter.modifiedAfter) {
      conditions.push('p.updated_at >= ?');
      params.push(this.db.instant(filter.modifiedAfter));
    }
    if (filter.providerUserIds) {
      if (filter.providerUserIds.length === 0) conditions.push('1 = 0');
      else {
        conditions.push(`p.user_id IN (${filter.providerUserIds.map(() => '?').join(', ')})`);
        params.push(...filter.providerUserIds);
      }
    }
    if (filter.providerOrganisationId) {
      conditions.push('u.organisation_id = ?');
      params.push(filter.providerOrganisationId);
    }
    return { where: conditions.join(' AND '), params };
  }

  private toListing(row: RawListing): ListingRow {
    return {
      userId: row.user_id,
      serviceName: row.directory_service_name,
      description: row.directory_description,
      delivery: row.directory_delivery,
      town: row.directory_town,
      website: row.directory_website,
      email: row.directory_email,
      conditions: JSON.parse(row.conditions) as string[],
      artForms: JSON.parse(row.art_forms) as string[],
      regions: JSON.parse(row.regions) as string[],
      welshAbility: row.welsh_ability,
      projectTerm: row.project_term,
      inclusiveSpace: Boolean(row.inclusive_space),
      updatedAt: this.db.readInstant(row.updated_at),
      displayName: row.display_name,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      organisationKind: row.organisation_kind,
    };
  }
}
