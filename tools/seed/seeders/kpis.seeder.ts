import { FileStore, loadConfig } from '@ztt/platform';
import { Seeder } from '../seeder';

/** 2026's targets for the plan's indicators, a step along the line from the 2025 baseline to 2030. */
const TARGETS_2026: Record<string, string> = {
  'contract-value': '160000000.00',
  'high-tech-enterprises': '404',
  'tech-smes': '136',
  'pilot-platforms': '2',
  'tech-brokers': '26',
  'enterprise-participation': '58',
  'enterprise-led': '38',
  'county-coverage': '7',
};

/** 2026's targets split among counties and districts (where the indicator has county figures). */
const ALLOCATIONS_2026: Record<string, Record<string, string>> = {
  'contract-value': { chikan: '40000000.00', xiashan: '30000000.00', mazhang: '20000000.00', zetdz: '40000000.00', 'hightech-zone': '30000000.00' },
  'high-tech-enterprises': { chikan: '80', xiashan: '70', mazhang: '50', zetdz: '90', 'hightech-zone': '64', lianjiang: '25', leizhou: '25' },
  'tech-smes': { chikan: '30', xiashan: '28', zetdz: '30', 'hightech-zone': '28', wuchuan: '20' },
};

/** A few entered actuals, each with an evidence file (a one-page PDF standing in for the bureau's list). */
const ACTUALS: { code: string; quarter: string; region: string | null; value: string; note: string; file: string }[] = [
  { code: 'high-tech-enterprises', quarter: '2026Q2', region: null, value: '391', note: '上半年高新技术企业认定名单（演示数据）', file: '2026年上半年高企名单.pdf' },
  { code: 'high-tech-enterprises', quarter: '2026Q2', region: 'chikan', value: '77', note: '赤坎区（演示数据）', file: '赤坎区高企名单.pdf' },
  { code: 'tech-smes', quarter: '2026Q2', region: null, value: '131', note: '科技型中小企业入库名单（演示数据）', file: '科技型中小企业入库名单.pdf' },
  { code: 'pilot-platforms', quarter: '2026Q3', region: 'zetdz', value: '2', note: '海洋装备中试基地、海水养殖概念验证中心（演示数据）', file: '中试平台备案.pdf' },
];

function evidencePdf(title: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

/**
 * The KPI register's demo data: 2026's yearly targets and county allocations, and a few entered
 * actuals with evidence kept through the FileStore. The indicators themselves and their 2025
 * baselines come with the migration (reference data).
 */
export const kpisSeeder: Seeder = {
  name: 'kpis',
  async run({ manager: m, files: given }) {
    const files = given ?? new FileStore(loadConfig());
    const admin = ((await m.query(`SELECT id FROM app_user WHERE email = 'admin@demo.zj.cn'`)) as { id: string }[])[0]?.id ?? null;
    let created = 0;
    for (const [code, target] of Object.entries(TARGETS_2026)) {
      const rows = (await m.query(`INSERT INTO kpi_year_target (code, year, target, set_by) VALUES ($1, 2026, $2, $3) ON CONFLICT DO NOTHING RETURNING code`, [
        code,
        target,
        admin,
      ])) as unknown[];
      created += rows.length;
      for (const [region, share] of Object.entries(ALLOCATIONS_2026[code] ?? {})) {
        const a = (await m.query(`INSERT INTO kpi_county_allocation (code, year, region, target, set_by) VALUES ($1, 2026, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING code`, [
          code,
          region,
          share,
          admin,
        ])) as unknown[];
        created += a.length;
      }
    }
    for (const a of ACTUALS) {
      const exists = (await m.query(`SELECT 1 FROM kpi_actual WHERE code = $1 AND quarter = $2 AND region IS NOT DISTINCT FROM $3`, [a.code, a.quarter, a.region])) as unknown[];
      if (exists.length) continue;
      const pdf = evidencePdf(a.file);
      await files.keep('kpi-evidence', pdf, (storedName) =>
        m.query(
          `INSERT INTO kpi_actual (code, quarter, region, value, note, evidence_name, evidence_stored_name, evidence_mime_type, evidence_size, entered_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'application/pdf', $8, $9)`,
          [a.code, a.quarter, a.region, a.value, a.note, a.file, storedName, pdf.length, admin],
        ),
      );
      created++;
    }
    return created;
  },
};
