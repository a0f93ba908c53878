import { BEIJING_OFFSET_MS } from './beijing-time';

/**
 * 中试熟化与仪器共享 (pilot and proof-of-concept capacity, shared instruments): providers — 中试基地,
 * 概念验证中心, 开放产线 — owned by an organisation and published by a platform admin; shared
 * instruments (共享仪器) under a provider or an organisation, booked by the hour under their booking
 * rules; verification runs (验证/中试服务) requested by an achievement's owner at a provider. Both
 * end with the user's satisfaction rating (1–5), public for a provider once it has 3 or more.
 */

export enum CapacityKind {
  /** 中试基地 */
  PilotBase = 'pilot_base',
  /** 概念验证中心 */
  PocCentre = 'poc_centre',
  /** 开放产线 */
  OpenLine = 'open_line',
}
export const CAPACITY_KINDS: readonly string[] = Object.values(CapacityKind);

export enum PriceBasis {
  /** 按批次 */
  Batch = 'batch',
  /** 按天 */
  Day = 'day',
  /** 按小时 */
  Hour = 'hour',
  /** 面议 */
  Negotiable = 'negotiable',
}
export const PRICE_BASES: readonly string[] = Object.values(PriceBasis);

/** A provider's or an instrument's place in the directory: published by a platform admin. */
export enum CapacityStatus {
  Pending = 'pending',
  Published = 'published',
  Rejected = 'rejected',
}

export enum BookingStatus {
  Requested = 'requested',
  Approved = 'approved',
  Declined = 'declined',
  Cancelled = 'cancelled',
  Completed = 'completed',
}

export enum RunStatus {
  Requested = 'requested',
  Approved = 'approved',
  Declined = 'declined',
  Cancelled = 'cancelled',
  Completed = 'completed',
}

/** A provider's average satisfaction is public once it has this many ratings. */
export const PUBLIC_RATING_MIN = 3;

export const CAPACITY_LIMITS = {
  nameLength: 100,
  textLength: 2000,
  tagsMax: 20,
  tagLength: 20,
  chainsMax: 10,
  shortLength: 200,
  reasonLength: 200,
  commentLength: 500,
} as const;

/** One weekday's opening hours in Beijing time ("08:30"–"17:30"), or null when closed. */
export interface OpeningHours {
  open: string;
  close: string;
}

/** How an instrument is booked. `openingHours[0]` is Monday … `[6]` Sunday. */
export interface BookingRules {
  openingHours: (OpeningHours | null)[];
  minHours: number;
  maxHours: number;
  /** bookings start and end on multiples of this many minutes (15, 30 or 60) */
  slotMinutes: number;
  /** at least this many hours ahead of the start */
  leadHours: number;
  /** whether the provider approves each booking (otherwise it is approved at once) */
  approvalRequired: boolean;
}

export const SLOT_MINUTES = [15, 30, 60] as const;
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const WEEKDAYS_ZH = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export interface SlotInput {
  /** YYYY-MM-DD, Beijing */
  date: string;
  /** HH:mm, Beijing */
  start: string;
  end: string;
}

export interface BookingProblem {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

function minutes(t: string): number {
  const [h, m] = t.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** The instant of a Beijing date and time. */
export function beijingInstant(date: string, time: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + minutes(time) * 60_000 - BEIJING_OFFSET_MS);
}

/** Monday 0 … Sunday 6 of a YYYY-MM-DD date. */
export function weekdayIndex(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * What is wrong with a slot under an instrument's rules (empty when it may be booked): the format,
 * end after start, the granularity, the minimum and maximum hours, the opening hours of that weekday
 * (Beijing time) and the lead time. Messages (error-messages.ts) say it in Chinese first.
 */
export function bookingProblems(rules: BookingRules, slot: SlotInput, now = new Date()): BookingProblem[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(slot.date) || Number.isNaN(Date.parse(`${slot.date}T00:00:00Z`))) return [{ field: 'date', code: 'booking_date_invalid' }];
  if (!TIME_PATTERN.test(slot.start)) return [{ field: 'start', code: 'booking_time_invalid' }];
  if (!TIME_PATTERN.test(slot.end)) return [{ field: 'end', code: 'booking_time_invalid' }];
  const [s, e] = [minutes(slot.start), minutes(slot.end)];
  if (e <= s) return [{ field: 'end', code: 'booking_end_before_start' }];
  const out: BookingProblem[] = [];
  if (s % rules.slotMinutes || e % rules.slotMinutes) out.push({ field: 'start', code: 'booking_granularity', params: { minutes: rules.slotMinutes } });
  const hours = (e - s) / 60;
  if (hours < rules.minHours) out.push({ field: 'end', code: 'booking_min_hours', params: { hours: rules.minHours } });
  if (hours > rules.maxHours) out.push({ field: 'end', code: 'booking_max_hours', params: { hours: rules.maxHours } });
  const day = rules.openingHours[weekdayIndex(slot.date)] ?? null;
  if (!day) out.push({ field: 'date', code: 'booking_closed_day', params: { weekday: WEEKDAYS_ZH[weekdayIndex(slot.date)] as string } });
  else if (s < minutes(day.open) || e > minutes(day.close)) out.push({ field: 'start', code: 'booking_outside_hours', params: { open: day.open, close: day.close } });
  const start = beijingInstant(slot.date, slot.start);
  if (start.getTime() < now.getTime()) out.push({ field: 'date', code: 'booking_in_past' });
  else if (start.getTime() < now.getTime() + rules.leadHours * 3_600_000) out.push({ field: 'date', code: 'booking_lead_time', params: { hours: rules.leadHours } });
  return out;
}

/** Hours of a slot, as a decimal string with two places ("2.50"). */
export function slotHours(slot: SlotInput): string {
  const m = minutes(slot.end) - minutes(slot.start);
  const h = Math.floor(m / 60);
  const frac = Math.round(((m % 60) / 60) * 100);
  return `${h}.${String(frac).padStart(2, '0')}`;
}

export interface ContactView {
  name: string;
  phone: string;
  email: string;
}

/** A provider's satisfaction: the average is null below PUBLIC_RATING_MIN ratings. */
export interface RatingSummary {
  count: number;
  /** two decimals, or null (评价不足3条) */
  average: string | null;
}

/** The provincial database's fields (省科技资源共享平台), kept for a later sync. */
export interface ProvincialFields {
  provincialCode: string | null;
  provincialCategory: string | null;
  operatorCreditCode: string | null;
  provincialSyncedAt: string | null;
}

export interface ProviderCardView {
  id: string;
  orgId: string;
  orgName: string;
  kind: CapacityKind;
  name: string;
  capabilities: string;
  tags: string[];
  chains: string[];
  trlMin: number;
  trlMax: number;
  scale: string;
  batchSize: string;
  priceBasis: PriceBasis;
  priceAmount: string | null;
  region: string;
  address: string;
  status: CapacityStatus;
  rating: RatingSummary;
  instrumentCount: number;
}

export interface InstrumentView extends ProvincialFields {
  id: string;
  orgId: string;
  orgName: string;
  providerId: string | null;
  providerName: string | null;
  name: string;
  model: string;
  maker: string;
  capabilities: string;
  tags: string[];
  location: string;
  hourlyRate: string;
  rules: BookingRules;
  status: CapacityStatus;
  rejectionReason: string | null;
}

export interface BusySlot {
  start: string;
  end: string;
}

export interface InstrumentDetailView extends InstrumentView {
  /** requested or approved bookings from now on (no booker named) */
  busy: BusySlot[];
}

export interface ProviderDetailView extends ProviderCardView, ProvincialFields {
  /** null unless the caller is signed in */
  contact: ContactView | null;
  rejectionReason: string | null;
  instruments: InstrumentView[];
}

export interface BookingView {
  id: string;
  instrumentId: string;
  instrumentName: string;
  orgId: string;
  providerName: string | null;
  userId: string;
  userName: string;
  start: string;
  end: string;
  /** Beijing, for display */
  date: string;
  startTime: string;
  endTime: string;
  hours: string;
  amount: string;
  purpose: string;
  status: BookingStatus;
  declineReason: string | null;
  hoursUsed: string | null;
  rating: number | null;
  ratingComment: string | null;
  createdAt: string;
}

export interface RunView {
  id: string;
  providerId: string;
  providerName: string;
  providerOrgId: string;
  achievementId: string;
  achievementTitle: string;
  orgId: string;
  requesterName: string;
  goal: string;
  wishFrom: string;
  wishTo: string;
  scheduledFrom: string | null;
  scheduledTo: string | null;
  trlBefore: number;
  trlReached: number | null;
  result: string | null;
  status: RunStatus;
  declineReason: string | null;
  rating: number | null;
  ratingComment: string | null;
  createdAt: string;
}

/** What a provider's members manage: their entries, instruments, and the bookings and runs they receive. */
export interface MyCapacityView {
  providers: ProviderDetailView[];
  instruments: InstrumentView[];
  bookings: BookingView[];
  runs: RunView[];
}

/** What a user asked for: their bookings and their organisations' runs. */
export interface MyBookingsView {
  bookings: BookingView[];
  runs: RunView[];
}

export interface CapacitySuggestion {
  providerId: string;
  name: string;
  kind: CapacityKind;
  trlMin: number;
  trlMax: number;
  score: number;
  reasons: string[];
}

export interface CapacitySuggestionsView {
  trl: number;
  /** false when the achievement is outside TRL 3–6 (no suggestions) */
  eligible: boolean;
  suggestions: CapacitySuggestion[];
}

/** The dashboard's capacity section: per provider utilisation and satisfaction in a quarter. */
export interface CapacityProviderFigures {
  providerId: string | null;
  name: string;
  orgName: string;
  kind: CapacityKind | 'instruments';
  /** instruments: approved and completed booked hours over open hours in the quarter, percent with two decimals */
  bookedHours: string;
  openHours: string;
  utilisation: string | null;
  runs: number;
  ratingCount: number;
  ratingAverage: string | null;
}

export interface TrlMove {
  runId: string;
  achievementId: string;
  achievementTitle: string;
  providerName: string;
  trlBefore: number;
  trlReached: number;
  completedAt: string;
}

export interface CapacityDashboardView {
  quarter: string;
  providers: CapacityProviderFigures[];
  trlMoves: TrlMove[];
}
