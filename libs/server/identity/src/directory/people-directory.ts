import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PlatformRole, UserStatus } from '@ztt/contracts';
import { DataSource, EntityManager, FindOptionsSelect, In } from 'typeorm';
import { PlatformRoleAssignment } from '../entities/platform-role-assignment.entity';
import { User } from '../entities/user.entity';

/** What other domains may know of a person. */
export interface PersonCard {
  id: string;
  email: string;
  displayName: string;
  phone: string | null;
  locale: string;
  status: UserStatus;
}

const CARD_FIELDS = ['id', 'email', 'displayName', 'phone', 'locale', 'status'] as const;
const CARD_COLUMNS: FindOptionsSelect<User> = Object.fromEntries(CARD_FIELDS.map((f) => [f, true]));

/**
 * Identity's read port for people and their platform roles: names for lists, contacts for deals,
 * the holders of a role for panels and notices. Takes the caller's transaction (`m`) when given.
 */
@Injectable()
export class PeopleDirectory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(id: string, m: EntityManager = this.db.manager): Promise<PersonCard | null> {
    return m.getRepository(User).findOne({ select: CARD_COLUMNS, where: { id } });
  }

  async cards(ids: Iterable<string>, m: EntityManager = this.db.manager): Promise<Map<string, PersonCard>> {
    const wanted = [...new Set(ids)].filter(Boolean);
    const rows: PersonCard[] = wanted.length ? await m.getRepository(User).find({ select: CARD_COLUMNS, where: { id: In(wanted) } }) : [];
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Display names by id; an unknown id is absent. */
  async names(ids: Iterable<string | null>, m: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const cards = await this.cards(
      [...ids].filter((i): i is string => !!i),
      m,
    );
    return new Map([...cards.values()].map((c) => [c.id, c.displayName]));
  }

  /** Active people holding `role`, by display name (`among`: only these ids). */
  async withRole(role: PlatformRole, opts: { among?: string[]; limit?: number } = {}, m: EntityManager = this.db.manager): Promise<PersonCard[]> {
    const qb = m
      .getRepository(User)
      .createQueryBuilder('u')
      .select(CARD_FIELDS.map((c) => `u.${c}`))
      .innerJoin(PlatformRoleAssignment, 'r', 'r.userId = u.id AND r.role = :role', { role })
      .where('u.status = :active', { active: UserStatus.Active });
    if (opts.among) qb.andWhere('u.id IN (:...among)', { among: opts.among.length ? opts.among : [null] });
    qb.orderBy('u.displayName').addOrderBy('u.id');
    if (opts.limit) qb.take(opts.limit);
    return qb.getMany();
  }

  /** Holders of `role` among `ids`, whatever their account status. */
  async holdersOf(role: PlatformRole, ids: string[], m: EntityManager = this.db.manager): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await m.getRepository(PlatformRoleAssignment).find({ select: { userId: true }, where: { role, userId: In(ids) } });
    return new Set(rows.map((r) => r.userId));
  }
}
