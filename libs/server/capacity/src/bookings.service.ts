import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  beijingInstant,
  beijingMinute,
  BookingStatus,
  BookingView,
  bookingProblems,
  CapacityStatus,
  ErrorCode,
  fromHundredths,
  hundredths,
  PlatformRole,
  slotHours,
} from '@ztt/contracts';
import { PeopleDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, hasPlatformRole, isExclusionViolation } from '@ztt/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { CapacityProvider, InstrumentBooking, SharedInstrument } from './capacity.entity';
import { CapacityCancelDto, CapacityRatingDto, CapacityReasonDto, CompleteBookingDto, CreateBookingDto } from './dto/capacity.dto';
import { bookingView, parseSlot, rulesOf, slotLiteral } from './views';

const OPEN = [BookingStatus.Requested, BookingStatus.Approved];

/**
 * 仪器预约: a signed-in user books a published instrument for a slot that its rules allow (granularity,
 * minimum and maximum hours, opening hours in Beijing time, lead time). Requested and approved
 * bookings of one instrument never overlap — the database's exclusion constraint decides, so two
 * requests for one slot at the same time give one booking and one 409 SLOT_TAKEN. The instrument's
 * organisation approves (or it is approved at once when its rules say so) or declines with a
 * reason, and marks it completed with the hours used; the booker or the provider cancels; the booker
 * rates it once (1–5). Other callers get 404.
 */
@Injectable()
export class BookingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PeopleDirectory,
    private readonly notifications: NotificationsService,
  ) {}

  async book(actor: AuthContext, dto: CreateBookingDto): Promise<BookingView> {
    const instrument = await this.db.manager.findOneBy(SharedInstrument, { id: dto.instrumentId });
    if (!instrument) throw AppException.validation([{ field: 'instrumentId', code: 'booking_not_published' }]);
    if (instrument.status !== CapacityStatus.Published) throw AppException.validation([{ field: 'instrumentId', code: 'booking_not_published' }]);
    const slot = { date: dto.date, start: dto.start, end: dto.end };
    const problems = bookingProblems(rulesOf(instrument), slot);
    if (problems.length) throw AppException.validation(problems);
    const start = beijingInstant(dto.date, dto.start);
    const end = beijingInstant(dto.date, dto.end);
    const hours = slotHours(slot);
    const minutes = Math.round((end.getTime() - start.getTime()) / 60_000);
    // hourly rate × minutes / 60, in fen, half up
    const amount = fromHundredths((hundredths(instrument.hourlyRate) * BigInt(minutes) * 2n + 60n) / 120n);
    const status = instrument.approvalRequired ? BookingStatus.Requested : BookingStatus.Approved;
    let id: string;
    try {
      id = await this.db.transaction(async (m) => {
        const saved = await m.save(
          m.create(InstrumentBooking, {
            instrumentId: instrument.id,
            userId: actor.userId,
            slot: slotLiteral(start, end),
            hours,
            amount,
            purpose: dto.purpose?.trim() ?? '',
            status,
            decidedAt: status === BookingStatus.Approved ? new Date() : null,
          }),
        );
        const slotText = `${dto.date} ${dto.start}–${dto.end}`;
        await this.notifications.notify(m, {
          to: { orgId: instrument.orgId },
          type: 'capacity.booking_requested',
          params: { name: actor.displayName, title: instrument.name, slot: slotText },
          link: '/my/capacity',
          dedupeKey: `booking:${saved.id}:requested`,
        });
        if (status === BookingStatus.Approved)
          await this.notifications.notify(m, {
            to: { userIds: [actor.userId] },
            type: 'capacity.booking_decided',
            params: { title: instrument.name, slot: slotText, decision: '已确认' },
            link: '/my/bookings',
            dedupeKey: `booking:${saved.id}:decided`,
          });
        return saved.id;
      });
    } catch (e) {
      if (isExclusionViolation(e)) throw AppException.conflict(ErrorCode.SlotTaken);
      throw e;
    }
    return this.get(actor, id);
  }

  async get(actor: AuthContext, id: string): Promise<BookingView> {
    const b = await this.db.manager.findOneBy(InstrumentBooking, { id });
    if (!b) throw AppException.notFound();
    const instrument = await this.db.manager.findOneByOrFail(SharedInstrument, { id: b.instrumentId });
    if (b.userId !== actor.userId && !actor.orgRoles.has(instrument.orgId) && !hasPlatformRole(actor, PlatformRole.Admin)) throw AppException.notFound();
    return (await this.views([b]))[0] as BookingView;
  }

  /** Bookings the caller made, newest first. */
  async mine(actor: AuthContext): Promise<BookingView[]> {
    return this.views(await this.db.manager.find(InstrumentBooking, { where: { userId: actor.userId }, order: { createdAt: 'DESC', id: 'DESC' }, take: 200 }));
  }

  /** Bookings of the organisations' instruments, by slot. */
  async forOrgs(orgIds: string[]): Promise<BookingView[]> {
    if (!orgIds.length) return [];
    const rows = await this.db.manager
      .getRepository(InstrumentBooking)
      .createQueryBuilder('b')
      .innerJoin(SharedInstrument, 'i', 'i.id = b.instrumentId')
      .where('i.orgId IN (:...orgIds)', { orgIds })
      .orderBy('b.slot', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .take(500)
      .getMany();
    return this.views(rows);
  }

  approve(actor: AuthContext, id: string): Promise<BookingView> {
    return this.decide(actor, id, null);
  }

  decline(actor: AuthContext, id: string, dto: CapacityReasonDto): Promise<BookingView> {
    const reason = dto.reason.trim();
    if (!reason) throw AppException.validation([{ field: 'reason', code: 'capacity_reason_required' }]);
    return this.decide(actor, id, reason);
  }

  private async decide(actor: AuthContext, id: string, reason: string | null): Promise<BookingView> {
    await this.db.transaction(async (m) => {
      const { b, instrument } = await this.locked(m, id);
      if (!actor.orgRoles.has(instrument.orgId)) throw AppException.notFound();
      if (b.status !== BookingStatus.Requested) throw AppException.invalidState();
      await m.update(
        InstrumentBooking,
        { id },
        reason === null ? { status: BookingStatus.Approved, decidedAt: new Date() } : { status: BookingStatus.Declined, declineReason: reason, decidedAt: new Date() },
      );
      await this.notifications.notify(m, {
        to: { userIds: [b.userId] },
        type: 'capacity.booking_decided',
        params: { title: instrument.name, slot: slotText(b), decision: reason === null ? '已批准' : `未批准：${reason}` },
        link: '/my/bookings',
        dedupeKey: `booking:${id}:decided`,
      });
    });
    return this.get(actor, id);
  }

  /** The booker or the instrument's organisation cancels a booking that is requested or approved; the other side is told. */
  async cancel(actor: AuthContext, id: string, dto: CapacityCancelDto): Promise<BookingView> {
    await this.db.transaction(async (m) => {
      const { b, instrument } = await this.locked(m, id);
      const booker = b.userId === actor.userId;
      const provider = actor.orgRoles.has(instrument.orgId);
      if (!booker && !provider) throw AppException.notFound();
      if (!OPEN.includes(b.status)) throw AppException.invalidState();
      await m.update(InstrumentBooking, { id }, { status: BookingStatus.Cancelled, cancelledAt: new Date(), declineReason: null });
      await this.notifications.notify(m, {
        to: booker ? { orgId: instrument.orgId } : { userIds: [b.userId] },
        type: 'capacity.booking_cancelled',
        params: { title: instrument.name, slot: slotText(b), reason: dto.reason?.trim() ?? '' },
        link: booker ? '/my/capacity' : '/my/bookings',
        dedupeKey: `booking:${id}:cancelled`,
      });
    });
    return this.get(actor, id);
  }

  /** The instrument's organisation marks an approved booking completed, with the hours used; the booker is asked to rate it. */
  async complete(actor: AuthContext, id: string, dto: CompleteBookingDto): Promise<BookingView> {
    if (!(dto.hoursUsed > 0 && dto.hoursUsed <= 24)) throw AppException.validation([{ field: 'hoursUsed', code: 'capacity_hours_used' }]);
    await this.db.transaction(async (m) => {
      const { b, instrument } = await this.locked(m, id);
      if (!actor.orgRoles.has(instrument.orgId)) throw AppException.notFound();
      if (b.status !== BookingStatus.Approved) throw AppException.invalidState();
      await m.update(InstrumentBooking, { id }, { status: BookingStatus.Completed, hoursUsed: dto.hoursUsed.toFixed(2), completedAt: new Date() });
      await this.notifications.notify(m, {
        to: { userIds: [b.userId] },
        type: 'capacity.booking_completed',
        params: { title: instrument.name, slot: slotText(b) },
        link: '/my/bookings',
        dedupeKey: `booking:${id}:completed`,
      });
    });
    return this.get(actor, id);
  }

  /** The booker rates a completed booking once (409 CAPACITY_ALREADY_RATED after). */
  async rate(actor: AuthContext, id: string, dto: CapacityRatingDto): Promise<BookingView> {
    await this.db.transaction(async (m) => {
      const { b } = await this.locked(m, id);
      if (b.userId !== actor.userId) throw AppException.notFound();
      if (b.rating !== null) throw AppException.conflict(ErrorCode.CapacityAlreadyRated);
      if (b.status !== BookingStatus.Completed) throw AppException.invalidState();
      await m.update(InstrumentBooking, { id }, { rating: dto.score, ratingComment: dto.comment?.trim() || null, ratedAt: new Date() });
    });
    return this.get(actor, id);
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private async locked(m: EntityManager, id: string): Promise<{ b: InstrumentBooking; instrument: SharedInstrument }> {
    const b = await m.findOne(InstrumentBooking, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!b) throw AppException.notFound();
    return { b, instrument: await m.findOneByOrFail(SharedInstrument, { id: b.instrumentId }) };
  }

  async views(rows: InstrumentBooking[]): Promise<BookingView[]> {
    if (!rows.length) return [];
    const instruments = await this.db.manager.find(SharedInstrument, { where: { id: In([...new Set(rows.map((r) => r.instrumentId))]) } });
    const byId = new Map(instruments.map((i) => [i.id, i]));
    const providerIds = [...new Set(instruments.map((i) => i.providerId).filter((x): x is string => !!x))];
    const [providers, names] = await Promise.all([
      providerIds.length ? this.db.manager.find(CapacityProvider, { select: { id: true, name: true }, where: { id: In(providerIds) } }) : Promise.resolve([]),
      this.people.names(rows.map((r) => r.userId)),
    ]);
    const providerNames = new Map(providers.map((p) => [p.id, p.name]));
    return rows.map((b) => {
      const i = byId.get(b.instrumentId);
      return bookingView(b, i, i?.providerId ? (providerNames.get(i.providerId) ?? null) : null, names.get(b.userId) ?? '');
    });
  }
}

function slotText(b: InstrumentBooking): string {
  const v = parseSlot(b.slot);
  return `${beijingMinute(v.start)}–${beijingMinute(v.end).slice(11)}`;
}
