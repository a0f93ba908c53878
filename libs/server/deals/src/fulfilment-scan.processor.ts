import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDays, AuditAction, beijingDate, DealStage, groupDigits, PAYABLE_SCHEDULE_KINDS } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { NotificationsService } from '@ztt/notifications';
import { APP_CONFIG, AppConfig, HandsOn, JobHandler, JobName, JobOutcome, OutboxTopic, QueueService } from '@ztt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { fulfilmentAudience } from './fulfilment-audience';

/** Enough per scan and step; the next scan picks up the rest. */
const BATCH = 500;
/** A contract is followed once the deal is signed. */
const IN_FORCE = [DealStage.Signed, DealStage.Registered, DealStage.Fulfilled];
/** Lines the parties must act on by their day: the money lines and the royalty reports. */
const ACTIONABLE = [...PAYABLE_SCHEDULE_KINDS, 'royalty_report'];

/** A claimed schedule line with its deal's title, parties and brokers. */
interface Line {
  id: string;
  dealId: string;
  label: string;
  dueOn: string;
  amount: string | null;
  title: string;
  demandOrgId: string;
  supplyOrgId: string;
  leadBrokerId: string;
  coBrokerIds: string[];
}

const RETURNING = `i.id, i.deal_id AS "dealId", i.label, to_char(i.due_on, 'YYYY-MM-DD') AS "dueOn", i.amount::text AS amount,
  d.title, d.demand_org_id AS "demandOrgId", d.supply_org_id AS "supplyOrgId", d.lead_broker_id AS "leadBrokerId", d.co_broker_ids AS "coBrokerIds"`;

/**
 * The fulfilment scan (a job scheduler): for contracts in force, by the Beijing calendar day,
 *   1. reminds both parties and the brokers `fulfilmentRemindDays` before a line they must act on falls due;
 *   2. marks such a line overdue the day after it fell due unsettled, and says so once;
 *   3. settles the markers that only pass (a trial's end, a lock-up's end);
 *   4. lapses a 先用后转 trial whose conversion deadline passed with no decision: the contract's
 *      "on decline" applies, and both parties hear of it.
 * Each line is claimed by a conditional update in its own transaction with its notifications, so a
 * retried or overlapping scan never reminds or reports twice.
 */
@Injectable()
export class FulfilmentScanProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('FulfilmentScan');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly queues: QueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('deals-fulfilment-scan', JobName.DealFulfilmentScan, { every: this.config.deals.fulfilmentScanMs });
  }

  @JobHandler(JobName.DealFulfilmentScan)
  @HandsOn({ publishes: [OutboxTopic.NotificationCreated] })
  async scan(): Promise<JobOutcome> {
    const today = beijingDate();
    const reminded = await this.remind(today);
    const overdue = await this.markOverdue(today);
    const passed = await this.passMarkers(today);
    const lapsed = await this.lapseTrials(today);
    const total = reminded + overdue + passed + lapsed;
    if (total) this.logger.log({ msg: 'fulfilment scan', reminded, overdue, passed, lapsed });
    return { status: total ? 'success' : 'skipped', detail: `${reminded} reminded, ${overdue} overdue, ${passed} passed, ${lapsed} lapsed` };
  }

  private async remind(today: string): Promise<number> {
    const until = addDays(today, this.config.deals.fulfilmentRemindDays);
    return this.each(
      `i.status = 'due' AND i.reminded_at IS NULL AND i.due_on BETWEEN $2 AND $3 AND i.kind = ANY($4)`,
      [today, until, ACTIONABLE],
      `reminded_at = now()`,
      async (m, l) => {
        for (const to of fulfilmentAudience(l, ['demand', 'supply']))
          await this.notifications.notify(m, {
            to,
            type: 'deal.fulfilment_due',
            params: { ...this.lineParams(l), amountEn: l.amount ? `: ${groupDigits(l.amount, 'en')} yuan` : '' },
            link: `/deals/${l.dealId}?tab=fulfilment`,
            dedupeKey: `fulfilment-due:${l.id}:${l.dueOn}`,
          });
      },
    );
  }

  private async markOverdue(today: string): Promise<number> {
    return this.each(`i.status = 'due' AND i.due_on < $2 AND i.kind = ANY($3)`, [today, ACTIONABLE], `status = 'overdue', overdue_notified_at = now()`, async (m, l) => {
      await this.audit.record({ action: AuditAction.DealScheduleOverdue, targetType: 'deal', targetId: l.dealId, detail: { item: l.label, dueOn: l.dueOn, amount: l.amount } }, m);
      for (const to of fulfilmentAudience(l, ['demand', 'supply']))
        await this.notifications.notify(m, {
          to,
          type: 'deal.fulfilment_overdue',
          params: { ...this.lineParams(l), amountEn: l.amount ? ` (${groupDigits(l.amount, 'en')} yuan)` : '' },
          link: `/deals/${l.dealId}?tab=fulfilment`,
          dedupeKey: `fulfilment-overdue:${l.id}:${l.dueOn}`,
        });
    });
  }

  private async passMarkers(today: string): Promise<number> {
    const rows = (await this.db.query(
      `UPDATE contract_schedule_item i SET status = 'done', settled_on = i.due_on
         FROM deal d
        WHERE d.id = i.deal_id AND d.stage = ANY($1) AND i.status = 'due' AND i.due_on <= $2 AND i.kind IN ('trial_end', 'lock_up_end')
        RETURNING i.id`,
      [IN_FORCE, today],
    )) as [unknown[], number];
    return rows[1];
  }

  /** A conversion deadline passed undecided: the line lapses, the trial ends as its terms say. */
  private async lapseTrials(today: string): Promise<number> {
    return this.each(`i.status IN ('due', 'overdue') AND i.due_on < $2 AND i.kind = 'conversion_deadline'`, [today], `status = 'lapsed', settled_on = i.due_on`, async (m, l) => {
      const updated = (await m.query(
        `UPDATE contract_registration SET trial_outcome = 'lapsed', trial_decided_at = now(), updated_at = now()
          WHERE deal_id = $1 AND (trial_outcome IS NULL OR trial_outcome = 'extended')
          RETURNING terms->>'onDecline' AS on_decline`,
        [l.dealId],
      )) as [{ on_decline: string }[], number];
      const onDecline = updated[0]?.[0]?.on_decline;
      if (!onDecline) return;
      const [zh, en] = {
        stop_use: ['停止使用', 'the user stops using it'],
        paid_licence: ['转为普通付费许可', 'it goes on under an ordinary paid licence'],
        other: ['按合同约定处理', 'as the contract says'],
      }[onDecline] ?? ['按合同约定处理', 'as the contract says'];
      await this.audit.record({ action: AuditAction.DealTrialLapsed, targetType: 'deal', targetId: l.dealId, detail: { deadline: l.dueOn, onDecline } }, m);
      for (const to of fulfilmentAudience(l, ['demand', 'supply']))
        await this.notifications.notify(m, {
          to,
          type: 'deal.trial_decided',
          params: { title: l.title, outcome: `转化截止日 ${l.dueOn} 已过，未作决定：${zh}`, outcomeEn: `the conversion deadline ${l.dueOn} passed undecided: ${en}` },
          link: `/deals/${l.dealId}?tab=fulfilment`,
          dedupeKey: `trial-lapsed:${l.dealId}:${l.dueOn}`,
        });
    });
  }

  private lineParams(l: Line): Record<string, string> {
    return { title: l.title, item: l.label, due: l.dueOn, amount: l.amount ? `，金额 ${groupDigits(l.amount)} 元` : '' };
  }

  /**
   * Finds the lines of contracts in force matching `where` ($1 is the stages), then claims each by
   * the same condition with `set` in its own transaction and acts on it there.
   */
  private async each(where: string, params: unknown[], set: string, act: (m: EntityManager, line: Line) => Promise<void>): Promise<number> {
    const found = (await this.db.query(
      `SELECT i.id FROM contract_schedule_item i JOIN deal d ON d.id = i.deal_id WHERE d.stage = ANY($1) AND ${where} ORDER BY i.due_on LIMIT ${BATCH}`,
      [IN_FORCE, ...params],
    )) as { id: string }[];
    let done = 0;
    for (const { id } of found) {
      await this.db.transaction(async (m) => {
        const rows = (await m.query(
          `UPDATE contract_schedule_item i SET ${set}
             FROM deal d
            WHERE i.id = $${params.length + 2} AND d.id = i.deal_id AND d.stage = ANY($1) AND ${where}
            RETURNING ${RETURNING}`,
          [IN_FORCE, ...params, id],
        )) as [Line[], number];
        const line = rows[0]?.[0];
        if (!line) return;
        await act(m, line);
        done++;
      });
    }
    return done;
  }
}
