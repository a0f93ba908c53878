import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  BrokerPerformance,
  CONTRACT_TYPE_LABELS,
  DEAL_OPEN_STAGES,
  DEAL_STAGE_LABELS,
  DealStage,
  PlatformRole,
  REGISTRATION_SHEET_FIELDS,
  RegistrationListEntry,
  ScheduleItemKind,
  ScheduleItemStatus,
  TAXONOMY,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { AppException, AuthContext, hasPlatformRole } from '@ztt/platform';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { ContractRegistration, contractView, DealsService } from '@ztt/deals';
import { SCHEDULE_KIND_LABELS, SCHEDULE_STATUS_LABELS, termsRows } from './terms-sheet';

interface SheetSource {
  contract: ContractRegistration;
  needTitle: string | null;
  achievementTitle: string | null;
  brokerName: string;
}

/** The registration sheet's values, by REGISTRATION_SHEET_FIELDS key; amounts stay exact decimal text. */
export function sheetValues(s: SheetSource): Record<string, string> {
  const c = s.contract;
  const subtype = TAXONOMY.contractTypes.find((t) => t.code === c.contractSubtype)?.label ?? c.contractSubtype;
  const source = [s.needTitle && `需求：${s.needTitle}`, s.achievementTitle && `成果：${s.achievementTitle}`, c.sourceChallengeId && `榜单：${c.sourceChallengeId}`]
    .filter(Boolean)
    .join('；');
  return {
    contractNo: c.contractNo,
    contractName: c.contractName,
    contractType: CONTRACT_TYPE_LABELS[c.contractType]?.['zh-CN'] ?? c.contractType,
    contractSubtype: subtype,
    buyerName: c.buyerName,
    buyerCreditCode: c.buyerCreditCode,
    sellerName: c.sellerName,
    sellerCreditCode: c.sellerCreditCode,
    signedOn: c.signedOn,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    totalAmount: c.totalAmount,
    techAmount: c.techAmount,
    paymentTerms: c.paymentTerms,
    source,
    broker: s.brokerName,
    registrationNumber: c.registrationNumber ?? '',
    registeredOn: c.registeredOn ?? '',
  };
}

const SOURCE_SQL = `
  SELECT c.deal_id, n.title AS need_title, a.title AS ach_title, coalesce(u.display_name, '') AS broker, d.title AS deal_title, d.stage
    FROM contract_registration c JOIN deal d ON d.id = c.deal_id
    LEFT JOIN tech_need n ON n.id = c.source_need_id
    LEFT JOIN achievement a ON a.id = c.source_achievement_id
    LEFT JOIN app_user u ON u.id = d.lead_broker_id`;

interface SourceRow {
  deal_id: string;
  need_title: string | null;
  ach_title: string | null;
  broker: string;
  deal_title: string;
  stage: DealStage;
}

/** The registration data sheet and list, and each broker's performance. */
@Injectable()
export class DealReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly deals: DealsService,
    private readonly audit: AuditService,
  ) {}

  /** 技术合同认定登记表: one row per field the registration office asks for (brokers of the deal and admins). */
  async registrationSheet(actor: AuthContext, dealId: string): Promise<Buffer> {
    const a = await this.deals.access(actor, dealId);
    if (a.role === 'party') throw AppException.notFound();
    const contract = await this.db.manager.findOneBy(ContractRegistration, { dealId });
    if (!contract) throw AppException.notFound();
    const src = ((await this.db.query(`${SOURCE_SQL} WHERE c.deal_id = $1`, [dealId])) as SourceRow[])[0] as SourceRow;
    const values = sheetValues({ contract, needTitle: src.need_title, achievementTitle: src.ach_title, brokerName: src.broker });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('技术合同登记表');
    ws.columns = [{ width: 30 }, { width: 60 }];
    ws.addRow(['技术合同认定登记表（数据）']).font = { bold: true, size: 14 };
    ws.addRow(['项目', '内容']).font = { bold: true };
    for (const f of REGISTRATION_SHEET_FIELDS) {
      const row = ws.addRow([f.label, values[f.key] ?? '']);
      // Amounts and codes as text: exactly what was recorded, no float rounding in the spreadsheet.
      row.getCell(2).numFmt = '@';
    }
    // The structured terms (转化方式 and its key fields), then the fulfilment schedule's lines.
    ws.addRow([]);
    ws.addRow(['合同条款', '']).font = { bold: true };
    for (const [label, value] of termsRows(contract.terms, contract.signedOn, contract.trialOutcome)) ws.addRow([label, value]).getCell(2).numFmt = '@';
    const lines = (await this.db.query(
      `SELECT seq, kind, label, due_on::text AS due_on, amount::text AS amount, status FROM contract_schedule_item WHERE deal_id = $1 ORDER BY seq`,
      [dealId],
    )) as { seq: number; kind: ScheduleItemKind; label: string; due_on: string; amount: string | null; status: ScheduleItemStatus }[];
    ws.addRow([]);
    ws.addRow(['履约计划', lines.length ? '' : '无']).font = { bold: true };
    if (lines.length) {
      ws.getColumn(3).width = 16;
      ws.getColumn(4).width = 12;
      ws.getColumn(5).width = 12;
      ws.addRow(['事项', '到期日', '金额（元）', '类型', '状态']).font = { bold: true };
      for (const l of lines) {
        const row = ws.addRow([`${l.seq}. ${l.label}`, l.due_on, l.amount ?? '', SCHEDULE_KIND_LABELS[l.kind] ?? l.kind, SCHEDULE_STATUS_LABELS[l.status] ?? l.status]);
        row.getCell(3).numFmt = '@';
      }
    }
    await this.audit.record({ action: AuditAction.DataExported, actorId: actor.userId, actorEmail: actor.email, targetType: 'contract_registration', targetId: dealId });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** The recorded contracts, newest first (at most 10,000), with where each came from. */
  private async recorded(): Promise<{ rows: SourceRow[]; byId: Map<string, ContractRegistration> }> {
    const rows = (await this.db.query(`${SOURCE_SQL} ORDER BY c.updated_at DESC LIMIT 10000`)) as SourceRow[];
    const contracts = rows.length
      ? await this.db.manager
          .getRepository(ContractRegistration)
          .createQueryBuilder('c')
          .where('c.deal_id = ANY(:ids)', { ids: rows.map((r) => r.deal_id) })
          .getMany()
      : [];
    const byId = new Map(contracts.map((c) => [c.dealId, c]));
    return { rows, byId };
  }

  /** Every recorded contract, newest first (platform admins). */
  async registrations(): Promise<RegistrationListEntry[]> {
    const { rows, byId } = await this.recorded();
    return rows.map((r) => ({ ...contractView(byId.get(r.deal_id) as ContractRegistration), dealTitle: r.deal_title, stage: r.stage, brokerName: r.broker }));
  }

  async exportRegistrations(actor: AuthContext): Promise<Buffer> {
    const { rows, byId } = await this.recorded();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('技术合同登记');
    ws.addRow(['对接', '阶段', ...REGISTRATION_SHEET_FIELDS.map((f) => f.label)]).font = { bold: true };
    for (const r of rows) {
      const v = sheetValues({ contract: byId.get(r.deal_id) as ContractRegistration, needTitle: r.need_title, achievementTitle: r.ach_title, brokerName: r.broker });
      ws.addRow([r.deal_title, DEAL_STAGE_LABELS[r.stage]['zh-CN'], ...REGISTRATION_SHEET_FIELDS.map((f) => v[f.key] ?? '')]);
    }
    await this.audit.record({
      action: AuditAction.DataExported,
      actorId: actor.userId,
      actorEmail: actor.email,
      targetType: 'contract_registration',
      detail: { rows: rows.length },
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** A broker's own figures; platform admins may read any broker's. */
  async performance(actor: AuthContext, brokerId?: string): Promise<BrokerPerformance> {
    const id = brokerId ?? actor.userId;
    if (id !== actor.userId && !hasPlatformRole(actor, PlatformRole.Admin)) throw AppException.notFound();
    if (!brokerId && !hasPlatformRole(actor, PlatformRole.Broker)) throw AppException.notFound();
    const user = (await this.db.query(`SELECT display_name FROM app_user WHERE id = $1`, [id])) as { display_name: string }[];
    if (!user.length) throw AppException.notFound();
    const mine = `(d.lead_broker_id = $1 OR $1 = ANY(d.co_broker_ids))`;
    const [open, counts, days, value] = (await Promise.all([
      this.db.query(`SELECT d.stage, count(*)::int AS n FROM deal d WHERE ${mine} AND d.stage = ANY($2) GROUP BY d.stage`, [id, DEAL_OPEN_STAGES]),
      this.db.query(
        `SELECT (SELECT count(*)::int FROM match WHERE broker_id = $1) AS matches,
                (SELECT count(*)::int FROM deal d WHERE ${mine} AND d.match_id IS NOT NULL) AS from_matches,
                (SELECT count(*)::int FROM deal d WHERE ${mine}) AS opened,
                (SELECT count(*)::int FROM deal d WHERE ${mine} AND EXISTS (SELECT 1 FROM deal_event e WHERE e.deal_id = d.id AND e.to_stage = 'signed')) AS signed`,
        [id],
      ),
      this.db.query(
        `WITH ev AS (
           SELECT e.to_stage AS stage, e.created_at, lead(e.created_at) OVER (PARTITION BY e.deal_id ORDER BY e.created_at, e.id) AS left_at
             FROM deal_event e JOIN deal d ON d.id = e.deal_id
            WHERE ${mine} AND e.type IN ('created', 'stage'))
         SELECT stage, round((avg(extract(epoch FROM left_at - created_at)) / 86400)::numeric, 1)::float AS days
           FROM ev WHERE left_at IS NOT NULL GROUP BY stage`,
        [id],
      ),
      this.db.query(
        `SELECT coalesce(sum(c.total_amount), 0)::numeric(18, 2)::text AS total, count(*)::int AS n
           FROM contract_registration c JOIN deal d ON d.id = c.deal_id WHERE ${mine} AND d.stage IN ('registered', 'fulfilled')`,
        [id],
      ),
    ])) as [
      { stage: DealStage; n: number }[],
      { matches: number; from_matches: number; opened: number; signed: number }[],
      { stage: DealStage; days: number }[],
      { total: string; n: number }[],
    ];
    const c = counts[0] as { matches: number; from_matches: number; opened: number; signed: number };
    return {
      brokerId: id,
      brokerName: user[0]?.display_name ?? '',
      openByStage: Object.fromEntries(open.map((r) => [r.stage, r.n])),
      matchesAssigned: c.matches,
      dealsFromMatches: c.from_matches,
      dealsOpened: c.opened,
      dealsSigned: c.signed,
      averageDaysPerStage: Object.fromEntries(days.map((r) => [r.stage, r.days])),
      registeredValue: value[0]?.total ?? '0.00',
      registeredContracts: value[0]?.n ?? 0,
    };
  }

  /** Every broker's figures, for the admin's overview. */
  async allPerformance(actor: AuthContext): Promise<BrokerPerformance[]> {
    const brokers = (await this.db.query(`SELECT user_id FROM platform_role_assignment WHERE role = 'broker' ORDER BY user_id`)) as { user_id: string }[];
    const out: BrokerPerformance[] = [];
    for (const b of brokers) out.push(await this.performance(actor, b.user_id));
    return out;
  }
}
