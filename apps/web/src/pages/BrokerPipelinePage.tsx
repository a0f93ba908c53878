import { Card, Empty, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DEAL_PIPELINE, DealStage, DealView, Page } from '@ztt/contracts';
import { useApiQuery } from '../api/queries';
import { formatYuan, MoveButtons, useStageMove } from '../components/deal/deal-ui';
import { useI18n } from '../i18n/i18n';

const COLUMNS: DealStage[] = [...DEAL_PIPELINE, DealStage.Lost];

/** 我的对接看板: drag a card to the next stage (or use its buttons); the gate's fields are asked for in a dialog. */
export function BrokerPipelinePage() {
  const { t } = useI18n();
  const { data } = useApiQuery<Page<DealView>>(['deals', 'pipeline'], '/deals?pageSize=100');
  const { start, modal } = useStageMove();
  const [over, setOver] = useState<DealStage | null>(null);
  const mine = (data?.items ?? []).filter((d) => d.viewerRole === 'broker');
  const byId = new Map(mine.map((d) => [d.id, d]));
  return (
    <Card
      title={t('deal.pipeline.title')}
      extra={
        <Link to="/broker/performance" data-testid="nav-performance">
          {t('deal.performance.title')}
        </Link>
      }
    >
      <Typography.Paragraph type="secondary">{t('deal.pipeline.hint')}</Typography.Paragraph>
      <div style={{ display: 'flex', gap: 8, overflowX: 'auto', paddingBottom: 8 }} data-testid="pipeline">
        {COLUMNS.map((stage) => {
          const cards = mine.filter((d) => d.stage === stage);
          return (
            <div
              key={stage}
              data-testid={`column-${stage}`}
              onDragOver={(e) => {
                e.preventDefault();
                setOver(stage);
              }}
              onDragLeave={() => setOver(null)}
              onDrop={(e) => {
                e.preventDefault();
                setOver(null);
                const deal = byId.get(e.dataTransfer.getData('text/deal-id'));
                if (deal) void start(deal, stage);
              }}
              style={{ minWidth: 210, flex: '0 0 210px', background: over === stage ? '#e6f4ff' : '#fafafa', borderRadius: 8, padding: 8 }}
            >
              <Typography.Text strong>
                {t(`deal.stage.${stage}`)} · {cards.length}
              </Typography.Text>
              <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
                {cards.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={false} />}
                {cards.map((d) => (
                  <Card
                    key={d.id}
                    size="small"
                    draggable
                    onDragStart={(e) => e.dataTransfer.setData('text/deal-id', d.id)}
                    data-testid="deal-card"
                    title={<Link to={`/deals/${d.id}`}>{d.title}</Link>}
                  >
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {d.demand.orgName} ⇄ {d.supply.orgName}
                    </Typography.Text>
                    <div>{formatYuan(d.expectedValue)}</div>
                    {d.nextStep && (
                      <div style={{ fontSize: 12 }}>
                        {t('deal.nextStep')}：{d.nextStep}
                      </div>
                    )}
                    <MoveButtons deal={d} onMove={(to) => void start(d, to)} />
                  </Card>
                ))}
              </Space>
            </div>
          );
        })}
      </div>
      {modal}
    </Card>
  );
}
