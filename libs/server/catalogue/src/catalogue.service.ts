import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  DisclosureStatus,
  ErrorCode,
  FieldChange,
  industryOfChain,
  ItemKind,
  ItemStatus,
  ItemView,
  Page,
  ReviewQueueEntry,
  VerificationStatus,
  compareDecimals,
  criteriaRequired,
  needQuality,
  quantifiedIndicators,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { NotificationsService } from '@ztt/notifications';
import { OrganisationCard, OrganisationDirectory } from '@ztt/identity';
import { AppException, AuthContext, writeOutbox } from '@ztt/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { isInsider, isOwnerMember } from './access';
import { Attachment, CatalogueItem, DisclosureRequest } from './entities/catalogue-item.entity';
import { KINDS, KindSpec } from './kinds';

/** What the create and update DTOs carry, flattened for both kinds. */
export type ItemInput = Record<string, unknown> & {
  ownerOrgId?: string;
  chains?: string[];
  contact?: { name: string; phone?: string | null; email?: string | null };
  version?: number;
};

const EDITABLE_FROM = [ItemStatus.Draft, ItemStatus.Submitted, ItemStatus.Published];

@Injectable()
export class CatalogueService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly organisations: OrganisationDirectory,
  ) {}

  // ---- writes ------------------------------------------------------------------------------

  async create(actor: AuthContext, kind: ItemKind, input: ItemInput): Promise<ItemView> {
    const spec = KINDS[kind];
    const ownerOrgId = input.ownerOrgId as string;
    if (!isOwnerMember(actor, ownerOrgId)) throw AppException.validation([{ field: 'ownerOrgId', code: 'not_member' }]);
    const org = await this.orgOf(this.db.manager, ownerOrgId);
    if (org.verificationStatus !== VerificationStatus.Verified) throw new AppException(ErrorCode.OrgNotVerified, HttpStatus.FORBIDDEN);
    const values = this.columns(spec, input);
    checkBudget(values);
    const item = await this.db.transaction(async (m) => {
      const created = await m.save(spec.entity, m.create(spec.entity, { ...values, ownerOrgId, createdBy: actor.userId, status: ItemStatus.Draft }));
      await this.audit.record({ action: AuditAction.ItemCreated, actorId: actor.userId, actorEmail: actor.email, targetType: kind, targetId: created.id }, m);
      // Read back, so numbers and dates come out as the database keeps them.
      return m.findOneByOrFail(spec.entity, { id: created.id });
    });
    return this.view(actor, spec, item, org.name);
  }

  /** Owners edit a draft, a submitted or a published item; the change goes back through review. */
  async update(actor: AuthContext, kind: ItemKind, id: string, input: ItemInput): Promise<ItemView> {
    const spec = KINDS[kind];
    const current = await this.findVisible(actor, spec, id);
    if (!isOwnerMember(actor, current.ownerOrgId)) throw AppException.notFound();
    if (!EDITABLE_FROM.includes(current.status)) throw AppException.invalidState();
    const values = this.columns(spec, input);
    checkBudget({ ...current, ...values } as Record<string, unknown>);
    const updated = await this.db.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(spec.entity)
        .set({ ...values, status: ItemStatus.Draft, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version: input.version })
        .execute();
      if (res.affected !== 1) throw AppException.conflict();
      await this.audit.record(
        { action: AuditAction.ItemUpdated, actorId: actor.userId, actorEmail: actor.email, targetType: kind, targetId: id, detail: { from: current.status } },
        m,
      );
      if (current.status === ItemStatus.Published) await writeOutbox(m, spec.topic, id);
      return m.findOneByOrFail(spec.entity, { id });
    });
    return this.view(actor, spec, updated);
  }

  async submit(actor: AuthContext, kind: ItemKind, id: string): Promise<ItemView> {
    const spec = KINDS[kind];
    return this.transition(actor, spec, id, {
      from: [ItemStatus.Draft],
      to: ItemStatus.Submitted,
      set: { submittedAt: () => 'now()', rejectionReason: null },
      action: AuditAction.ItemSubmitted,
      guard: (item) => checkSubmittable(kind, item),
      notify: (m, item) =>
        this.notifications.notify(m, {
          to: { platformAdmins: true },
          type: 'item.submitted',
          params: { title: item.title },
          link: `/admin/review?kind=${kind}`,
          dedupeKey: `submitted:${id}:${item.version}`,
        }),
    });
  }

  async withdraw(actor: AuthContext, kind: ItemKind, id: string): Promise<ItemView> {
    return this.transition(actor, KINDS[kind], id, {
      from: [ItemStatus.Draft, ItemStatus.Submitted, ItemStatus.Published],
      to: ItemStatus.Withdrawn,
      set: { endedAt: () => 'now()' },
      action: AuditAction.ItemWithdrawn,
      notify: (m, item) => this.tellColleagues(m, actor, kind, item, 'item.withdrawn'),
    });
  }

  async close(actor: AuthContext, kind: ItemKind, id: string): Promise<ItemView> {
    return this.transition(actor, KINDS[kind], id, {
      from: [ItemStatus.Published],
      to: ItemStatus.Closed,
      set: { endedAt: () => 'now()' },
      action: AuditAction.ItemClosed,
      notify: (m, item) => this.tellColleagues(m, actor, kind, item, 'item.closed'),
    });
  }

  /** The owner organisation's other members hear about what one of them did. */
  private async tellColleagues(m: EntityManager, actor: AuthContext, kind: ItemKind, item: CatalogueItem, type: 'item.withdrawn' | 'item.closed'): Promise<void> {
    const colleagues = (await this.organisations.activeMemberIds(item.ownerOrgId, m)).filter((id) => id !== actor.userId);
    await this.notifications.notify(m, {
      to: { userIds: colleagues },
      type,
      params: { title: item.title, actor: actor.displayName },
      link: `/${KINDS[kind].path}/${item.id}`,
      dedupeKey: `${type}:${item.id}`,
    });
  }

  /** A platform admin publishes a submitted item, or sends it back to draft with a reason. */
  async decide(actor: AuthContext, kind: ItemKind, id: string, decision: 'publish' | 'reject', reason?: string): Promise<ItemView> {
    const spec = KINDS[kind];
    const why = reason?.trim() ?? '';
    if (decision === 'reject' && !why) throw AppException.validation([{ field: 'reason', code: 'isNotEmpty' }]);
    const item = await this.db.manager.findOneBy(spec.entity, { id });
    if (!item) throw AppException.notFound();
    const publish = decision === 'publish';
    const updated = await this.db.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(spec.entity)
        .set(
          publish
            ? { status: ItemStatus.Published, publishedAt: () => 'now()', rejectionReason: null, publishedSnapshot: snapshot(spec, item), version: () => 'version + 1' }
            : { status: ItemStatus.Draft, rejectionReason: why, version: () => 'version + 1' },
        )
        .where('id = :id AND status = :submitted', { id, submitted: ItemStatus.Submitted })
        .execute();
      if (res.affected !== 1) throw AppException.invalidState();
      await this.audit.record(
        {
          action: publish ? AuditAction.ItemPublished : AuditAction.ItemRejected,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: kind,
          targetId: id,
          detail: why ? { reason: why } : undefined,
        },
        m,
      );
      await this.notifications.notify(m, {
        to: { orgId: item.ownerOrgId },
        type: publish ? 'item.published' : 'item.rejected',
        params: { title: item.title, reason: why },
        link: `/${spec.path}/${id}`,
        dedupeKey: `${decision}:${id}:${item.version}`,
      });
      if (publish) await writeOutbox(m, spec.topic, id);
      return m.findOneByOrFail(spec.entity, { id });
    });
    return this.view(actor, spec, updated);
  }

  /** Needs whose deadline has passed (Asia/Shanghai calendar) leave the listing. Idempotent. */
  async expireOverdueNeeds(): Promise<number> {
    const spec = KINDS.need;
    return this.db.transaction(async (m) => {
      const rows = (await m.query(
        `UPDATE tech_need SET status = 'expired', ended_at = now(), version = version + 1, updated_at = now()
          WHERE status = 'published' AND deadline < (now() AT TIME ZONE 'Asia/Shanghai')::date
          RETURNING id, title, owner_org_id, version`,
      )) as [{ id: string; title: string; owner_org_id: string; version: number }[], number];
      for (const r of rows[0]) {
        await writeOutbox(m, spec.topic, r.id);
        await this.audit.record({ action: AuditAction.ItemExpired, targetType: 'need', targetId: r.id }, m);
        await this.notifications.notify(m, {
          to: { orgId: r.owner_org_id },
          type: 'item.expired',
          params: { title: r.title },
          link: `/needs/${r.id}`,
          dedupeKey: `expired:${r.id}`,
        });
      }
      return rows[0].length;
    });
  }

  // ---- reads -------------------------------------------------------------------------------

  async get(actor: AuthContext | undefined, kind: ItemKind, id: string): Promise<ItemView> {
    const spec = KINDS[kind];
    const item = await this.findVisible(actor, spec, id);
    const view = await this.view(actor, spec, item);
    if (view.confidentialVisible && !isOwnerMember(actor, item.ownerOrgId)) {
      // Every look at another organisation's confidential part leaves a trace.
      await this.audit.record({ action: AuditAction.ConfidentialViewed, actorId: actor?.userId, actorEmail: actor?.email, targetType: kind, targetId: id });
    }
    return view;
  }

  async listMine(actor: AuthContext, kind: ItemKind, q: { status?: ItemStatus; page: number; pageSize: number }): Promise<Page<ItemView>> {
    const spec = KINDS[kind];
    const orgIds = [...actor.orgRoles.keys()];
    if (!orgIds.length) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const [rows, total] = await this.db.manager.findAndCount(spec.entity, {
      where: { ownerOrgId: In(orgIds), ...(q.status ? { status: q.status } : {}) },
      order: { updatedAt: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return { items: await this.views(actor, spec, rows), total, page: q.page, pageSize: q.pageSize };
  }

  async reviewQueue(actor: AuthContext, kind: ItemKind, page: number, pageSize: number): Promise<Page<ReviewQueueEntry>> {
    const spec = KINDS[kind];
    const [rows, total] = await this.db.manager.findAndCount(spec.entity, {
      where: { status: ItemStatus.Submitted },
      order: { submittedAt: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const views = await this.views(actor, spec, rows);
    return { items: rows.map((r, i) => ({ item: views[i] as ItemView, changes: diff(spec, r) })), total, page, pageSize };
  }

  /** The item if the caller may see it at all; otherwise 404 (audited), exactly like a missing id. */
  async findVisible(actor: AuthContext | undefined, spec: KindSpec, id: string): Promise<CatalogueItem> {
    const item = await this.db.manager.findOneBy(spec.entity, { id });
    if (!item) throw AppException.notFound();
    if (item.status !== ItemStatus.Published && !isInsider(actor, item.ownerOrgId)) {
      await this.audit.record({
        action: AuditAction.AccessDenied,
        result: 'denied',
        actorId: actor?.userId ?? null,
        actorEmail: actor?.email ?? null,
        targetType: spec.kind,
        targetId: id,
      });
      throw AppException.notFound();
    }
    return item;
  }

  /** Members of the owner, platform admins, and organisations granted disclosure see the confidential part. */
  async canSeeConfidential(actor: AuthContext | undefined, kind: ItemKind, item: CatalogueItem): Promise<boolean> {
    if (!actor) return false;
    if (isInsider(actor, item.ownerOrgId)) return true;
    const orgIds = [...actor.orgRoles.keys()];
    if (!orgIds.length) return false;
    return this.db.manager.existsBy(DisclosureRequest, { itemKind: kind, itemId: item.id, requesterOrgId: In(orgIds), status: DisclosureStatus.Granted });
  }

  // ---- helpers -----------------------------------------------------------------------------

  private async transition(
    actor: AuthContext,
    spec: KindSpec,
    id: string,
    t: {
      from: ItemStatus[];
      to: ItemStatus;
      set: Record<string, unknown>;
      action: AuditAction;
      notify?: (m: EntityManager, item: CatalogueItem) => Promise<void>;
      /** refuses the transition for what the item holds (checked before the conditional update) */
      guard?: (item: CatalogueItem) => void;
    },
  ): Promise<ItemView> {
    const item = await this.findVisible(actor, spec, id);
    if (!isOwnerMember(actor, item.ownerOrgId)) throw AppException.notFound();
    t.guard?.(item);
    const updated = await this.db.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(spec.entity)
        .set({ ...t.set, status: t.to, version: () => 'version + 1' })
        .where('id = :id AND status IN (:...from)', { id, from: t.from })
        .execute();
      if (res.affected !== 1) throw AppException.invalidState();
      await this.audit.record(
        { action: t.action, actorId: actor.userId, actorEmail: actor.email, targetType: spec.kind, targetId: id, detail: { from: item.status, to: t.to } },
        m,
      );
      if (item.status === ItemStatus.Published || t.to === ItemStatus.Published) await writeOutbox(m, spec.topic, id);
      await t.notify?.(m, item);
      return m.findOneByOrFail(spec.entity, { id });
    });
    return this.view(actor, spec, updated);
  }

  /** Maps API input to columns: contact flattened, industries derived from chains, empty money cleared. Also used by the bulk import. */
  columns(spec: KindSpec, input: ItemInput): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of spec.fields) if (input[f] !== undefined) out[f] = input[f];
    if (input.contact) {
      out.contactName = input.contact.name.trim();
      out.contactPhone = input.contact.phone || null;
      out.contactEmail = input.contact.email || null;
    }
    if (input.chains) out.industries = [...new Set(input.chains.map(industryOfChain))];
    if (Array.isArray(out.keywords)) out.keywords = [...new Set((out.keywords as string[]).map((k) => k.trim()).filter(Boolean))];
    if (typeof out.title === 'string') out.title = out.title.trim();
    if (out.budgetNegotiable === true) Object.assign(out, { budgetMin: null, budgetMax: null });
    if (out.priceNegotiable === true) out.askingPrice = null;
    return out;
  }

  private async orgOf(m: EntityManager, id: string): Promise<OrganisationCard> {
    const org = await this.organisations.find(id, m);
    if (!org) throw AppException.validation([{ field: 'ownerOrgId', code: 'not_member' }]);
    return org;
  }

  async view(actor: AuthContext | undefined, spec: KindSpec, item: CatalogueItem, orgName?: string): Promise<ItemView> {
    return (await this.views(actor, spec, [item], orgName))[0] as ItemView;
  }

  private async views(actor: AuthContext | undefined, spec: KindSpec, items: CatalogueItem[], orgName?: string): Promise<ItemView[]> {
    if (!items.length) return [];
    const orgNames = new Map<string, string>();
    if (orgName && items.length === 1) orgNames.set((items[0] as CatalogueItem).ownerOrgId, orgName);
    else {
      for (const [id, name] of await this.organisations.names(items.map((i) => i.ownerOrgId))) orgNames.set(id, name);
    }
    const ids = items.map((i) => i.id);
    const myOrgs = actor ? [...actor.orgRoles.keys()] : [];
    const disclosures = myOrgs.length ? await this.db.manager.find(DisclosureRequest, { where: { itemKind: spec.kind, itemId: In(ids), requesterOrgId: In(myOrgs) } }) : [];
    const attachments = await this.db.manager.find(Attachment, { where: { itemKind: spec.kind, itemId: In(ids) }, order: { createdAt: 'ASC' } });
    return items.map((item) => {
      const mine = disclosures.filter((d) => d.itemId === item.id);
      const granted = mine.some((d) => d.status === DisclosureStatus.Granted);
      const confidentialVisible = isInsider(actor, item.ownerOrgId) || granted;
      const myDisclosure = granted ? DisclosureStatus.Granted : (mine.find((d) => d.status === DisclosureStatus.Pending)?.status ?? mine[0]?.status ?? null);
      const view = {
        ...spec.publicPart(item, orgNames.get(item.ownerOrgId) ?? ''),
        version: item.version,
        createdAt: item.createdAt.toISOString(),
        submittedAt: item.submittedAt?.toISOString() ?? null,
        rejectionReason: isInsider(actor, item.ownerOrgId) ? item.rejectionReason : null,
        confidentialVisible,
        myDisclosure: isOwnerMember(actor, item.ownerOrgId) ? null : myDisclosure,
        canEdit: isOwnerMember(actor, item.ownerOrgId),
      } as ItemView;
      if (view.kind === 'need') view.quality = needQuality(view);
      if (confidentialVisible) {
        Object.assign(view, {
          confidentialDetails: item.confidentialDetails,
          contact: { name: item.contactName, phone: item.contactPhone, email: item.contactEmail },
          attachments: attachments
            .filter((a) => a.itemId === item.id)
            .map((a) => ({ id: a.id, fileName: a.fileName, mimeType: a.mimeType, size: a.size, createdAt: a.createdAt.toISOString() })),
        });
      }
      return view;
    });
  }
}

/**
 * The need-quality gate: a core or key generic need (核心 / 关键共性) goes to review only with
 * acceptance criteria that state at least one measurable indicator. The bulk import applies it too.
 */
export function checkSubmittable(kind: ItemKind, item: object): void {
  const need = item as { category?: string; acceptanceCriteria?: string };
  if (kind !== 'need' || !criteriaRequired(need.category)) return;
  if (quantifiedIndicators(need.acceptanceCriteria).length === 0) throw AppException.validation([{ field: 'acceptanceCriteria', code: 'criteria_required' }]);
}

function checkBudget(v: Record<string, unknown>): void {
  const min = v.budgetMin;
  const max = v.budgetMax;
  if (typeof min === 'string' && typeof max === 'string' && compareDecimals(min, max) > 0) {
    throw AppException.validation([{ field: 'budgetMin', code: 'budget_order' }]);
  }
}

/** The editable fields as stored, kept on publication to show reviewers later changes. */
export function snapshot(spec: KindSpec, item: CatalogueItem): Record<string, unknown> {
  const rec = item as unknown as Record<string, unknown>;
  return Object.fromEntries(spec.fields.map((f) => [f, rec[f] ?? null]));
}

/** What changed since the last publication (nothing for a first submission). */
function diff(spec: KindSpec, item: CatalogueItem): FieldChange[] {
  const before = item.publishedSnapshot as Record<string, unknown> | null;
  if (!before) return [];
  const now = snapshot(spec, item);
  // A field added after the last publication (absent from its snapshot) is not a change the owner made.
  return spec.fields
    .filter((f) => f in before && JSON.stringify(before[f] ?? null) !== JSON.stringify(now[f] ?? null))
    .map((f) => ({ field: f, before: before[f] ?? null, after: now[f] ?? null }));
}
