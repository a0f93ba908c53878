import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@ztt/audit';
import { AuditAction, beijingDate, BROKER_FIRM_TYPE, BrokerLevel, BrokerProfessionView, ErrorCode, OrgRole, PlatformRole } from '@ztt/contracts';
import { OrganisationDirectory, PeopleDirectory } from '@ztt/identity';
import { AppException, AuthContext, hasPlatformRole } from '@ztt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { BrokerProfile, BrokerTraining } from './match.entity';

export interface CertificationInput {
  level: BrokerLevel;
  certificateNo: string;
  issuedOn: string;
  expiresOn?: string | null;
}

export interface TrainingInput {
  heldOn: string;
  course: string;
  hours: number;
  provider: string;
}

/**
 * Whether the broker_profile row `p` is certified on `day` (an SQL date expression): a level whose
 * certificate was issued by then and has not expired. The one statement of the rule, also used by
 * the read model's broker directory and KPI register.
 */
export const CERTIFIED_ON = (day: string) =>
  `(p.level IS NOT NULL AND p.certificate_issued_on <= ${day} AND (p.certificate_expires_on IS NULL OR p.certificate_expires_on >= ${day}))`;

/**
 * Brokers as a profession (技术经纪人 / 技术经理人): the level and certificate a platform admin sets
 * (audited), the training a broker or an admin records, and the broker firm (技术经理人事务所) a
 * broker works for, set by an admin or by the firm's organisation admin. Also the read port of the
 * KPI register: how many certified, active brokers there are on a day.
 */
@Injectable()
export class BrokerProfession {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PeopleDirectory,
    private readonly orgs: OrganisationDirectory,
    private readonly audit: AuditService,
  ) {}

  /**
   * The KPI: brokers holding the broker role on an active account, taking matches (profile active),
   * with a level whose certificate is valid on `asOf` (a Beijing date, YYYY-MM-DD; today by default).
   */
  async certifiedActiveBrokerCount(asOf: string = beijingDate(), m: EntityManager = this.db.manager): Promise<number> {
    const brokers = await this.people.withRole(PlatformRole.Broker, {}, m);
    if (!brokers.length) return 0;
    const [row] = (await m.query(`SELECT count(*)::int AS n FROM broker_profile p WHERE p.user_id = ANY($1::uuid[]) AND p.active AND ${CERTIFIED_ON('$2::date')}`, [
      brokers.map((b) => b.id),
      asOf,
    ])) as { n: number }[];
    return row?.n ?? 0;
  }

  /** One broker's level, certificate, firm and training (the broker themself, or an admin). */
  async view(userId: string): Promise<BrokerProfessionView> {
    const person = await this.people.find(userId);
    if (!person || !(await this.people.holdersOf(PlatformRole.Broker, [userId])).has(userId)) throw AppException.notFound();
    const profile = await this.db.getRepository(BrokerProfile).findOneBy({ userId });
    const training = await this.db.getRepository(BrokerTraining).find({ where: { userId }, order: { heldOn: 'DESC', createdAt: 'DESC' } });
    const years = (await this.db.query(
      `SELECT extract(year FROM held_on)::int AS year, sum(hours)::numeric(7, 1)::text AS hours FROM broker_training WHERE user_id = $1 GROUP BY 1 ORDER BY 1 DESC`,
      [userId],
    )) as { year: number; hours: string }[];
    const [valid] = (await this.db.query(`SELECT ${CERTIFIED_ON('$2::date')} AS ok FROM broker_profile p WHERE p.user_id = $1`, [userId, beijingDate()])) as { ok: boolean }[];
    const firm = profile?.firmOrgId ? await this.orgs.find(profile.firmOrgId) : null;
    return {
      userId,
      displayName: person.displayName,
      level: profile?.level ?? null,
      certificateNo: profile?.certificateNo ?? null,
      issuedOn: profile?.certificateIssuedOn ?? null,
      expiresOn: profile?.certificateExpiresOn ?? null,
      certified: Boolean(valid?.ok),
      firm: firm ? { id: firm.id, name: firm.name } : null,
      training: training.map((t) => ({ id: t.id, heldOn: t.heldOn, course: t.course, hours: t.hours, provider: t.provider, createdAt: t.createdAt.toISOString() })),
      hoursByYear: years,
    };
  }

  /** An admin sets a broker's level and certificate (audited). */
  async certify(actor: AuthContext, userId: string, input: CertificationInput): Promise<BrokerProfessionView> {
    await this.mustBeBroker(userId);
    if (input.expiresOn && input.expiresOn <= input.issuedOn) throw AppException.validation([{ field: 'expiresOn', code: 'certificate_expiry_order' }]);
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO broker_profile (user_id, level, certificate_no, certificate_issued_on, certificate_expires_on) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id) DO UPDATE SET level = $2, certificate_no = $3, certificate_issued_on = $4, certificate_expires_on = $5, updated_at = now()`,
        [userId, input.level, input.certificateNo, input.issuedOn, input.expiresOn ?? null],
      );
      await this.audit.record(
        {
          action: AuditAction.BrokerCertified,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'broker_profile',
          targetId: userId,
          detail: { level: input.level, certificateNo: input.certificateNo, issuedOn: input.issuedOn, expiresOn: input.expiresOn ?? null },
        },
        m,
      );
    });
    return this.view(userId);
  }

  /** A training record, entered by the broker themself or by an admin. */
  async addTraining(actor: AuthContext, userId: string, input: TrainingInput): Promise<BrokerProfessionView> {
    await this.mustBeBroker(userId);
    if (input.heldOn > beijingDate()) throw AppException.validation([{ field: 'heldOn', code: 'training_date_future' }]);
    await this.db.getRepository(BrokerTraining).insert({
      userId,
      heldOn: input.heldOn,
      course: input.course.trim(),
      hours: input.hours.toFixed(1),
      provider: input.provider.trim(),
      createdBy: actor.userId,
    });
    return this.view(userId);
  }

  /** An admin puts a broker in a broker firm, or takes them out of one (null). Audited. */
  async setFirm(actor: AuthContext, userId: string, firmOrgId: string | null): Promise<BrokerProfessionView> {
    await this.mustBeBroker(userId);
    if (firmOrgId) await this.mustBeFirm(firmOrgId);
    await this.writeFirm(actor, userId, firmOrgId);
    return this.view(userId);
  }

  /**
   * The firm's organisation admin (or a platform admin) links a broker to the firm, or unlinks one
   * that is theirs. Anyone else: 404, as for another party's record.
   */
  async linkToFirm(actor: AuthContext, orgId: string, userId: string, link: boolean): Promise<BrokerProfessionView> {
    if (actor.orgRoles.get(orgId) !== OrgRole.Admin && !hasPlatformRole(actor, PlatformRole.Admin)) throw AppException.notFound();
    await this.mustBeFirm(orgId);
    await this.mustBeBroker(userId);
    if (!link) {
      const profile = await this.db.getRepository(BrokerProfile).findOneBy({ userId });
      if (profile?.firmOrgId !== orgId) throw AppException.notFound();
    }
    await this.writeFirm(actor, userId, link ? orgId : null);
    return this.view(userId);
  }

  private async writeFirm(actor: AuthContext, userId: string, firmOrgId: string | null): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO broker_profile (user_id, firm_org_id) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET firm_org_id = $2, updated_at = now()`,
        [userId, firmOrgId],
      );
      await this.audit.record(
        { action: AuditAction.BrokerFirmSet, actorId: actor.userId, actorEmail: actor.email, targetType: 'broker_profile', targetId: userId, detail: { firmOrgId } },
        m,
      );
    });
  }

  private async mustBeBroker(userId: string): Promise<void> {
    if (!(await this.people.holdersOf(PlatformRole.Broker, [userId])).has(userId)) throw AppException.notFound();
  }

  private async mustBeFirm(orgId: string): Promise<void> {
    const org = await this.orgs.find(orgId);
    if (!org) throw AppException.notFound();
    if (org.type !== BROKER_FIRM_TYPE) throw AppException.conflict(ErrorCode.NotBrokerFirm);
  }
}
