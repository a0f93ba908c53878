import { BookingRules, BookingView, BusySlot, InstrumentView, PUBLIC_RATING_MIN, RatingSummary, RunView, beijingDate, beijingMinute } from '@ztt/contracts';
import { InstrumentBooking, SharedInstrument, VerificationRun } from './capacity.entity';

/** "[\"2026-12-10 01:00:00+00\",\"2026-12-10 03:00:00+00\")" → its two instants. */
export function parseSlot(slot: string): { start: Date; end: Date } {
  const [a, b] = slot
    .replace(/^[[(]|[\])]$/g, '')
    .split(',')
    .map(
      (s) =>
        new Date(
          s
            .trim()
            .replace(/^"|"$/g, '')
            .replace(' ', 'T')
            .replace(/([+-]\d\d)$/, '$1:00'),
        ),
    );
  return { start: a as Date, end: b as Date };
}

/** A tstzrange literal [start, end). */
export function slotLiteral(start: Date, end: Date): string {
  return `[${start.toISOString()},${end.toISOString()})`;
}

export function rulesOf(i: SharedInstrument): BookingRules {
  return {
    openingHours: i.openingHours,
    minHours: Number(i.minHours),
    maxHours: Number(i.maxHours),
    slotMinutes: i.slotMinutes,
    leadHours: i.leadHours,
    approvalRequired: i.approvalRequired,
  };
}

/** count and average of ratings; the average only from PUBLIC_RATING_MIN on. */
export function ratingSummary(count: number, average: string | null): RatingSummary {
  return { count, average: count >= PUBLIC_RATING_MIN ? average : null };
}

export function instrumentView(i: SharedInstrument, orgNames: Map<string, string>, providerNames: Map<string, string>): InstrumentView {
  return {
    id: i.id,
    orgId: i.orgId,
    orgName: orgNames.get(i.orgId) ?? '',
    providerId: i.providerId,
    providerName: i.providerId ? (providerNames.get(i.providerId) ?? null) : null,
    name: i.name,
    model: i.model,
    maker: i.maker,
    capabilities: i.capabilities,
    tags: i.tags,
    location: i.location,
    hourlyRate: i.hourlyRate,
    rules: rulesOf(i),
    status: i.status,
    rejectionReason: i.rejectionReason,
    provincialCode: i.provincialCode,
    provincialCategory: i.provincialCategory,
    operatorCreditCode: i.operatorCreditCode,
    provincialSyncedAt: i.provincialSyncedAt?.toISOString() ?? null,
  };
}

export function busyOf(b: InstrumentBooking): BusySlot {
  const { start, end } = parseSlot(b.slot);
  return { start: start.toISOString(), end: end.toISOString() };
}

export function bookingView(b: InstrumentBooking, instrument: SharedInstrument | undefined, providerName: string | null, userName: string): BookingView {
  const { start, end } = parseSlot(b.slot);
  return {
    id: b.id,
    instrumentId: b.instrumentId,
    instrumentName: instrument?.name ?? '',
    orgId: instrument?.orgId ?? '',
    providerName,
    userId: b.userId,
    userName,
    start: start.toISOString(),
    end: end.toISOString(),
    date: beijingDate(start),
    startTime: beijingMinute(start).slice(11),
    endTime: beijingMinute(end).slice(11) === '00:00' && beijingDate(end) !== beijingDate(start) ? '24:00' : beijingMinute(end).slice(11),
    hours: b.hours,
    amount: b.amount,
    purpose: b.purpose,
    status: b.status,
    declineReason: b.declineReason,
    hoursUsed: b.hoursUsed,
    rating: b.rating,
    ratingComment: b.ratingComment,
    createdAt: b.createdAt.toISOString(),
  };
}

export function runView(r: VerificationRun, provider: { name: string; orgId: string } | undefined, achievementTitle: string, requesterName: string): RunView {
  return {
    id: r.id,
    providerId: r.providerId,
    providerName: provider?.name ?? '',
    providerOrgId: provider?.orgId ?? '',
    achievementId: r.achievementId,
    achievementTitle,
    orgId: r.orgId,
    requesterName,
    goal: r.goal,
    wishFrom: r.wishFrom,
    wishTo: r.wishTo,
    scheduledFrom: r.scheduledFrom,
    scheduledTo: r.scheduledTo,
    trlBefore: r.trlBefore,
    trlReached: r.trlReached,
    result: r.result,
    status: r.status,
    declineReason: r.declineReason,
    rating: r.rating,
    ratingComment: r.ratingComment,
    createdAt: r.createdAt.toISOString(),
  };
}
