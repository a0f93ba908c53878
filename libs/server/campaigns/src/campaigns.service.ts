import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  beijingDate,
  CampaignInput,
  CampaignInvitee,
  CampaignInviteInput,
  CampaignProgress,
  CampaignProgressRow,
  CampaignReminderResult,
  CampaignStatus,
  CampaignTarget,
  CampaignView,
  daysBetween,
  ErrorCode,
  INDUSTRY_CODES,
  REGION_CODES,
  taxonomyLabel,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { CatalogueReader } from '@ztt/catalogue';
import { OrganisationDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, isUniqueViolation, JobName, QueueName, QueueService } from '@ztt/platform';
import { DataSource, EntityManager } from 'typeorm';

export interface CampaignRow {
  id: string;
  title: string;
  quarter: string;
  starts_on: string;
  ends_on: string;
  focus_industries: string[];
  focus_regions: string[];
  targets: CampaignTarget[];
  reminder_days: number[];
  status: CampaignStatus;
  opened_at: Date | null;
  closed_at: Date | null;
  reported_at: Date | null;
  version: number;
  created_at: Date;
}

/** The deterministic job id of a quarter's report (no ':', never all digits). */
export function reportJobId(quarter: string): string {
  return `campaign-report-${quarter}`;
}

/** Items "submitted" for a campaign: submitted or published since (withdrawn drafts do not count). */
const SELECT_CAMPAIGN = `SELECT c.id, c.title, c.quarter, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on,
  c.focus_industries, c.focus_regions, c.targets, c.reminder_days, c.status, c.opened_at, c.closed_at, c.reported_at, c.version, c.created_at FROM campaign c`;

/**
 * Quarterly collection campaigns: draft → open → closed → reported. Only one campaign is open at
 * a time (a unique index), and items created or submitted while it is open are tagged with it by a
 * database trigger. Invitations and reminders go through notifications, whose (user, dedupe key)
 * uniqueness makes each reminder reach a person once, however often it is retried.
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly queues: QueueService,
    private readonly organisations: OrganisationDirectory,
    private readonly catalogue: CatalogueReader,
  ) {}

  async list(): Promise<CampaignView[]> {
    const rows = (await this.db.query(`${SELECT_CAMPAIGN} ORDER BY c.starts_on DESC, c.created_at DESC LIMIT 200`)) as CampaignRow[];
    return this.views(rows);
  }

  async get(id: string): Promise<CampaignView> {
    return (await this.views([await this.row(this.db.manager, id)]))[0] as CampaignView;
  }

  async create(actor: AuthContext, input: CampaignInput): Promise<CampaignView> {
    await this.check(input);
    const id = await this.db.transaction(async (m) => {
      const rows = (await m.query(
        `INSERT INTO campaign (title, quarter, starts_on, ends_on, focus_industries, focus_regions, targets, reminder_days, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9) RETURNING id`,
        [...campaignValues(input), actor.userId],
      )) as { id: string }[];
      const newId = (rows[0] as { id: string }).id;
      await this.audit.record({ action: AuditAction.CampaignCreated, actorId: actor.userId, actorEmail: actor.email, targetType: 'campaign', targetId: newId }, m);
      return newId;
    });
    return this.get(id);
  }

  /** Draft or open campaigns can be edited; stale versions answer 409. */
  async update(actor: AuthContext, id: string, input: CampaignInput & { version: number }): Promise<CampaignView> {
    await this.check(input);
    await this.db.transaction(async (m) => {
      const current = await this.row(m, id);
      if (current.status === CampaignStatus.Closed || current.status === CampaignStatus.Reported) {
        throw AppException.validation([{ field: 'status', code: 'campaign_not_editable' }]);
      }
      const res = (await m.query(
        `UPDATE campaign SET title = $3, quarter = $4, starts_on = $5, ends_on = $6, focus_industries = $7, focus_regions = $8, targets = $9::jsonb,
                reminder_days = $10, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status IN ('draft', 'open')`,
        [id, input.version, ...campaignValues(input)],
      )) as [unknown[], number];
      if (res[1] !== 1) throw AppException.conflict();
      await this.audit.record({ action: AuditAction.CampaignUpdated, actorId: actor.userId, actorEmail: actor.email, targetType: 'campaign', targetId: id }, m);
    });
    return this.get(id);
  }

  /** draft → open; invitations already made are sent now. 409 when another campaign is open. */
  async open(actor: AuthContext, id: string): Promise<CampaignView> {
    await this.db.transaction(async (m) => {
      const c = await this.row(m, id);
      if (c.status !== CampaignStatus.Draft) throw AppException.invalidState();
      const other = (await m.query(`SELECT 1 FROM campaign WHERE status = 'open' AND id <> $1`, [id])) as unknown[];
      if (other.length) throw AppException.conflict(ErrorCode.CampaignAlreadyOpen);
      try {
        await m.query(`UPDATE campaign SET status = 'open', opened_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      } catch (e) {
        if (isUniqueViolation(e)) throw AppException.conflict(ErrorCode.CampaignAlreadyOpen);
        throw e;
      }
      await this.sendInvitations(m, { ...c, status: CampaignStatus.Open });
      await this.audit.record({ action: AuditAction.CampaignOpened, actorId: actor.userId, actorEmail: actor.email, targetType: 'campaign', targetId: id }, m);
    });
    return this.get(id);
  }

  /** open → closed (by an admin, or by the scan on its end date); the quarter's report is queued. */
  async close(actor: AuthContext | null, id: string): Promise<CampaignView> {
    const closed = await this.db.transaction(async (m) => {
      const rows = (await m.query(
        `UPDATE campaign SET status = 'closed', closed_at = now(), version = version + 1, updated_at = now() WHERE id = $1 AND status = 'open' RETURNING quarter`,
        [id],
      )) as [{ quarter: string }[], number];
      const q = rows[0]?.[0];
      if (!q) {
        await this.row(m, id);
        throw AppException.invalidState();
      }
      await this.audit.record({ action: AuditAction.CampaignClosed, actorId: actor?.userId ?? null, actorEmail: actor?.email ?? null, targetType: 'campaign', targetId: id }, m);
      return q.quarter;
    });
    await this.enqueueReport(closed);
    return this.get(id);
  }

  async enqueueReport(quarter: string): Promise<void> {
    const jobId = reportJobId(quarter);
    const existing = await this.queues.queue(QueueName.Campaigns).getJob(jobId);
    if (existing && (await existing.isFailed())) await existing.remove();
    await this.queues.add(JobName.QuarterlyReport, { quarter }, { jobId });
  }

  /** Invites verified organisations by type, region and industry (all given criteria apply), or by id. */
  async invite(actor: AuthContext, id: string, input: CampaignInviteInput): Promise<{ invited: number; total: number }> {
    const empty = !input.orgIds?.length && !input.orgTypes?.length && !input.regions?.length && !input.industries?.length;
    if (empty) throw AppException.validation([{ field: 'orgTypes', code: 'isNotEmpty' }]);
    return this.db.transaction(async (m) => {
      const c = await this.row(m, id);
      if (c.status !== CampaignStatus.Draft && c.status !== CampaignStatus.Open) throw AppException.invalidState();
      const invitees = await this.organisations.verifiedIds(
        { ids: nullIfEmpty(input.orgIds), types: nullIfEmpty(input.orgTypes), regions: nullIfEmpty(input.regions), industries: nullIfEmpty(input.industries) },
        m,
      );
      const rows = (await m.query(
        `INSERT INTO campaign_invitation (campaign_id, organisation_id, invited_by)
         SELECT $1, o, $2 FROM unnest($3::uuid[]) AS o
         ON CONFLICT DO NOTHING RETURNING organisation_id`,
        [id, actor.userId, invitees],
      )) as { organisation_id: string }[];
      if (c.status === CampaignStatus.Open) await this.sendInvitations(m, c);
      await this.audit.record(
        { action: AuditAction.CampaignInvited, actorId: actor.userId, actorEmail: actor.email, targetType: 'campaign', targetId: id, detail: { invited: rows.length } },
        m,
      );
      const total = (await m.query(`SELECT count(*)::int AS n FROM campaign_invitation WHERE campaign_id = $1`, [id])) as { n: number }[];
      return { invited: rows.length, total: total[0]?.n ?? 0 };
    });
  }

  /** Every invitation not yet sent, once per organisation (and once per person by the dedupe key). */
  private async sendInvitations(m: EntityManager, c: CampaignRow): Promise<void> {
    const pending = (await m.query(`UPDATE campaign_invitation SET notified_at = now() WHERE campaign_id = $1 AND notified_at IS NULL RETURNING organisation_id`, [c.id])) as [
      { organisation_id: string }[],
      number,
    ];
    for (const r of pending[0]) {
      await this.notifications.notify(m, {
        to: { orgId: r.organisation_id },
        type: 'campaign.invited',
        params: { title: c.title, endsOn: c.ends_on },
        link: '/my/needs',
        dedupeKey: `campaign-invite:${c.id}`,
      });
    }
  }

  /**
   * Reminds the organisations invited that have submitted nothing. `key` names the reminder
   * ("d7" = seven days before the close; "manual-2026-12-10" = the admin's button that day): a
   * person gets each reminder once, whatever retries or clicks follow.
   */
  async remindLaggards(actor: AuthContext | null, id: string, key?: string): Promise<CampaignReminderResult> {
    const reminderKey = key ?? `manual-${beijingDate()}`;
    return this.db.transaction(async (m) => {
      const c = await this.row(m, id);
      if (c.status !== CampaignStatus.Open) throw AppException.invalidState();
      const laggards = await this.laggards(m, id);
      const dedupeKey = `campaign-reminder:${id}:${reminderKey}`;
      const sent = () => this.notifications.countByDedupeKey(m, dedupeKey);
      const before = await sent();
      for (const l of laggards) {
        await this.notifications.notify(m, {
          to: { orgId: l },
          type: 'campaign.reminder',
          params: { title: c.title, endsOn: c.ends_on },
          link: '/my/needs',
          dedupeKey,
        });
      }
      const people = (await sent()) - before;
      if (actor) {
        await this.audit.record(
          {
            action: AuditAction.CampaignReminded,
            actorId: actor.userId,
            actorEmail: actor.email,
            targetType: 'campaign',
            targetId: id,
            detail: { organisations: laggards.length, people },
          },
          m,
        );
      }
      return { organisations: laggards.length, people };
    });
  }

  /**
   * The periodic scan: closes open campaigns past their end date (Beijing), and sends each due
   * "N days before the close" reminder. Safe to run any number of times.
   */
  async scan(now = new Date()): Promise<{ closed: number; reminders: number }> {
    const today = beijingDate(now);
    const open = (await this.db.query(`${SELECT_CAMPAIGN} WHERE c.status = 'open'`)) as CampaignRow[];
    let closed = 0;
    let reminders = 0;
    for (const c of open) {
      if (today > c.ends_on) {
        await this.close(null, c.id);
        closed++;
        continue;
      }
      const left = daysBetween(today, c.ends_on);
      // The nearest reminder that is due; earlier ones missed while the worker was down are not sent late.
      const due = [...c.reminder_days].sort((a, b) => a - b).find((d) => left <= d);
      if (due !== undefined) reminders += (await this.remindLaggards(null, c.id, `d${due}`)).people;
    }
    return { closed, reminders };
  }

  /** Submitted and published counts against every target, by county, industry and organisation, and who has not answered. */
  async progress(id: string): Promise<CampaignProgress> {
    const c = await this.row(this.db.manager, id);
    const items = await this.catalogue.campaignItems(id);
    const invited = (await this.db.query(`SELECT organisation_id, invited_at FROM campaign_invitation WHERE campaign_id = $1`, [id])) as {
      organisation_id: string;
      invited_at: Date;
    }[];
    const invitedAt = new Map(invited.map((i) => [i.organisation_id, i.invited_at]));
    const invitees = await this.organisations.listByName(invitedAt.keys());
    const orgNames = new Map(invitees.map((o) => [o.id, o.name]));
    const targetOrgIds = c.targets
      .filter((t) => t.dimension === 'organisation')
      .map((t) => t.code)
      .filter((x) => !orgNames.has(x));
    if (targetOrgIds.length) {
      for (const [orgId, name] of await this.organisations.names(targetOrgIds)) orgNames.set(orgId, name);
    }

    const count = (kind: 'need' | 'achievement', match: (i: (typeof items)[number]) => boolean) => {
      const mine = items.filter((i) => i.kind === kind && match(i));
      return { submitted: mine.length, published: mine.filter((i) => i.status === 'published').length };
    };
    const rows: CampaignProgressRow[] = [];
    const seen = new Set<string>();
    const add = (dimension: CampaignProgressRow['dimension'], code: string, kind: 'need' | 'achievement') => {
      const key = `${dimension}/${code}/${kind}`;
      if (seen.has(key)) return;
      seen.add(key);
      const target = c.targets.find((t) => t.dimension === dimension && t.code === code && t.kind === kind)?.target ?? null;
      const match =
        dimension === 'region'
          ? (i: (typeof items)[number]) => i.region === code
          : dimension === 'industry'
            ? (i: (typeof items)[number]) => i.industries.includes(code)
            : (i: (typeof items)[number]) => i.ownerOrgId === code;
      rows.push({ dimension, code, label: labelOf(dimension, code, orgNames), kind, target, ...count(kind, match) });
    };
    for (const t of c.targets) add(t.dimension, t.code, t.kind);
    for (const kind of ['need', 'achievement'] as const) {
      for (const r of c.focus_regions) add('region', r, kind);
      for (const i of c.focus_industries) add('industry', i, kind);
      for (const it of items.filter((x) => x.kind === kind)) {
        add('region', it.region, kind);
        for (const ind of it.industries) add('industry', ind, kind);
      }
    }
    rows.sort((a, b) => order(a) - order(b) || a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code));

    const byOrg = (orgId: string, kind: string) => items.filter((i) => i.ownerOrgId === orgId && i.kind === kind).length;
    const inv: CampaignInvitee[] = invitees.map((o) => {
      const needs = byOrg(o.id, 'need');
      const achievements = byOrg(o.id, 'achievement');
      return {
        orgId: o.id,
        name: o.name,
        type: o.type,
        region: o.region,
        invitedAt: (invitedAt.get(o.id) as Date).toISOString(),
        needs,
        achievements,
        answered: needs + achievements > 0,
      };
    });
    const totalTarget = (kind: 'need' | 'achievement') => {
      const overall = c.targets.filter((t) => t.kind === kind && t.dimension === 'region');
      return overall.length ? overall.reduce((s, t) => s + t.target, 0) : null;
    };
    return {
      campaignId: id,
      totals: {
        needs: { ...count('need', () => true), target: totalTarget('need') },
        achievements: { ...count('achievement', () => true), target: totalTarget('achievement') },
      },
      rows,
      invitees: inv,
      laggards: inv.filter((i) => !i.answered).length,
    };
  }

  /** Invited organisations with nothing submitted for the campaign, by id. */
  private async laggards(m: EntityManager, id: string): Promise<string[]> {
    const invited = (await m.query(`SELECT organisation_id FROM campaign_invitation WHERE campaign_id = $1 ORDER BY organisation_id`, [id])) as { organisation_id: string }[];
    const submitters = await this.catalogue.campaignSubmitters(id, m);
    return invited.map((i) => i.organisation_id).filter((o) => !submitters.has(o));
  }

  async row(m: EntityManager, id: string): Promise<CampaignRow> {
    const rows = (await m.query(`${SELECT_CAMPAIGN} WHERE c.id = $1`, [id])) as CampaignRow[];
    if (!rows[0]) throw AppException.notFound();
    return rows[0];
  }

  private async views(rows: CampaignRow[]): Promise<CampaignView[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const invited = (await this.db.query(`SELECT campaign_id, count(*)::int AS n FROM campaign_invitation WHERE campaign_id = ANY($1::uuid[]) GROUP BY campaign_id`, [ids])) as {
      campaign_id: string;
      n: number;
    }[];
    const invitedBy = new Map(invited.map((r) => [r.campaign_id, r.n]));
    const submitted = await this.catalogue.campaignCounts(ids);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      quarter: r.quarter,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      focusIndustries: r.focus_industries,
      focusRegions: r.focus_regions,
      targets: r.targets,
      reminderDays: r.reminder_days,
      status: r.status,
      openedAt: r.opened_at?.toISOString() ?? null,
      closedAt: r.closed_at?.toISOString() ?? null,
      reportedAt: r.reported_at?.toISOString() ?? null,
      version: r.version,
      createdAt: r.created_at.toISOString(),
      invited: invitedBy.get(r.id) ?? 0,
      needs: submitted.get(r.id)?.needs ?? 0,
      achievements: submitted.get(r.id)?.achievements ?? 0,
    }));
  }

  private async check(input: CampaignInput): Promise<void> {
    if (input.endsOn < input.startsOn) throw AppException.validation([{ field: 'endsOn', code: 'campaign_dates' }]);
    const orgIds: string[] = [];
    for (const [i, t] of input.targets.entries()) {
      const ok = t.dimension === 'region' ? REGION_CODES.includes(t.code) : t.dimension === 'industry' ? INDUSTRY_CODES.includes(t.code) : /^[0-9a-f-]{36}$/i.test(t.code);
      if (!ok) throw AppException.validation([{ field: `targets.${i}.code`, code: 'campaign_target_code' }]);
      if (t.dimension === 'organisation') orgIds.push(t.code);
    }
    if (orgIds.length) {
      const found = await this.organisations.cards(orgIds);
      if (found.size !== new Set(orgIds).size) throw AppException.validation([{ field: 'targets', code: 'campaign_target_code' }]);
    }
  }
}

/** A campaign's editable fields as SQL parameters, in the order INSERT and UPDATE list them. */
function campaignValues(input: CampaignInput): unknown[] {
  return [input.title, input.quarter, input.startsOn, input.endsOn, input.focusIndustries, input.focusRegions, JSON.stringify(normaliseTargets(input.targets)), input.reminderDays];
}

function nullIfEmpty(a?: string[]): string[] | null {
  return a && a.length ? a : null;
}

function normaliseTargets(t: CampaignTarget[]): CampaignTarget[] {
  return t.map((x) => ({ dimension: x.dimension, code: x.code, kind: x.kind, target: x.target }));
}

function order(r: CampaignProgressRow): number {
  return r.dimension === 'region' ? 0 : r.dimension === 'industry' ? 1 : 2;
}

function labelOf(dimension: CampaignProgressRow['dimension'], code: string, orgs: Map<string, string>): string {
  if (dimension === 'region' || dimension === 'industry') return taxonomyLabel(dimension, code);
  return orgs.get(code) ?? code;
}
