import type { ItemKind } from '@ztt/contracts';
import type { Job } from 'bullmq';

/** Every queue and every job, in one place. The worker refuses to start unless each job has exactly one handler. */
export enum QueueName {
  Maintenance = 'maintenance',
  Catalogue = 'catalogue',
  Search = 'search',
  Notifications = 'notifications',
  Matching = 'matching',
  Deals = 'deals',
  Campaigns = 'campaigns',
  Partners = 'partners',
}

export enum JobName {
  PurgeExpiredAuth = 'maintenance.purge-expired-auth',
  ExpireNeeds = 'catalogue.expire-needs',
  /** The outbox relay (platform's OutboxRelay); its name predates the move, and schedulers in Redis keep it. */
  RelayOutbox = 'search.relay-outbox',
  /** One per relay batch and kind: `{ kind, ids }`, upserted (or deleted) in one Meilisearch task. */
  IndexBatch = 'search.index-batch',
  ReconcileIndex = 'search.reconcile',
  DeliverNotification = 'notifications.deliver',
  /** Scheduled: queues again the deliveries whose job was lost. */
  SweepDeliveries = 'notifications.sweep-deliveries',
  MatchItem = 'matching.match-item',
  QuarterlyRun = 'matching.quarterly-run',
  /** Scheduled: recomputes text relevance's corpus statistics of each kind whose published catalogue changed. */
  RefreshTextStatistics = 'matching.text-statistics',
  DealTaskReminder = 'deals.task-reminder',
  DealIdleScan = 'deals.idle-scan',
  /** Scheduled: reminds before a contract's schedule lines fall due, marks them overdue after, ends lapsed 先用后转 trials. */
  DealFulfilmentScan = 'deals.fulfilment-scan',
  CampaignScan = 'campaigns.scan',
  QuarterlyReport = 'campaigns.quarterly-report',
  /** One per partner key and item version: tells the key's webhook URL the item was published, updated or withdrawn. */
  PartnerWebhook = 'partners.webhook',
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.PurgeExpiredAuth]: QueueName.Maintenance,
  [JobName.ExpireNeeds]: QueueName.Catalogue,
  [JobName.RelayOutbox]: QueueName.Search,
  [JobName.IndexBatch]: QueueName.Search,
  [JobName.ReconcileIndex]: QueueName.Search,
  [JobName.DeliverNotification]: QueueName.Notifications,
  [JobName.SweepDeliveries]: QueueName.Notifications,
  [JobName.MatchItem]: QueueName.Matching,
  [JobName.QuarterlyRun]: QueueName.Matching,
  [JobName.RefreshTextStatistics]: QueueName.Matching,
  [JobName.DealTaskReminder]: QueueName.Deals,
  [JobName.DealIdleScan]: QueueName.Deals,
  [JobName.DealFulfilmentScan]: QueueName.Deals,
  [JobName.CampaignScan]: QueueName.Campaigns,
  [JobName.QuarterlyReport]: QueueName.Campaigns,
  [JobName.PartnerWebhook]: QueueName.Partners,
};

/** Retry, backoff and retention: failed jobs are kept (bounded) as evidence, never thrown away. */
export const JOB_DEFAULTS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 10_000, age: 30 * 24 * 3600 },
} as const;

export type JobOutcome = { status: 'success' | 'skipped'; detail?: string };

/** A job that carries nothing: scheduled housekeeping, whose handler looks up what to do. */
export type NoPayload = Record<string, never>;

/**
 * What each job carries: ids and small values only, never an entity (the handler reads the current
 * row). `QueueService.add` and every handler's `Job` are typed by it, so a producer and its
 * handler cannot disagree on a job's shape. The quarterly jobs' scheduled occurrences carry no
 * quarter: the handler works it out from the date.
 */
export interface JobPayloads {
  [JobName.PurgeExpiredAuth]: NoPayload;
  [JobName.ExpireNeeds]: NoPayload;
  [JobName.RelayOutbox]: NoPayload;
  [JobName.IndexBatch]: { kind: ItemKind; ids: string[] };
  [JobName.ReconcileIndex]: NoPayload;
  [JobName.DeliverNotification]: { notificationId: string };
  [JobName.SweepDeliveries]: NoPayload;
  [JobName.MatchItem]: { kind: ItemKind; id: string };
  [JobName.QuarterlyRun]: { quarter?: string };
  [JobName.RefreshTextStatistics]: NoPayload;
  [JobName.DealTaskReminder]: { taskId: string; remindAt: number };
  [JobName.DealIdleScan]: NoPayload;
  [JobName.DealFulfilmentScan]: NoPayload;
  [JobName.CampaignScan]: NoPayload;
  [JobName.QuarterlyReport]: { quarter?: string };
  [JobName.PartnerWebhook]: { keyId: string; kind: ItemKind; id: string; version: number };
}

/** The BullMQ job a handler of `N` receives. */
export type JobOf<N extends JobName> = Job<JobPayloads[N], JobOutcome, N>;
