import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MembershipStatus, VerificationStatus } from '@ztt/contracts';
import { containsPattern } from '@ztt/platform';
import { DataSource, EntityManager, FindOptionsSelect, In } from 'typeorm';
import { Membership, Organisation } from '../entities/organisation.entity';

/** What other domains may know of an organisation. */
export interface OrganisationCard {
  id: string;
  name: string;
  type: string;
  region: string;
  creditCode: string;
  verificationStatus: VerificationStatus;
  /** 高新技术企业 / 科技型中小企业 claimed by its admins (checked with its verification) */
  credentials: string[];
}

const CARD_COLUMNS: FindOptionsSelect<Organisation> = { id: true, name: true, type: true, region: true, creditCode: true, verificationStatus: true, credentials: true };

/**
 * Identity's read port for organisations and their members: the one way other domains learn an
 * organisation's name, standing or members. Each call takes the caller's transaction (`m`) when it
 * must read inside it; otherwise it reads outside any transaction.
 */
@Injectable()
export class OrganisationDirectory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(id: string, m: EntityManager = this.db.manager): Promise<OrganisationCard | null> {
    return m.getRepository(Organisation).findOne({ select: CARD_COLUMNS, where: { id } });
  }

  async cards(ids: Iterable<string>, m: EntityManager = this.db.manager): Promise<Map<string, OrganisationCard>> {
    const wanted = [...new Set(ids)];
    const rows: OrganisationCard[] = wanted.length ? await m.getRepository(Organisation).find({ select: CARD_COLUMNS, where: { id: In(wanted) } }) : [];
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The organisations among `ids`, ordered by name (the database's order, as lists show them). */
  async listByName(ids: Iterable<string>, m: EntityManager = this.db.manager): Promise<OrganisationCard[]> {
    const wanted = [...new Set(ids)];
    return wanted.length ? m.getRepository(Organisation).find({ select: CARD_COLUMNS, where: { id: In(wanted) }, order: { name: 'ASC', id: 'ASC' } }) : [];
  }

  /** Names by id; an unknown id is absent. */
  async names(ids: Iterable<string>, m: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const cards = await this.cards(ids, m);
    return new Map([...cards.values()].map((c) => [c.id, c.name]));
  }

  async byCreditCodes(codes: string[], m: EntityManager = this.db.manager): Promise<OrganisationCard[]> {
    return codes.length ? m.getRepository(Organisation).find({ select: CARD_COLUMNS, where: { creditCode: In(codes) } }) : [];
  }

  /** Ids of the organisations whose name contains `text` (case-insensitive), for searching lists by party. */
  async idsNamedLike(text: string, m: EntityManager = this.db.manager): Promise<string[]> {
    const pattern = containsPattern(text);
    const rows = await m.getRepository(Organisation).createQueryBuilder('o').select('o.id', 'id').where('o.name ILIKE :pattern', { pattern }).getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** Verified organisations, narrowed to `ids` and `types` when given (null: any). */
  async verifiedIds(
    filter: { ids: string[] | null; types: string[] | null; regions?: string[] | null; industries?: string[] | null },
    m: EntityManager = this.db.manager,
  ): Promise<string[]> {
    const qb = m.getRepository(Organisation).createQueryBuilder('o').select('o.id', 'id').where('o.verificationStatus = :verified', { verified: VerificationStatus.Verified });
    if (filter.ids) qb.andWhere('o.id IN (:...ids)', { ids: filter.ids.length ? filter.ids : [null] });
    if (filter.types) qb.andWhere('o.type IN (:...types)', { types: filter.types.length ? filter.types : [null] });
    if (filter.regions) qb.andWhere('o.region IN (:...regions)', { regions: filter.regions.length ? filter.regions : [null] });
    if (filter.industries) qb.andWhere('o.industries && CAST(:industries AS text[])', { industries: filter.industries });
    return (await qb.orderBy('o.id').getRawMany<{ id: string }>()).map((r) => r.id);
  }

  /** Every verified organisation with when it last changed, in id order: the public cards a sitemap lists. */
  async verifiedPages(m: EntityManager = this.db.manager): Promise<{ id: string; updatedAt: Date }[]> {
    return m.getRepository(Organisation).find({ select: { id: true, updatedAt: true }, where: { verificationStatus: VerificationStatus.Verified }, order: { id: 'ASC' } });
  }

  /** The active members of an organisation. */
  async activeMemberIds(orgId: string, m: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await m.getRepository(Membership).find({ select: { userId: true }, where: { organisationId: orgId, status: MembershipStatus.Active } });
    return rows.map((r) => r.userId);
  }

  /** Each person's organisations (active memberships), by user id; a person with none is absent. */
  async activeOrgsOf(userIds: Iterable<string>, m: EntityManager = this.db.manager): Promise<Map<string, string[]>> {
    const wanted = [...new Set(userIds)];
    const rows = wanted.length
      ? await m.getRepository(Membership).find({ select: { userId: true, organisationId: true }, where: { userId: In(wanted), status: MembershipStatus.Active } })
      : [];
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.organisationId]);
    return out;
  }

  async isActiveMember(orgId: string, userId: string, m: EntityManager = this.db.manager): Promise<boolean> {
    return m.getRepository(Membership).existsBy({ organisationId: orgId, userId, status: MembershipStatus.Active });
  }
}
