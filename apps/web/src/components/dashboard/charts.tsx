import { Empty, Tooltip } from 'antd';
import type { ContractValueQuarter, FunnelQuarter, HeatCell } from '@ztt/contracts';
import { CSSProperties, ReactNode } from 'react';

/**
 * Small SVG charts: no chart library, crisp at any size, every mark testable by data-testid. Each
 * carries its numbers as a table that screen readers read in place of the drawing (WCAG 1.1.1).
 */

const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/** A chart's text alternative: its numbers as a table, out of sight; the drawing beside it is hidden from assistive technology. */
export function ChartData({ head, rows, testId }: { head?: string[]; rows: (string | number)[][]; testId: string }) {
  return (
    <table style={VISUALLY_HIDDEN} data-testid={`${testId}-data`}>
      {head && (
        <thead>
          <tr>{head.map((h, i) => (i === 0 && !h ? <td key={i} /> : <th key={i}>{h}</th>))}</tr>
        </thead>
      )}
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) =>
              j === 0 ? (
                <th key={j} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={j}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const COLORS = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1'];

export interface Series {
  name: string;
  values: number[];
}

/** Horizontal grouped bars: one row per category, one bar per series. */
export function BarChart({ categories, series, testId, empty }: { categories: string[]; series: Series[]; testId: string; empty: ReactNode }) {
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  if (!categories.length || max === 0) return <Empty description={empty} data-testid={`${testId}-empty`} />;
  const labelW = 150;
  const barH = 10;
  const rowH = series.length * (barH + 2) + 10;
  const width = 560;
  const plotW = width - labelW - 40;
  const height = categories.length * rowH + 26;
  return (
    <div data-testid={testId}>
      <ChartData testId={testId} head={['', ...series.map((s) => s.name)]} rows={categories.map((c, i) => [c, ...series.map((s) => s.values[i] ?? 0)])} />
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" aria-hidden="true">
        {categories.map((c, i) => (
          <g key={c} transform={`translate(0, ${i * rowH})`}>
            <text x={labelW - 8} y={rowH / 2 + 2} textAnchor="end" fontSize={12} fill="#333">
              {c}
            </text>
            {series.map((s, j) => {
              const v = s.values[i] ?? 0;
              const w = (v / max) * plotW;
              return (
                <g key={s.name}>
                  <rect x={labelW} y={5 + j * (barH + 2)} width={Math.max(w, 1)} height={barH} fill={COLORS[j % COLORS.length]} data-testid={`${testId}-bar`} data-value={v}>
                    <title>{`${c} · ${s.name}: ${v}`}</title>
                  </rect>
                  <text x={labelW + w + 4} y={5 + j * (barH + 2) + barH - 1} fontSize={10} fill="#555">
                    {v}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
        <Legend y={height - 14} x={labelW} names={series.map((s) => s.name)} />
      </svg>
    </div>
  );
}

function Legend({ x, y, names }: { x: number; y: number; names: string[] }) {
  return (
    <g transform={`translate(${x}, ${y})`}>
      {names.map((n, i) => (
        <g key={n} transform={`translate(${i * 100}, 0)`}>
          <rect width={10} height={10} fill={COLORS[i % COLORS.length]} />
          <text x={14} y={9} fontSize={11} fill="#333">
            {n}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The funnel of the chosen quarter: shrinking bars with the conversion rate from the step before. */
export function FunnelChart({ quarter, steps, testId }: { quarter: FunnelQuarter; steps: { key: keyof FunnelQuarter['rates'] | 'matches'; label: string }[]; testId: string }) {
  const max = Math.max(1, quarter.matches);
  const width = 560;
  const rowH = 34;
  return (
    <div data-testid={testId}>
      <ChartData testId={testId} rows={steps.map((s) => [s.label, quarter[s.key], s.key === 'matches' ? '' : `${quarter.rates[s.key]}%`])} />
      <svg viewBox={`0 0 ${width} ${steps.length * rowH + 8}`} width="100%" aria-hidden="true">
        {steps.map((s, i) => {
          const v = quarter[s.key];
          const w = Math.max(2, (v / max) * 360);
          const rate = s.key === 'matches' ? null : quarter.rates[s.key];
          return (
            <g key={s.key} transform={`translate(0, ${i * rowH})`} data-testid={`${testId}-step-${s.key}`} data-value={v}>
              <text x={90} y={20} textAnchor="end" fontSize={12} fill="#333">
                {s.label}
              </text>
              <rect x={100 + (360 - w) / 2} y={4} width={w} height={24} rx={3} fill={COLORS[0]} opacity={1 - i * 0.12} />
              <text x={100 + 180} y={21} textAnchor="middle" fontSize={12} fill="#fff" fontWeight={600}>
                {v}
              </text>
              <text x={470} y={20} fontSize={11} fill="#666">
                {rate === null ? '' : `${rate}%`}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** Registered value per quarter (bars) with the cumulative line and the year's target. Amounts in 万元. */
export function ContractValueChart({
  quarters,
  target,
  testId,
  labels,
}: {
  quarters: ContractValueQuarter[];
  target: string | null;
  testId: string;
  labels: { quarter: string; cumulative: string; target: string };
}) {
  const wan = (s: string) => Number(s) / 10_000;
  const t = target === null ? null : wan(target);
  const max = Math.max(1, ...quarters.map((q) => wan(q.cumulative)), t ?? 0);
  const width = 560;
  const height = 240;
  const plot = { x: 60, y: 16, w: 470, h: 180 };
  const yOf = (v: number) => plot.y + plot.h - (v / max) * plot.h;
  const colW = plot.w / Math.max(1, quarters.length);
  const points = quarters.map((q, i) => `${plot.x + colW * i + colW / 2},${yOf(wan(q.cumulative))}`).join(' ');
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(2));
  return (
    <div data-testid={testId}>
      <ChartData
        testId={testId}
        head={['', labels.quarter, labels.cumulative]}
        rows={[...quarters.map((q) => [q.quarter, fmt(wan(q.value)), fmt(wan(q.cumulative))]), ...(t === null ? [] : [[labels.target, '', fmt(t)]])]}
      />
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" aria-hidden="true">
        <line x1={plot.x} y1={plot.y + plot.h} x2={plot.x + plot.w} y2={plot.y + plot.h} stroke="#ccc" />
        <text x={plot.x - 6} y={plot.y + 8} textAnchor="end" fontSize={10} fill="#666">
          {fmt(max)}
        </text>
        <text x={plot.x - 6} y={plot.y + plot.h} textAnchor="end" fontSize={10} fill="#666">
          0
        </text>
        {quarters.map((q, i) => {
          const v = wan(q.value);
          const y = yOf(v);
          return (
            <g key={q.quarter} data-testid={`${testId}-quarter`} data-value={q.value} data-cumulative={q.cumulative}>
              <rect x={plot.x + colW * i + colW * 0.25} y={y} width={colW * 0.5} height={plot.y + plot.h - y} fill={COLORS[0]}>
                <title>{`${q.quarter}: ${q.value}`}</title>
              </rect>
              <text x={plot.x + colW * i + colW / 2} y={plot.y + plot.h + 14} textAnchor="middle" fontSize={11} fill="#333">
                {q.quarter}
              </text>
              <text x={plot.x + colW * i + colW / 2} y={Math.max(plot.y + 10, y - 4)} textAnchor="middle" fontSize={10} fill="#333">
                {fmt(v)}
              </text>
            </g>
          );
        })}
        <polyline points={points} fill="none" stroke={COLORS[2]} strokeWidth={2} />
        {t !== null && (
          <g data-testid={`${testId}-target`}>
            <line x1={plot.x} x2={plot.x + plot.w} y1={yOf(t)} y2={yOf(t)} stroke="#f5222d" strokeDasharray="6 4" />
            <text x={plot.x + plot.w} y={yOf(t) - 4} textAnchor="end" fontSize={10} fill="#f5222d">
              {`${labels.target} ${fmt(t)}`}
            </text>
          </g>
        )}
        <g transform={`translate(${plot.x}, ${height - 14})`}>
          <rect width={10} height={10} fill={COLORS[0]} />
          <text x={14} y={9} fontSize={11}>
            {labels.quarter}
          </text>
          <rect x={90} y={4} width={14} height={2} fill={COLORS[2]} />
          <text x={108} y={9} fontSize={11}>
            {labels.cumulative}
          </text>
        </g>
      </svg>
    </div>
  );
}

/** Chain × county grid: "needs/achievements", red where needs outrun supply. */
export function Heatmap({
  cells,
  chainLabel,
  regionLabel,
  testId,
  empty,
}: {
  cells: HeatCell[];
  chainLabel: (c: string) => string;
  regionLabel: (r: string) => string;
  testId: string;
  empty: ReactNode;
}) {
  const chains = [...new Set(cells.filter((c) => c.needs + c.achievements > 0).map((c) => c.chain))];
  const regions = [...new Set(cells.map((c) => c.region))];
  if (!chains.length) return <Empty description={empty} data-testid={`${testId}-empty`} />;
  const maxGap = Math.max(1, ...cells.map((c) => Math.abs(c.gap)));
  const byKey = new Map(cells.map((c) => [`${c.chain}|${c.region}`, c]));
  const color = (gap: number) => (gap > 0 ? `rgba(245, 34, 45, ${0.15 + (0.75 * gap) / maxGap})` : gap < 0 ? `rgba(82, 196, 26, ${0.15 + (0.6 * -gap) / maxGap})` : '#fafafa');
  return (
    <div style={{ overflowX: 'auto' }} data-testid={testId}>
      <table style={{ borderCollapse: 'collapse', fontSize: 12 }}>
        <thead>
          <tr>
            <th />
            {regions.map((r) => (
              <th key={r} style={{ padding: '4px 6px', fontWeight: 500, whiteSpace: 'nowrap' }}>
                {regionLabel(r)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {chains.map((ch) => (
            <tr key={ch}>
              <td style={{ padding: '4px 8px', whiteSpace: 'nowrap' }}>{chainLabel(ch)}</td>
              {regions.map((r) => {
                const c = byKey.get(`${ch}|${r}`);
                return (
                  <td
                    key={r}
                    style={{ background: color(c?.gap ?? 0), textAlign: 'center', padding: '4px 6px', border: '1px solid #fff', minWidth: 48 }}
                    data-testid={`${testId}-cell`}
                    data-gap={c?.gap ?? 0}
                  >
                    <Tooltip title={`${chainLabel(ch)} · ${regionLabel(r)}`}>{c && c.needs + c.achievements > 0 ? `${c.needs}/${c.achievements}` : ''}</Tooltip>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
