import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogueReader } from '@ztt/catalogue';
import {
  AuditAction,
  ErrorCode,
  FinancingRequestStatus,
  PlatformRole,
  PolicyEligibility,
  REFERRAL_CONSENT_TEXT,
  REFERRAL_STATUS_LABELS,
  ReferralPanelView,
  ReferralStatus,
  ReferralView,
  VerificationStatus,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { OrganisationDirectory, PeopleDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, hasPlatformRole, isUniqueViolation } from '@ztt/platform';
import { DataSource, In } from 'typeorm';
import { DecideReferralDto, SendReferralDto } from './dto/finance-extras.dto';
import { FinanceProfile, FinancingRequest } from './financing-request.entity';
import { FinancePolicies } from './policies/finance-policies';
import { evaluatePolicies } from './policies/policy-rules';
import { FinancingReferral } from './referral.entity';

/**
 * 政策性金融服务转介: the applicant of a financing request sees, per policy programme, whether the
 * request and its organisation's credentials meet each condition; with an explicit consent it sends
 * the request to a bank (a finance organisation whose profile kind is bank) for a programme it is
 * eligible for; the bank's members see their incoming referrals, read the request's confidential
 * part (the consent is recorded as a granted disclosure to that bank), and accept or decline with a note. Each step tells the other side and is audited.
 */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: FinancePolicies,
    private readonly organisations: OrganisationDirectory,
    private readonly people: PeopleDirectory,
    private readonly catalogue: CatalogueReader,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /** The request's referral panel: its applicant's members and platform admins; anyone else 404. */
  async panel(actor: AuthContext, requestId: string): Promise<ReferralPanelView> {
    const request = await this.applicantRequest(actor, requestId, true);
    const [eligibility, banks, rows] = await Promise.all([
      this.eligibility(request),
      this.banks(),
      this.db.manager.find(FinancingReferral, { where: { requestId }, order: { createdAt: 'DESC', id: 'DESC' } }),
    ]);
    return { eligibility, banks, referrals: await this.views(rows), consentText: REFERRAL_CONSENT_TEXT };
  }

  /** A member of the applicant sends the request to a bank for a programme, with consent. */
  async send(actor: AuthContext, requestId: string, dto: SendReferralDto): Promise<ReferralView> {
    const request = await this.applicantRequest(actor, requestId, false);
    if (dto.consent !== true) throw new AppException(ErrorCode.ReferralConsentRequired, HttpStatus.BAD_REQUEST, [{ field: 'consent', code: 'referral_consent' }]);
    const programme = this.policies.find(dto.programme);
    const problems: { field: string; code: string }[] = [];
    if (!programme) problems.push({ field: 'programme', code: 'referral_programme_unknown' });
    if (!(await this.banks()).some((b) => b.orgId === dto.bankOrgId)) problems.push({ field: 'bankOrgId', code: 'referral_bank_unknown' });
    if (problems.length || !programme) throw AppException.validation(problems);
    if (request.status !== FinancingRequestStatus.Open) throw AppException.invalidState();
    const result = (await this.eligibility(request)).find((e) => e.code === programme.code);
    if (!result?.eligible) throw new AppException(ErrorCode.PolicyNotEligible, HttpStatus.CONFLICT);
    const id = await this.db
      .transaction(async (m) => {
        const saved = await m.save(
          m.create(FinancingReferral, {
            requestId,
            programme: programme.code,
            bankOrgId: dto.bankOrgId,
            consentAt: new Date(),
            consentBy: actor.userId,
            consentText: REFERRAL_CONSENT_TEXT,
            conditions: result.conditions,
          }),
        );
        // The consent covers the request's confidential part for this bank: it is recorded as a granted disclosure,
        // which FinancingRequestsService.mayReadConfidential honours like any other.
        await m.query(
          `INSERT INTO financing_disclosure (request_id, org_id, requested_by, status, decided_by, decided_at)
           VALUES ($1, $2, $3, 'granted', $3, now())
           ON CONFLICT (request_id, org_id) DO UPDATE SET status = 'granted', decided_by = $3, decided_at = now()`,
          [requestId, dto.bankOrgId, actor.userId],
        );
        const orgName = (await this.organisations.names([request.orgId], m)).get(request.orgId) ?? '';
        await this.notifications.notify(m, {
          to: { orgId: dto.bankOrgId },
          type: 'finance.referral_sent',
          params: { org: orgName, title: request.title, programme: programme.name['zh-CN'] },
          link: '/finance/referrals',
          dedupeKey: `referral:${saved.id}:sent`,
        });
        await this.audit.record(
          {
            action: AuditAction.FinanceReferralSent,
            actorId: actor.userId,
            actorEmail: actor.email,
            targetType: 'financing_referral',
            targetId: saved.id,
            detail: { requestId, programme: programme.code, bankOrgId: dto.bankOrgId },
          },
          m,
        );
        return saved.id;
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw AppException.conflict(ErrorCode.ReferralAlreadySent);
        throw e;
      });
    return this.get(actor, id);
  }

  /** The referrals a bank received (its members), newest first; a platform admin sees every one. */
  async incoming(actor: AuthContext): Promise<ReferralView[]> {
    const admin = hasPlatformRole(actor, PlatformRole.Admin);
    const orgIds = [...actor.orgRoles.keys()];
    if (!admin && !orgIds.length) return [];
    const rows = await this.db.manager.find(FinancingReferral, {
      where: admin ? {} : { bankOrgId: In(orgIds) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 200,
    });
    return this.views(rows);
  }

  async get(actor: AuthContext, id: string): Promise<ReferralView> {
    const r = await this.db.manager.findOneBy(FinancingReferral, { id });
    if (!r || !(await this.mayRead(actor, r))) throw AppException.notFound();
    return (await this.views([r]))[0] as ReferralView;
  }

  /** A member of the receiving bank accepts or declines (with a note) once; the applicant is told. */
  async decide(actor: AuthContext, id: string, dto: DecideReferralDto): Promise<ReferralView> {
    const note = dto.note?.trim() || null;
    if (dto.decision === 'decline' && !note) throw AppException.validation([{ field: 'note', code: 'referral_note_required' }]);
    await this.db.transaction(async (m) => {
      const r = await m.findOne(FinancingReferral, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!r || !actor.orgRoles.has(r.bankOrgId)) throw AppException.notFound();
      if (r.status !== ReferralStatus.Sent) throw AppException.conflict(ErrorCode.AlreadyDecided);
      const status = dto.decision === 'accept' ? ReferralStatus.Accepted : ReferralStatus.Declined;
      await m.update(FinancingReferral, { id }, { status, bankNote: note, decidedBy: actor.userId, decidedAt: new Date() });
      const request = await m.findOneByOrFail(FinancingRequest, { id: r.requestId });
      const bankName = (await this.organisations.names([r.bankOrgId], m)).get(r.bankOrgId) ?? '';
      const label = REFERRAL_STATUS_LABELS[status]['zh-CN'];
      await this.notifications.notify(m, {
        to: { orgId: request.orgId },
        type: 'finance.referral_decided',
        params: {
          org: bankName,
          title: request.title,
          programme: this.policies.find(r.programme)?.name['zh-CN'] ?? r.programme,
          decision: note ? `${label}（${note}）` : label,
        },
        link: `/financing/${request.id}`,
        dedupeKey: `referral:${id}:decided`,
      });
      await this.audit.record(
        { action: AuditAction.FinanceReferralDecided, actorId: actor.userId, actorEmail: actor.email, targetType: 'financing_referral', targetId: id, detail: { status } },
        m,
      );
    });
    return this.get(actor, id);
  }

  // ---- helpers -----------------------------------------------------------------------------------

  /** The request, for a member of its applicant organisation (or, when `adminToo`, a platform admin); anyone else 404. */
  private async applicantRequest(actor: AuthContext, requestId: string, adminToo: boolean): Promise<FinancingRequest> {
    const request = await this.db.manager.findOneBy(FinancingRequest, { id: requestId });
    if (!request || !(actor.orgRoles.has(request.orgId) || (adminToo && hasPlatformRole(actor, PlatformRole.Admin)))) throw AppException.notFound();
    return request;
  }

  /** Each programme's eligibility for the request, from the request and its organisation's card. */
  private async eligibility(request: FinancingRequest): Promise<PolicyEligibility[]> {
    const [org, grantedPatent] = await Promise.all([
      this.organisations.find(request.orgId),
      request.achievementId ? this.catalogue.hasGrantedPatent(request.achievementId) : Promise.resolve(false),
    ]);
    return evaluatePolicies(this.policies.programmes, {
      instrument: request.instrument,
      amount: request.amount,
      org: {
        type: org?.type ?? '',
        verified: org?.verificationStatus === VerificationStatus.Verified,
        region: org?.region ?? '',
        credentials: org?.credentials ?? [],
      },
      grantedPatent,
    });
  }

  /** Verified finance organisations whose profile says bank, by name. */
  private async banks(): Promise<{ orgId: string; name: string }[]> {
    const profiles = await this.db.manager.find(FinanceProfile, { select: { orgId: true }, where: { kind: 'bank' } });
    const verified = await this.organisations.verifiedIds({ ids: profiles.map((p) => p.orgId), types: ['finance'] });
    return (await this.organisations.listByName(verified)).map((o) => ({ orgId: o.id, name: o.name }));
  }

  private async mayRead(actor: AuthContext, r: FinancingReferral): Promise<boolean> {
    if (hasPlatformRole(actor, PlatformRole.Admin) || actor.orgRoles.has(r.bankOrgId)) return true;
    const request = await this.db.manager.findOne(FinancingRequest, { select: { id: true, orgId: true }, where: { id: r.requestId } });
    return !!request && actor.orgRoles.has(request.orgId);
  }

  private async views(rows: FinancingReferral[]): Promise<ReferralView[]> {
    if (!rows.length) return [];
    const requests = await this.db.manager.find(FinancingRequest, {
      select: { id: true, title: true, orgId: true, amount: true, instrument: true },
      where: { id: In([...new Set(rows.map((r) => r.requestId))]) },
    });
    const byId = new Map(requests.map((q) => [q.id, q]));
    const [orgs, names] = await Promise.all([
      this.organisations.names([...rows.map((r) => r.bankOrgId), ...requests.map((q) => q.orgId)]),
      this.people.names(rows.map((r) => r.consentBy)),
    ]);
    return rows.map((r) => {
      const q = byId.get(r.requestId);
      const programme = this.policies.find(r.programme);
      return {
        id: r.id,
        requestId: r.requestId,
        requestTitle: q?.title ?? '',
        applicantOrgId: q?.orgId ?? '',
        applicantOrgName: q ? (orgs.get(q.orgId) ?? '') : '',
        programme: r.programme,
        programmeName: programme?.name ?? { 'zh-CN': r.programme, en: r.programme },
        bankOrgId: r.bankOrgId,
        bankOrgName: orgs.get(r.bankOrgId) ?? '',
        amount: q?.amount ?? '0.00',
        instrument: q?.instrument ?? '',
        status: r.status,
        bankNote: r.bankNote,
        consentAt: r.consentAt.toISOString(),
        consentByName: r.consentBy ? (names.get(r.consentBy) ?? '') : '',
        decidedAt: r.decidedAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
      };
    });
  }
}
