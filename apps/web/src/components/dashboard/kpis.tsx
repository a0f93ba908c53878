import { Card, Table, Tag, Typography } from 'antd';
import { groupDigits, KPI_REGION_CODES, KpiIndicatorView, KpiRegister, KpiStatus, KpiTrackPoint, yuanToWan } from '@ztt/contracts';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { useTaxonomyLabels } from '../labels';
import { ChartData } from './charts';

export const KPI_STATUS_COLOUR: Record<KpiStatus, string> = { ahead: 'green', on_track: 'blue', behind: 'red', no_data: 'default' };

/** A KPI value in its unit as people read it: 元 as 万元 (exact), counts without ".00", shares as they are. */
export function kpiText(ind: Pick<KpiIndicatorView, 'unit'>, v: string | null): string {
  if (v === null) return '—';
  if (ind.unit === 'yuan') return groupDigits(yuanToWan(v));
  return v.replace(/\.00$/, '');
}

/** The 2030 target, a range where the plan gives one (3–5). */
export function kpiTarget2030(ind: KpiIndicatorView): string {
  return ind.target2030Max ? `${kpiText(ind, ind.target2030)}–${kpiText(ind, ind.target2030Max)}` : kpiText(ind, ind.target2030);
}

/** Numbers of the track in the indicator's unit as plain numbers, for drawing (万元 for money). */
function plotted(ind: KpiIndicatorView, v: string): number {
  return ind.unit === 'yuan' ? Number(v) / 10_000 : Number(v);
}

/**
 * One indicator's track: the straight-line expectation (dashed) and the actuals per quarter (dots
 * joined), drawn small; its numbers are in a hidden table for screen readers.
 */
export function KpiTrack({ ind, testId, labels }: { ind: KpiIndicatorView; testId: string; labels: { quarter: string; actual: string; expected: string } }) {
  const points: KpiTrackPoint[] = ind.track;
  const width = 160;
  const height = 40;
  const values = points.flatMap((p) => [plotted(ind, p.expected), ...(p.actual === null ? [] : [plotted(ind, p.actual)])]);
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const x = (i: number) => (points.length <= 1 ? width / 2 : 4 + (i * (width - 8)) / (points.length - 1));
  const y = (v: number) => height - 4 - ((v - min) / (max - min || 1)) * (height - 8);
  const actual = points.map((p, i) => (p.actual === null ? null : `${x(i)},${y(plotted(ind, p.actual))}`)).filter((s): s is string => s !== null);
  return (
    <div data-testid={testId}>
      <ChartData testId={testId} head={[labels.quarter, labels.actual, labels.expected]} rows={points.map((p) => [p.quarter, kpiText(ind, p.actual), kpiText(ind, p.expected)])} />
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} aria-hidden="true">
        <polyline points={points.map((p, i) => `${x(i)},${y(plotted(ind, p.expected))}`).join(' ')} fill="none" stroke="#8c8c8c" strokeDasharray="4 3" />
        {actual.length > 1 && <polyline points={actual.join(' ')} fill="none" stroke="#1677ff" strokeWidth={2} />}
        {actual.map((pt) => {
          const [cx, cy] = pt.split(',');
          return <circle key={pt} cx={cx} cy={cy} r={2.5} fill="#1677ff" />;
        })}
      </svg>
    </div>
  );
}

/**
 * 规划指标 on the dashboard: each indicator's actual to the quarter's end, this year's target, the
 * 2030 target, its status against the straight line (with the expected value) and its track. With
 * a county chosen, its allocation and actual where the indicator has county figures.
 */
export function KpiSection({ quarter, region }: { quarter?: string; region?: string }) {
  const { t } = useI18n();
  const labels = useTaxonomyLabels();
  const county = region && KPI_REGION_CODES.includes(region) ? region : undefined;
  const p = new URLSearchParams();
  if (quarter) p.set('quarter', quarter);
  if (county) p.set('region', county);
  const { data } = useApiQuery<KpiRegister>(['dashboard', 'kpis', quarter ?? '', county ?? ''], `/admin/kpis?${p.toString()}`, { keepPrevious: true, staleTime: 0 });
  const trackLabels = { quarter: t('kpi.quarter'), actual: t('kpi.actual'), expected: t('kpi.expected') };
  const regionName = county ? labels.region(county) : '';
  return (
    <Card
      title={t('kpi.title')}
      loading={!data}
      data-testid="kpi-section"
      extra={
        <Link to="/admin/kpis" data-testid="kpi-manage">
          {t('kpi.manage')}
        </Link>
      }
    >
      <Typography.Paragraph type="secondary">{t('kpi.hint')}</Typography.Paragraph>
      <Table<KpiIndicatorView>
        size="small"
        pagination={false}
        rowKey="code"
        scroll={{ x: true }}
        dataSource={data?.indicators ?? []}
        onRow={(r) => ({ 'data-testid': `kpi-row-${r.code}` }) as object}
        columns={[
          {
            title: t('kpi.indicator'),
            render: (_: unknown, r) => (
              <>
                <div>
                  {r.name}
                  <Typography.Text type="secondary">（{t(`kpi.unit.${r.unit}`)}）</Typography.Text>
                </div>
                <Tag>{t(`kpi.kind.${r.kind}`)}</Tag>
                <Tag>{r.computed ? t('kpi.computed') : t('kpi.entered')}</Tag>
              </>
            ),
          },
          {
            title: t('kpi.actual'),
            render: (_: unknown, r) => (
              <span data-testid={`kpi-actual-${r.code}`}>
                {kpiText(r, r.actual)}
                {!r.computed && r.actualQuarter && r.actualQuarter !== data?.quarter && (
                  <Typography.Text type="secondary"> （{t('kpi.asOf', { quarter: r.actualQuarter })}）</Typography.Text>
                )}
              </span>
            ),
          },
          { title: t('kpi.yearTarget', { year: data?.year ?? '' }), render: (_: unknown, r) => kpiText(r, r.yearTarget) },
          { title: t('kpi.target2030'), render: (_: unknown, r) => kpiTarget2030(r) },
          {
            title: t('kpi.status'),
            render: (_: unknown, r) => (
              <span data-testid={`kpi-status-${r.code}`} data-status={r.status}>
                <Tag color={KPI_STATUS_COLOUR[r.status]}>{t(`kpi.status.${r.status}`)}</Tag>
                <Typography.Text type="secondary">{kpiText(r, r.expected)}</Typography.Text>
              </span>
            ),
          },
          ...(county
            ? [
                {
                  title: t('kpi.county.allocation', { region: regionName }),
                  render: (_: unknown, r: KpiIndicatorView) =>
                    r.county ? kpiText(r, r.county.allocation) : <Typography.Text type="secondary">{t('kpi.county.none')}</Typography.Text>,
                },
                {
                  title: t('kpi.county.actual', { region: regionName }),
                  render: (_: unknown, r: KpiIndicatorView) => <span data-testid={`kpi-county-actual-${r.code}`}>{r.county ? kpiText(r, r.county.actual) : '—'}</span>,
                },
              ]
            : []),
          { title: t('kpi.track'), render: (_: unknown, r) => <KpiTrack ind={r} testId={`kpi-track-${r.code}`} labels={trackLabels} /> },
        ]}
      />
    </Card>
  );
}
