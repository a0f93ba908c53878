import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The KPI register (规划指标): the plan's indicators (reference data, inserted here), their yearly
 * targets and county allocations, and the actuals an admin enters per quarter with evidence. A
 * correction supersedes an entry (kept, with the one that replaced it); one current entry per
 * indicator, quarter and county (or the city as a whole). Computed actuals are not stored: the
 * read model works them out at request time. The 2025 baselines are demo figures for the bureau
 * to replace.
 */
export class KpiRegister1766000000000 implements MigrationInterface {
  name = 'KpiRegister1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kpi_indicator (
        code text PRIMARY KEY,
        position integer NOT NULL UNIQUE,
        name_zh text NOT NULL,
        name_en text NOT NULL,
        unit text NOT NULL CHECK (unit IN ('yuan', 'enterprises', 'platforms', 'people', 'percent', 'counties')),
        kind text NOT NULL CHECK (kind IN ('constraint', 'expected')),
        measure text NOT NULL CHECK (measure IN ('level', 'annual')),
        source_zh text NOT NULL,
        source_en text NOT NULL,
        computed boolean NOT NULL,
        by_county boolean NOT NULL,
        baseline numeric(16, 2) NOT NULL CHECK (baseline >= 0),
        target_2030 numeric(16, 2) NOT NULL CHECK (target_2030 >= 0),
        target_2030_max numeric(16, 2) CHECK (target_2030_max >= target_2030)
      );

      CREATE TABLE kpi_year_target (
        code text NOT NULL REFERENCES kpi_indicator(code),
        year integer NOT NULL CHECK (year BETWEEN 2026 AND 2030),
        target numeric(16, 2) NOT NULL CHECK (target >= 0),
        set_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code, year)
      );

      CREATE TABLE kpi_county_allocation (
        code text NOT NULL REFERENCES kpi_indicator(code),
        year integer NOT NULL CHECK (year BETWEEN 2026 AND 2030),
        region text NOT NULL,
        target numeric(16, 2) NOT NULL CHECK (target >= 0),
        set_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code, year, region)
      );

      CREATE TABLE kpi_actual (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL REFERENCES kpi_indicator(code),
        quarter text NOT NULL CHECK (quarter ~ '^20(2[6-9]|30)Q[1-4]$'),
        region text,
        value numeric(16, 2) NOT NULL CHECK (value >= 0),
        note text NOT NULL DEFAULT '',
        evidence_name text NOT NULL,
        evidence_stored_name text NOT NULL,
        evidence_mime_type text NOT NULL,
        evidence_size integer NOT NULL,
        entered_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        entered_at timestamptz NOT NULL DEFAULT now(),
        superseded_at timestamptz,
        superseded_by uuid REFERENCES kpi_actual(id)
      );
      -- One current entry per indicator, quarter and county (the city as a whole: no county), however many arrive at once.
      CREATE UNIQUE INDEX kpi_actual_current ON kpi_actual (code, quarter, coalesce(region, '')) WHERE superseded_at IS NULL;
    `);
    await q.query(`
      INSERT INTO kpi_indicator (code, position, name_zh, name_en, unit, kind, measure, source_zh, source_en, computed, by_county, baseline, target_2030, target_2030_max) VALUES
        ('contract-value', 1, '技术合同认定登记金额', 'Registered technology contract value', 'yuan', 'expected', 'annual',
          '平台登记的技术合同（认定登记号与登记日期）', 'Contracts registered on the platform (registration number and date)', true, true, 150000000, 200000000, NULL),
        ('high-tech-enterprises', 2, '高新技术企业数', 'High-tech enterprises', 'enterprises', 'expected', 'level',
          '市科技局高新技术企业认定名单', 'The bureau''s list of certified high-tech enterprises', false, true, 380, 500, NULL),
        ('tech-smes', 3, '科技型中小企业数', 'Technology-based SMEs', 'enterprises', 'expected', 'level',
          '全国科技型中小企业信息服务平台入库名单', 'The national register of technology-based SMEs', false, true, 120, 200, NULL),
        ('pilot-platforms', 4, '概念验证和中试平台数', 'Proof-of-concept and pilot-scale platforms', 'platforms', 'expected', 'level',
          '市科技局平台备案', 'Platforms registered with the bureau', false, true, 1, 3, 5),
        ('tech-brokers', 5, '技术经纪人数', 'Technology brokers', 'people', 'expected', 'level',
          '平台在职技术经纪人', 'Active brokers on the platform', true, false, 20, 50, NULL),
        ('enterprise-participation', 6, '企业参与市级科技项目比例', 'Share of city projects with enterprise participation', 'percent', 'constraint', 'level',
          '平台揭榜挂帅榜单（发榜方或揭榜方为企业）', 'Challenges on the platform (an enterprise sets or applies)', true, false, 55, 70, NULL),
        ('enterprise-led', 7, '企业牵头市级科技项目比例', 'Share of city projects led by an enterprise', 'percent', 'constraint', 'level',
          '平台揭榜挂帅榜单（中榜方为企业）', 'Challenges on the platform (an enterprise is awarded)', true, false, 35, 50, NULL),
        ('county-coverage', 8, '科技成果转化县域覆盖数', 'Counties reached by technology transfer', 'counties', 'expected', 'level',
          '平台对接与匹配记录', 'Deals and matches on the platform', true, false, 6, 11, NULL)
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE kpi_actual, kpi_county_allocation, kpi_year_target, kpi_indicator`);
  }
}
