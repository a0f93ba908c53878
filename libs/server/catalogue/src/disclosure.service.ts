import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, DisclosureRequestView, DisclosureStatus, ErrorCode, ItemKind, ItemStatus, Page } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { OrganisationDirectory, PeopleDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext } from '@ztt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { isOwnerMember } from './access';
import { CatalogueService } from './catalogue.service';
import { DisclosureRequest } from './entities/catalogue-item.entity';
import { KINDS } from './kinds';

/** A party asks to see an item's confidential part; the owner grants or declines. All audited. */
@Injectable()
export class DisclosureService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly organisations: OrganisationDirectory,
    private readonly people: PeopleDirectory,
  ) {}

  async request(actor: AuthContext, kind: ItemKind, itemId: string, requesterOrgId: string, reason: string): Promise<DisclosureRequestView> {
    const spec = KINDS[kind];
    const item = await this.catalogue.findVisible(actor, spec, itemId);
    if (!actor.orgRoles.has(requesterOrgId)) throw AppException.validation([{ field: 'requesterOrgId', code: 'not_member' }]);
    if (requesterOrgId === item.ownerOrgId) throw AppException.validation([{ field: 'requesterOrgId', code: 'own_item' }]);
    if (item.status !== ItemStatus.Published) throw AppException.invalidState();
    const id = await this.db.transaction(async (m) => {
      const existing = await m.findOneBy(DisclosureRequest, { itemKind: kind, itemId, requesterOrgId });
      if (existing && existing.status !== DisclosureStatus.Declined) throw new AppException(ErrorCode.Conflict, HttpStatus.CONFLICT);
      let requestId: string;
      if (existing) {
        await m.update(
          DisclosureRequest,
          { id: existing.id },
          { status: DisclosureStatus.Pending, reason: reason.trim(), requesterUserId: actor.userId, decidedAt: null, decidedBy: null },
        );
        requestId = existing.id;
      } else {
        requestId = (await m.save(m.create(DisclosureRequest, { itemKind: kind, itemId, requesterOrgId, requesterUserId: actor.userId, reason: reason.trim() }))).id;
      }
      const org = await this.organisations.find(requesterOrgId, m);
      await this.audit.record(
        { action: AuditAction.DisclosureRequested, actorId: actor.userId, actorEmail: actor.email, targetType: kind, targetId: itemId, detail: { requestId, requesterOrgId } },
        m,
      );
      await this.notifications.notify(m, {
        to: { orgId: item.ownerOrgId },
        type: 'disclosure.requested',
        params: { title: item.title, org: org?.name ?? '', reason: reason.trim() },
        link: '/disclosures',
        dedupeKey: `disclosure-requested:${requestId}:${Date.now()}`,
      });
      return requestId;
    });
    return this.viewOf(id);
  }

  async decide(actor: AuthContext, requestId: string, decision: 'grant' | 'decline'): Promise<DisclosureRequestView> {
    const req = await this.db.manager.findOneBy(DisclosureRequest, { id: requestId });
    if (!req) throw AppException.notFound();
    const item = await this.db.manager.findOneBy(KINDS[req.itemKind].entity, { id: req.itemId });
    if (!item || !isOwnerMember(actor, item.ownerOrgId)) {
      await this.audit.record({
        action: AuditAction.AccessDenied,
        result: 'denied',
        actorId: actor.userId,
        actorEmail: actor.email,
        targetType: 'disclosure',
        targetId: requestId,
      });
      throw AppException.notFound();
    }
    const granted = decision === 'grant';
    await this.db.transaction(async (m) => {
      const res = await m.update(
        DisclosureRequest,
        { id: requestId, status: DisclosureStatus.Pending },
        { status: granted ? DisclosureStatus.Granted : DisclosureStatus.Declined, decidedBy: actor.userId, decidedAt: () => 'now()' },
      );
      if (res.affected !== 1) throw AppException.invalidState();
      await this.audit.record(
        {
          action: granted ? AuditAction.DisclosureGranted : AuditAction.DisclosureDeclined,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: req.itemKind,
          targetId: req.itemId,
          detail: { requestId, requesterOrgId: req.requesterOrgId },
        },
        m,
      );
      if (req.requesterUserId) {
        await this.notifications.notify(m, {
          to: { userIds: [req.requesterUserId] },
          type: granted ? 'disclosure.granted' : 'disclosure.declined',
          params: { title: item.title },
          link: `/${KINDS[req.itemKind].path}/${req.itemId}`,
          dedupeKey: `disclosure-${decision}:${requestId}`,
        });
      }
    });
    return this.viewOf(requestId);
  }

  /**
   * Grants an organisation sight of an item's confidential part because an agreement says so (a
   * deal's signed NDA), inside the caller's transaction: the pending or declined request becomes
   * granted, or a granted one is recorded. Returns the request's id, or null when it was granted already.
   */
  async grantByAgreement(m: EntityManager, actor: AuthContext, g: { itemKind: ItemKind; itemId: string; requesterOrgId: string; reason: string }): Promise<string | null> {
    const existing = await m.findOneBy(DisclosureRequest, { itemKind: g.itemKind, itemId: g.itemId, requesterOrgId: g.requesterOrgId });
    if (existing) {
      if (existing.status === DisclosureStatus.Granted) return null;
      await m.update(DisclosureRequest, { id: existing.id }, { status: DisclosureStatus.Granted, decidedBy: actor.userId, decidedAt: () => 'now()' });
      return existing.id;
    }
    const row = await m.save(
      m.create(DisclosureRequest, {
        itemKind: g.itemKind,
        itemId: g.itemId,
        requesterOrgId: g.requesterOrgId,
        requesterUserId: null,
        reason: g.reason,
        status: DisclosureStatus.Granted,
        decidedBy: actor.userId,
        decidedAt: new Date(),
      }),
    );
    return row.id;
  }

  /** incoming: requests for my organisations' items; outgoing: requests my organisations made. */
  async list(actor: AuthContext, box: 'incoming' | 'outgoing', page: number, pageSize: number): Promise<Page<DisclosureRequestView>> {
    const orgIds = [...actor.orgRoles.keys()];
    if (!orgIds.length) return { items: [], total: 0, page, pageSize };
    const where = box === 'incoming' ? `coalesce(n.owner_org_id, a.owner_org_id) = ANY($1)` : `d.requester_org_id = ANY($1)`;
    const rows = (await this.db.query(`${SELECT_VIEW} WHERE ${where} ORDER BY d.created_at DESC LIMIT $2 OFFSET $3`, [orgIds, pageSize, (page - 1) * pageSize])) as ViewRow[];
    const total = (await this.db.query(
      `SELECT count(*)::int AS n FROM disclosure_request d
         LEFT JOIN tech_need n ON d.item_kind = 'need' AND n.id = d.item_id
         LEFT JOIN achievement a ON d.item_kind = 'achievement' AND a.id = d.item_id
        WHERE ${where}`,
      [orgIds],
    )) as { n: number }[];
    return { items: await this.views(rows), total: total[0]?.n ?? 0, page, pageSize };
  }

  private async viewOf(id: string): Promise<DisclosureRequestView> {
    const rows = (await this.db.query(`${SELECT_VIEW} WHERE d.id = $1`, [id])) as ViewRow[];
    return (await this.views(rows))[0] as DisclosureRequestView;
  }

  /** The rows with the requesting organisation's and person's names (identity's directories). */
  private async views(rows: ViewRow[]): Promise<DisclosureRequestView[]> {
    const [orgs, people] = await Promise.all([this.organisations.names(rows.map((r) => r.requester_org_id)), this.people.names(rows.map((r) => r.requester_user_id))]);
    return rows.map((r) => toView(r, orgs.get(r.requester_org_id) ?? '', (r.requester_user_id && people.get(r.requester_user_id)) || ''));
  }
}

const SELECT_VIEW = `
  SELECT d.id, d.item_kind, d.item_id, coalesce(n.title, a.title) AS item_title, d.requester_org_id, d.requester_user_id, d.reason, d.status, d.created_at, d.decided_at
    FROM disclosure_request d
    LEFT JOIN tech_need n ON d.item_kind = 'need' AND n.id = d.item_id
    LEFT JOIN achievement a ON d.item_kind = 'achievement' AND a.id = d.item_id`;

interface ViewRow {
  id: string;
  item_kind: ItemKind;
  item_id: string;
  item_title: string;
  requester_org_id: string;
  requester_user_id: string | null;
  reason: string;
  status: DisclosureStatus;
  created_at: Date;
  decided_at: Date | null;
}

function toView(r: ViewRow, requesterOrgName: string, requesterName: string): DisclosureRequestView {
  return {
    id: r.id,
    itemKind: r.item_kind,
    itemId: r.item_id,
    itemTitle: r.item_title,
    requesterOrgId: r.requester_org_id,
    requesterOrgName,
    requesterName,
    reason: r.reason,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
  };
}
