import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Dashboard, KpiIndicatorView, KpiRegister, QuarterlyReportView, taxonomyLabel, yuanToWan } from '@ztt/contracts';
import { MailAttachments, NotificationsService } from '@ztt/notifications';
import { AppException, JobOutcome } from '@ztt/platform';
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { DataSource } from 'typeorm';
import { KpiService } from '../kpis/kpi.service';
import { DashboardService } from './dashboard.service';
import { holderText, MODEL_LABELS, NO_MODEL_LABEL } from './fulfilment-figures';

/** CJK fonts as Debian's fonts-noto-cjk installs them (CI installs it, see .ci/run); Helvetica otherwise. */
const CJK_FONTS: { path: string; family: string }[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
];

/**
 * The quarterly report (季度报告): one row per quarter (UNIQUE), the figures frozen as JSON and a
 * PDF with bar charts drawn as vectors; platform admins are told once (dedupe per quarter).
 */
@Injectable()
export class ReportService implements OnModuleInit {
  private readonly logger = new Logger('QuarterlyReport');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly dashboard: DashboardService,
    private readonly notifications: NotificationsService,
    private readonly attachments: MailAttachments,
    private readonly kpis: KpiService,
  ) {}

  /** The report's email carries its PDF, so an official can forward it as it is. */
  onModuleInit(): void {
    this.attachments.register('campaign.report', async ({ quarter }) => {
      const rows = quarter ? ((await this.db.query(`SELECT pdf FROM quarterly_report WHERE quarter = $1 AND pdf IS NOT NULL`, [quarter])) as { pdf: Buffer }[]) : [];
      return rows[0] ? [{ filename: `湛江科技成果转化季度报告-${quarter}.pdf`, content: rows[0].pdf, contentType: 'application/pdf' }] : [];
    });
  }

  async list(): Promise<QuarterlyReportView[]> {
    const rows = (await this.db.query(`SELECT quarter, status, created_at, sent_at FROM quarterly_report ORDER BY quarter DESC`)) as {
      quarter: string;
      status: 'building' | 'sent';
      created_at: Date;
      sent_at: Date | null;
    }[];
    return rows.map((r) => ({ quarter: r.quarter, status: r.status, createdAt: r.created_at.toISOString(), sentAt: r.sent_at?.toISOString() ?? null }));
  }

  async pdf(quarter: string): Promise<Buffer> {
    const rows = (await this.db.query(`SELECT pdf FROM quarterly_report WHERE quarter = $1 AND pdf IS NOT NULL`, [quarter])) as { pdf: Buffer }[];
    if (!rows[0]) throw AppException.notFound();
    return rows[0].pdf;
  }

  /** The job: builds and sends the quarter's report once; a retry after the send is skipped. */
  async run(quarter: string): Promise<JobOutcome> {
    await this.db.query(`INSERT INTO quarterly_report (quarter) VALUES ($1) ON CONFLICT (quarter) DO NOTHING`, [quarter]);
    const existing = (await this.db.query(`SELECT status FROM quarterly_report WHERE quarter = $1`, [quarter])) as { status: string }[];
    if (existing[0]?.status === 'sent') return { status: 'skipped', detail: `${quarter} already sent` };
    const figures = await this.dashboard.dashboard({ quarter });
    const campaigns = (await this.db.query(
      `SELECT c.id, c.title, c.status,
              (SELECT count(*)::int FROM tech_need n WHERE n.campaign_id = c.id AND n.status IN ('submitted', 'published', 'closed', 'expired')) AS needs,
              (SELECT count(*)::int FROM achievement a WHERE a.campaign_id = c.id AND a.status IN ('submitted', 'published', 'closed', 'expired')) AS achievements,
              (SELECT count(*)::int FROM campaign_invitation i WHERE i.campaign_id = c.id) AS invited
         FROM campaign c WHERE c.quarter = $1 AND c.status <> 'draft' ORDER BY c.starts_on`,
      [quarter],
    )) as CampaignSummary[];
    const kpis = await this.kpis.register(quarter);
    const pdf = await renderPdf(quarter, figures, campaigns, kpis);
    await this.db.transaction(async (m) => {
      const claimed = (await m.query(
        `UPDATE quarterly_report SET status = 'sent', figures = $2::jsonb, pdf = $3, sent_at = now() WHERE quarter = $1 AND status = 'building' RETURNING id`,
        [quarter, JSON.stringify({ dashboard: figures, campaigns, kpis }), pdf],
      )) as [unknown[], number];
      if (claimed[1] !== 1) return;
      await m.query(`UPDATE campaign SET status = 'reported', reported_at = now(), version = version + 1, updated_at = now() WHERE quarter = $1 AND status = 'closed'`, [quarter]);
      await this.notifications.notify(m, {
        to: { platformAdmins: true },
        type: 'campaign.report',
        params: { quarter },
        link: `/admin/dashboard?report=${quarter}`,
        dedupeKey: `quarterly-report:${quarter}`,
      });
    });
    this.logger.log(`report ${quarter}: ${pdf.length} bytes`);
    return { status: 'success', detail: `${pdf.length} bytes` };
  }
}

interface CampaignSummary {
  id: string;
  title: string;
  status: string;
  needs: number;
  achievements: number;
  invited: number;
}

function label(kind: 'industry' | 'region', code: string): string {
  return taxonomyLabel(kind, code);
}

/** A4 PDF: headline figures, the plan's indicators (with `kpis`), campaigns, and bar charts drawn with vector primitives. */
export function renderPdf(quarter: string, d: Dashboard, campaigns: CampaignSummary[], kpis?: KpiRegister): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `湛江科技成果转化季度报告 ${quarter}` } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const font = CJK_FONTS.find((f) => existsSync(f.path));
    if (font) doc.font(font.path, font.family);

    doc.fontSize(20).text(`湛江市科技成果转化季度报告（${quarter}）`, { align: 'center' });
    doc
      .moveDown(0.5)
      .fontSize(10)
      .fillColor('#666')
      .text(`生成时间 ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, { align: 'center' })
      .fillColor('#000');
    doc.moveDown();

    const sum = (rows: { needs: number; achievements: number; challenges: number }[], k: 'needs' | 'achievements' | 'challenges') => rows.reduce((s, r) => s + r[k], 0);
    const f = d.funnel[d.funnel.length - 1];
    const cv = d.contractValue.quarters.find((q) => q.quarter === quarter);
    doc.fontSize(14).text('一、主要指标');
    doc.fontSize(11);
    doc.text(`本季度发布技术需求 ${sum(d.byRegion, 'needs')} 项，科技成果 ${sum(d.byRegion, 'achievements')} 项，揭榜挂帅榜单 ${sum(d.byRegion, 'challenges')} 项。`);
    if (f) doc.text(`匹配 ${f.matches} 对 → 已查看 ${f.seen} → 已联系 ${f.contacted} → 进入对接 ${f.deals} → 签约 ${f.signed} → 登记 ${f.registered}。`);
    if (cv)
      doc.text(
        `本季度认定登记技术合同 ${cv.contracts} 份，成交额 ${cv.value} 元（技术交易额 ${cv.techValue} 元），年度累计 ${cv.cumulative} 元${d.contractValue.target ? `，年度目标 ${d.contractValue.target} 元` : ''}。`,
      );
    doc.moveDown();
    if (kpis) kpiTable(doc, kpis);
    doc.fontSize(14).text('二、季度征集');
    doc.fontSize(11);
    if (!campaigns.length) doc.text('本季度无征集批次。');
    for (const c of campaigns) doc.text(`“${c.title}”：邀请 ${c.invited} 家机构，征集技术需求 ${c.needs} 项、科技成果 ${c.achievements} 项。`);
    doc.moveDown();
    doc.fontSize(14).text('三、合同履约');
    doc.fontSize(11);
    for (const line of fulfilmentLines(quarter, d)) doc.text(line);
    doc.moveDown();

    bars(
      doc,
      '四、各产业技术需求与科技成果',
      d.byIndustry.map((r) => ({ label: label('industry', r.key), a: r.needs, b: r.achievements })),
    );
    bars(
      doc,
      '五、各县（市、区）技术需求与科技成果',
      d.byRegion.filter((r) => r.needs + r.achievements > 0).map((r) => ({ label: label('region', r.key), a: r.needs, b: r.achievements })),
    );
    bars(
      doc,
      '六、匹配转化漏斗',
      f
        ? [
            ['匹配', f.matches],
            ['已查看', f.seen],
            ['已联系', f.contacted],
            ['对接', f.deals],
            ['签约', f.signed],
            ['登记', f.registered],
          ].map(([l, v]) => ({ label: String(l), a: Number(v) }))
        : [],
    );
    bars(
      doc,
      '七、技术合同成交额（万元，按季度累计）',
      d.contractValue.quarters.map((q) => ({ label: q.quarter, a: Math.round(Number(q.cumulative) / 100) / 100 })),
    );
    bars(
      doc,
      '八、合同金额与实际到账（万元，按季度）',
      d.fulfilment.quarters.map((q) => ({ label: q.quarter, a: wan(q.contracted), b: wan(q.received) })),
      ['合同金额', '实际到账'],
    );
    doc.end();
  });
}

const KPI_UNIT_LABELS: Record<KpiIndicatorView['unit'], string> = { yuan: '元', enterprises: '家', platforms: '个', people: '人', percent: '%', counties: '个' };
export const KPI_STATUS_LABELS: Record<KpiIndicatorView['status'], string> = { ahead: '超前', on_track: '正常', behind: '滞后', no_data: '无数据' };

/** A KPI value as the report prints it: money in 万元 (exact, two places), counts and shares as they are. */
function kpiValue(ind: KpiIndicatorView, v: string | null): string {
  if (v === null) return '—';
  return ind.unit === 'yuan' ? yuanToWan(v) : v.replace(/\.00$/, '');
}

/**
 * 规划指标完成情况: one row per indicator (name, unit, 2025 baseline, the year's target, the actual
 * to the quarter's end, its status against the straight line to 2030), with the expected value
 * in the status column. Cells are positioned text, so the PDF's text reads back row by row.
 */
function kpiTable(doc: PDFKit.PDFDocument, k: KpiRegister): void {
  const cols = [
    { title: '指标', w: 150 },
    { title: '单位', w: 40 },
    { title: '2025 年基数', w: 65 },
    { title: `${k.year} 年目标`, w: 65 },
    { title: '实际', w: 65 },
    { title: '状态（预期）', w: 110 },
  ];
  if (doc.y + 40 + k.indicators.length * 16 > doc.page.height - 60) doc.addPage();
  doc.fontSize(14).fillColor('#000').text(`规划指标完成情况（截至 ${k.quarter} 末）`, 50);
  doc.moveDown(0.3);
  doc.fontSize(9);
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    let x = 50;
    cells.forEach((c, i) => {
      doc.fillColor(bold ? '#000' : '#333').text(c, x, y, { width: (cols[i]?.w ?? 60) - 4, lineBreak: false });
      x += cols[i]?.w ?? 60;
    });
    doc.x = 50;
    doc.y = y + 14;
  };
  row(
    cols.map((c) => c.title),
    true,
  );
  for (const ind of k.indicators) {
    const unit = ind.unit === 'yuan' ? '万元' : KPI_UNIT_LABELS[ind.unit];
    row([
      ind.name,
      unit,
      kpiValue(ind, ind.baseline),
      kpiValue(ind, ind.yearTarget),
      kpiValue(ind, ind.actual),
      `${KPI_STATUS_LABELS[ind.status]}（${kpiValue(ind, ind.expected)}）`,
    ]);
  }
  doc.fontSize(8).fillColor('#666').text('状态按 2025 年基数到 2030 年目标的直线进度判断：高于预期 5% 以上为超前，低于 5% 以上为滞后。基数为演示数据，以科技局核定为准。', 50);
  doc.fillColor('#000');
  doc.moveDown();
}

/** 元 (exact text) as 万元 with two decimals, for a bar's length and label. */
function wan(yuan: string): number {
  return Math.round(Number(yuan) / 100) / 100;
}

/**
 * The quarter's fulfilment in words: contracted against received and the inventors' share, what
 * is overdue now (the longest overdue lines), the 先用后转 trials and their conversion rate, and
 * the 作价入股 contracts (of the quarter's year), with the transfer models.
 */
export function fulfilmentLines(quarter: string, d: Dashboard): string[] {
  const f = d.fulfilment;
  const q = f.quarters.find((x) => x.quarter === quarter);
  const out: string[] = [];
  if (q) out.push(`本季度签订技术合同 ${q.contracts} 份，合同金额 ${q.contracted} 元；实际到账 ${q.received} 元，其中完成人奖酬 ${q.inventorShare} 元。`);
  const year = f.period === null ? '累计' : `${f.period} 年`;
  out.push(
    `按转化方式（${year}）：${
      f.byModel
        .filter((m) => m.contracts > 0)
        .map((m) => `${m.model ? MODEL_LABELS[m.model] : NO_MODEL_LABEL} ${m.contracts} 份 ${m.value} 元`)
        .join('，') || '暂无'
    }。`,
  );
  out.push(f.overdue.count ? `截至报告生成，逾期未付 ${f.overdue.count} 项，合计 ${f.overdue.outstanding} 元。` : '截至报告生成，无逾期未付款项。');
  for (const l of f.overdue.lines.slice(0, 5)) out.push(`  · ${l.dealTitle}：${l.label}，${l.dueOn} 到期，未付 ${l.outstanding} 元`);
  const t = f.trials;
  out.push(
    `先用后转（${year}）：试用 ${t.started} 项，已转化 ${t.converted} 项，已退回 ${t.returned} 项，逾期未决 ${t.lapsed} 项，试用中 ${t.running} 项；转化率 ${t.conversionRate === null ? '—' : `${t.conversionRate}%`}。`,
  );
  out.push(`作价入股（${year}）：${f.equity.count} 项，作价金额合计 ${f.equity.valuation} 元。`);
  for (const e of f.equity.deals.slice(0, 5)) out.push(`  · ${e.dealTitle}：作价 ${e.valuation} 元，持股 ${e.sharePercent}%，${holderText(e.holder, e.holderName)}，${e.valuedBy}`);
  return out;
}

/** Horizontal bars (one or two series) with their values; `legend` names the two series. */
function bars(doc: PDFKit.PDFDocument, title: string, rows: { label: string; a: number; b?: number }[], legend: [string, string] = ['技术需求', '科技成果']): void {
  const rowH = rows.some((r) => r.b !== undefined) ? 22 : 16;
  if (doc.y + 40 + rows.length * rowH > doc.page.height - 60) doc.addPage();
  doc.fontSize(14).fillColor('#000').text(title, 50);
  doc.moveDown(0.3);
  if (!rows.length) {
    doc.fontSize(10).text('暂无数据');
    doc.moveDown();
    return;
  }
  const max = Math.max(1, ...rows.flatMap((r) => [r.a, r.b ?? 0]));
  const x0 = 160;
  const width = 330;
  let y = doc.y + 4;
  doc.fontSize(9);
  for (const r of rows) {
    doc.fillColor('#333').text(r.label, 50, y, { width: 105, align: 'right', lineBreak: false });
    doc.rect(x0, y, Math.max(1, (r.a / max) * width), 8).fill('#1677ff');
    doc.fillColor('#333').text(String(r.a), x0 + (r.a / max) * width + 4, y - 1, { lineBreak: false });
    if (r.b !== undefined) {
      doc.rect(x0, y + 9, Math.max(1, (r.b / max) * width), 8).fill('#52c41a');
      doc.fillColor('#333').text(String(r.b), x0 + (r.b / max) * width + 4, y + 8, { lineBreak: false });
    }
    y += rowH;
  }
  if (rows.some((r) => r.b !== undefined)) {
    doc.rect(x0, y + 2, 8, 8).fill('#1677ff');
    doc.fillColor('#333').text(legend[0], x0 + 12, y + 1, { lineBreak: false });
    doc.rect(x0 + 70, y + 2, 8, 8).fill('#52c41a');
    doc.fillColor('#333').text(legend[1], x0 + 82, y + 1, { lineBreak: false });
    y += 14;
  }
  doc.x = 50;
  doc.y = y + 10;
  doc.fillColor('#000');
}
