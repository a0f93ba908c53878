import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  BookingStatus,
  CapacityStatus,
  InstrumentDetailView,
  InstrumentView,
  OpeningHours,
  Page,
  PriceBasis,
  ProviderCardView,
  ProviderDetailView,
  RatingSummary,
  TIME_PATTERN,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { OrganisationDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, containsPattern } from '@ztt/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { CapacityProvider, InstrumentBooking, SharedInstrument } from './capacity.entity';
import { CapacityDirectoryQueryDto, CapacityProviderInputDto, CapacityReviewDto, InstrumentDirectoryQueryDto, InstrumentInputDto } from './dto/capacity.dto';
import { busyOf, instrumentView, ratingSummary } from './views';

/** Keywords or tags as kept: trimmed, no empties, no repeats, in the order given. */
function cleanList(values: string[]): string[] {
  return [...new Set(values.map((k) => k.trim()).filter(Boolean))];
}

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/**
 * The capacity directory: an organisation's members keep its providers (中试基地 / 概念验证中心 /
 * 开放产线) and shared instruments; any change sends the entry back to the platform admins, who
 * publish or reject it (the members are told). Published entries are listed publicly, with search
 * and filters in PostgreSQL (kind, chain, TRL served, region, keyword); a provider's contact is shown
 * to signed-in callers only, and its average satisfaction once it has 3 or more ratings.
 */
@Injectable()
export class CapacityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationDirectory,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  // ---- the public directory ------------------------------------------------------------------

  async directory(q: CapacityDirectoryQueryDto): Promise<Page<ProviderCardView>> {
    const qb = this.db.manager
      .getRepository(CapacityProvider)
      .createQueryBuilder('p')
      .where('p.status = :published', { published: CapacityStatus.Published })
      .orderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize);
    if (q.kind) qb.andWhere('p.kind = :kind', { kind: q.kind });
    if (q.chain) qb.andWhere(':chain = ANY(p.chains)', { chain: q.chain });
    if (q.trl) qb.andWhere('p.trlMin <= :trl AND p.trlMax >= :trl', { trl: q.trl });
    if (q.region) qb.andWhere('p.region = :region', { region: q.region });
    const text = q.q?.trim();
    if (text)
      qb.andWhere(`(p.name ILIKE :like OR p.capabilities ILIKE :like OR p.scale ILIKE :like OR array_to_string(p.tags, ' ') ILIKE :like)`, {
        like: containsPattern(text),
      });
    const [rows, total] = await qb.getManyAndCount();
    return { items: await this.cards(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async provider(actor: AuthContext | undefined, id: string): Promise<ProviderDetailView> {
    const p = await this.db.manager.findOneBy(CapacityProvider, { id });
    const member = !!p && !!actor?.orgRoles.has(p.orgId);
    if (!p || (p.status !== CapacityStatus.Published && !member)) throw AppException.notFound();
    return (await this.details([p], !!actor, member))[0] as ProviderDetailView;
  }

  async instruments(q: InstrumentDirectoryQueryDto): Promise<Page<InstrumentView>> {
    const qb = this.db.manager
      .getRepository(SharedInstrument)
      .createQueryBuilder('i')
      .where('i.status = :published', { published: CapacityStatus.Published })
      .orderBy('i.name', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize);
    const text = q.q?.trim();
    if (text)
      qb.andWhere(`(i.name ILIKE :like OR i.model ILIKE :like OR i.capabilities ILIKE :like OR array_to_string(i.tags, ' ') ILIKE :like)`, {
        like: containsPattern(text),
      });
    const [rows, total] = await qb.getManyAndCount();
    return { items: await this.instrumentViews(rows), total, page: q.page, pageSize: q.pageSize };
  }

  /** A published instrument (or one's own organisation's) with the slots already taken from today on. */
  async instrument(actor: AuthContext | undefined, id: string): Promise<InstrumentDetailView> {
    const i = await this.db.manager.findOneBy(SharedInstrument, { id });
    if (!i || (i.status !== CapacityStatus.Published && !actor?.orgRoles.has(i.orgId))) throw AppException.notFound();
    const taken = await this.db.manager
      .getRepository(InstrumentBooking)
      .createQueryBuilder('b')
      .where('b.instrumentId = :id', { id })
      .andWhere('b.status IN (:...open)', { open: [BookingStatus.Requested, BookingStatus.Approved] })
      .andWhere('upper(b.slot) > now()')
      .orderBy('b.slot', 'ASC')
      .take(500)
      .getMany();
    return { ...((await this.instrumentViews([i]))[0] as InstrumentView), busy: taken.map(busyOf) };
  }

  // ---- the owners' side ------------------------------------------------------------------------

  async createProvider(actor: AuthContext, dto: CapacityProviderInputDto): Promise<ProviderDetailView> {
    const fields = this.providerFields(actor, dto);
    const saved = await this.db.manager.save(this.db.manager.create(CapacityProvider, { orgId: dto.orgId, ...fields }));
    return this.provider(actor, saved.id);
  }

  async updateProvider(actor: AuthContext, id: string, dto: CapacityProviderInputDto): Promise<ProviderDetailView> {
    await this.db.transaction(async (m) => {
      const p = await m.findOne(CapacityProvider, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!p || !actor.orgRoles.has(p.orgId)) throw AppException.notFound();
      if (dto.orgId !== p.orgId) throw AppException.validation([{ field: 'orgId', code: 'capacity_not_member' }]);
      await m.update(CapacityProvider, { id }, this.providerFields(actor, dto));
    });
    return this.provider(actor, id);
  }

  async createInstrument(actor: AuthContext, dto: InstrumentInputDto): Promise<InstrumentView> {
    const fields = await this.instrumentFields(actor, dto);
    const saved = await this.db.manager.save(this.db.manager.create(SharedInstrument, { orgId: dto.orgId, ...fields }));
    return (await this.instrumentViews([saved]))[0] as InstrumentView;
  }

  async updateInstrument(actor: AuthContext, id: string, dto: InstrumentInputDto): Promise<InstrumentView> {
    await this.db.transaction(async (m) => {
      const i = await m.findOne(SharedInstrument, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!i || !actor.orgRoles.has(i.orgId)) throw AppException.notFound();
      if (dto.orgId !== i.orgId) throw AppException.validation([{ field: 'orgId', code: 'capacity_not_member' }]);
      await m.update(SharedInstrument, { id }, await this.instrumentFields(actor, dto, m));
    });
    return (await this.instrumentViews([await this.db.manager.findOneByOrFail(SharedInstrument, { id })]))[0] as InstrumentView;
  }

  /** The providers and instruments of the caller's organisations, whatever their status. */
  async ownedBy(orgIds: string[]): Promise<{ providers: ProviderDetailView[]; instruments: InstrumentView[] }> {
    if (!orgIds.length) return { providers: [], instruments: [] };
    const [providers, instruments] = await Promise.all([
      this.db.manager.find(CapacityProvider, { where: { orgId: In(orgIds) }, order: { createdAt: 'ASC', id: 'ASC' } }),
      this.db.manager.find(SharedInstrument, { where: { orgId: In(orgIds) }, order: { createdAt: 'ASC', id: 'ASC' } }),
    ]);
    return { providers: await this.details(providers, true, true), instruments: await this.instrumentViews(instruments) };
  }

  // ---- platform admins ---------------------------------------------------------------------------

  async reviewQueue(): Promise<{ providers: ProviderDetailView[]; instruments: InstrumentView[] }> {
    const [providers, instruments] = await Promise.all([
      this.db.manager.find(CapacityProvider, { where: { status: CapacityStatus.Pending }, order: { updatedAt: 'ASC', id: 'ASC' }, take: 200 }),
      this.db.manager.find(SharedInstrument, { where: { status: CapacityStatus.Pending }, order: { updatedAt: 'ASC', id: 'ASC' }, take: 200 }),
    ]);
    return { providers: await this.details(providers, true, true), instruments: await this.instrumentViews(instruments) };
  }

  /** Publishes or rejects (with a reason) a provider or an instrument, audited; its organisation's members are told. */
  async review(actor: AuthContext, kind: 'provider' | 'instrument', id: string, dto: CapacityReviewDto): Promise<void> {
    const publish = dto.decision === 'publish';
    const reason = dto.reason?.trim() ?? '';
    if (!publish && !reason) throw AppException.validation([{ field: 'reason', code: 'capacity_reason_required' }]);
    const entity = kind === 'provider' ? CapacityProvider : SharedInstrument;
    await this.db.transaction(async (m) => {
      const row = await m.getRepository<CapacityProvider | SharedInstrument>(entity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw AppException.notFound();
      await m
        .getRepository<CapacityProvider | SharedInstrument>(entity)
        .update({ id }, publish ? { status: CapacityStatus.Published, rejectionReason: null } : { status: CapacityStatus.Rejected, rejectionReason: reason });
      await this.audit.record(
        {
          action: publish ? AuditAction.CapacityPublished : AuditAction.CapacityRejected,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: kind === 'provider' ? 'capacity_provider' : 'shared_instrument',
          targetId: id,
          detail: publish ? { name: row.name } : { name: row.name, reason },
        },
        m,
      );
      await this.notifications.notify(m, {
        to: { orgId: row.orgId },
        type: 'capacity.reviewed',
        params: { name: row.name, decision: publish ? '已通过审核，已在平台公开' : `未通过审核：${reason}` },
        link: '/my/capacity',
        dedupeKey: `capacity-review:${id}:${row.updatedAt.toISOString()}:${dto.decision}`,
      });
    });
  }

  // ---- ratings -------------------------------------------------------------------------------------

  /** Each provider's ratings, from completed bookings of its instruments and its completed runs. */
  async ratings(providerIds: string[], m: EntityManager = this.db.manager): Promise<Map<string, RatingSummary>> {
    if (!providerIds.length) return new Map();
    const rows = (await m.query(
      `SELECT pid, count(*)::int AS n, round(avg(rating)::numeric, 2)::text AS average
         FROM (SELECT i.provider_id AS pid, b.rating FROM instrument_booking b JOIN shared_instrument i ON i.id = b.instrument_id WHERE b.rating IS NOT NULL
               UNION ALL
               SELECT provider_id, rating FROM verification_run WHERE rating IS NOT NULL) x
        WHERE pid = ANY($1::uuid[])
        GROUP BY pid`,
      [providerIds],
    )) as { pid: string; n: number; average: string }[];
    const out = new Map(rows.map((r) => [r.pid, ratingSummary(r.n, r.average)]));
    for (const id of providerIds) if (!out.has(id)) out.set(id, ratingSummary(0, null));
    return out;
  }

  // ---- helpers -------------------------------------------------------------------------------------

  private providerFields(actor: AuthContext, dto: CapacityProviderInputDto) {
    const problems: { field: string; code: string }[] = [];
    if (!actor.orgRoles.has(dto.orgId)) problems.push({ field: 'orgId', code: 'capacity_not_member' });
    if (!dto.name.trim()) problems.push({ field: 'name', code: 'isNotEmpty' });
    if (dto.trlMin > dto.trlMax) problems.push({ field: 'trlMax', code: 'capacity_trl_range' });
    if (dto.priceBasis !== PriceBasis.Negotiable && !dto.priceAmount) problems.push({ field: 'priceAmount', code: 'capacity_price_required' });
    if (problems.length) throw AppException.validation(problems);
    return {
      kind: dto.kind,
      name: dto.name.trim(),
      capabilities: dto.capabilities.trim(),
      tags: cleanList(dto.tags),
      chains: [...new Set(dto.chains)],
      trlMin: dto.trlMin,
      trlMax: dto.trlMax,
      scale: dto.scale.trim(),
      batchSize: dto.batchSize.trim(),
      priceBasis: dto.priceBasis,
      priceAmount: dto.priceAmount ?? null,
      contactName: dto.contactName.trim(),
      contactPhone: dto.contactPhone.trim(),
      contactEmail: dto.contactEmail.trim(),
      region: dto.region,
      address: dto.address.trim(),
      status: CapacityStatus.Pending,
      rejectionReason: null,
    };
  }

  private async instrumentFields(actor: AuthContext, dto: InstrumentInputDto, m: EntityManager = this.db.manager) {
    const problems: { field: string; code: string }[] = [];
    if (!actor.orgRoles.has(dto.orgId)) problems.push({ field: 'orgId', code: 'capacity_not_member' });
    if (!dto.name.trim()) problems.push({ field: 'name', code: 'isNotEmpty' });
    if (dto.minHours > dto.maxHours) problems.push({ field: 'maxHours', code: 'capacity_rules_hours' });
    const hours = this.openingHours(dto.openingHours);
    if (!hours) problems.push({ field: 'openingHours', code: 'capacity_opening_hours' });
    if (dto.providerId) {
      const p = await m.findOneBy(CapacityProvider, { id: dto.providerId });
      if (!p || p.orgId !== dto.orgId) problems.push({ field: 'providerId', code: 'capacity_provider_unknown' });
    }
    if (problems.length) throw AppException.validation(problems);
    return {
      providerId: dto.providerId ?? null,
      name: dto.name.trim(),
      model: dto.model.trim(),
      maker: dto.maker.trim(),
      capabilities: dto.capabilities.trim(),
      tags: cleanList(dto.tags),
      location: dto.location.trim(),
      hourlyRate: dto.hourlyRate,
      openingHours: hours as (OpeningHours | null)[],
      minHours: String(dto.minHours),
      maxHours: String(dto.maxHours),
      slotMinutes: dto.slotMinutes,
      leadHours: dto.leadHours,
      approvalRequired: dto.approvalRequired,
      status: CapacityStatus.Pending,
      rejectionReason: null,
    };
  }

  /** Seven days of opening hours, each null or {open, close} with close after open; null when not so. */
  private openingHours(days: unknown[]): (OpeningHours | null)[] | null {
    if (!Array.isArray(days) || days.length !== 7) return null;
    const out: (OpeningHours | null)[] = [];
    for (const d of days) {
      if (d === null) {
        out.push(null);
        continue;
      }
      const { open, close } = (d ?? {}) as { open?: unknown; close?: unknown };
      if (typeof open !== 'string' || typeof close !== 'string' || !TIME_PATTERN.test(open) || !TIME_PATTERN.test(close) || minutesOf(close) <= minutesOf(open)) return null;
      out.push({ open, close });
    }
    return out;
  }

  private async cards(rows: CapacityProvider[]): Promise<ProviderCardView[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [orgNames, ratings, counts] = await Promise.all([
      this.organisations.names(rows.map((r) => r.orgId)),
      this.ratings(ids),
      this.db.query(`SELECT provider_id AS id, count(*)::int AS n FROM shared_instrument WHERE provider_id = ANY($1::uuid[]) AND status = 'published' GROUP BY provider_id`, [
        ids,
      ]) as Promise<{ id: string; n: number }[]>,
    ]);
    const count = new Map(counts.map((c) => [c.id, c.n]));
    return rows.map((p) => ({
      id: p.id,
      orgId: p.orgId,
      orgName: orgNames.get(p.orgId) ?? '',
      kind: p.kind,
      name: p.name,
      capabilities: p.capabilities,
      tags: p.tags,
      chains: p.chains,
      trlMin: p.trlMin,
      trlMax: p.trlMax,
      scale: p.scale,
      batchSize: p.batchSize,
      priceBasis: p.priceBasis,
      priceAmount: p.priceAmount,
      region: p.region,
      address: p.address,
      status: p.status,
      rating: ratings.get(p.id) ?? ratingSummary(0, null),
      instrumentCount: count.get(p.id) ?? 0,
    }));
  }

  private async details(rows: CapacityProvider[], signedIn: boolean, member: boolean): Promise<ProviderDetailView[]> {
    const cards = await this.cards(rows);
    const instruments = rows.length
      ? await this.db.manager.find(SharedInstrument, {
          where: member ? { providerId: In(rows.map((r) => r.id)) } : { providerId: In(rows.map((r) => r.id)), status: CapacityStatus.Published },
          order: { name: 'ASC', id: 'ASC' },
        })
      : [];
    const views = await this.instrumentViews(instruments);
    return rows.map((p, k) => ({
      ...(cards[k] as ProviderCardView),
      contact: signedIn ? { name: p.contactName, phone: p.contactPhone, email: p.contactEmail } : null,
      rejectionReason: member ? p.rejectionReason : null,
      instruments: views.filter((v) => v.providerId === p.id),
      provincialCode: p.provincialCode,
      provincialCategory: p.provincialCategory,
      operatorCreditCode: p.operatorCreditCode,
      provincialSyncedAt: p.provincialSyncedAt?.toISOString() ?? null,
    }));
  }

  async instrumentViews(rows: SharedInstrument[]): Promise<InstrumentView[]> {
    if (!rows.length) return [];
    const providerIds = [...new Set(rows.map((r) => r.providerId).filter((x): x is string => !!x))];
    const [orgNames, providers] = await Promise.all([
      this.organisations.names(rows.map((r) => r.orgId)),
      providerIds.length ? this.db.manager.find(CapacityProvider, { select: { id: true, name: true }, where: { id: In(providerIds) } }) : Promise.resolve([]),
    ]);
    const providerNames = new Map(providers.map((p) => [p.id, p.name]));
    return rows.map((i) => instrumentView(i, orgNames, providerNames));
  }
}
