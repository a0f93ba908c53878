import { Rate, Space, Tag, Typography } from 'antd';
import { BrokerLevel, PublicBrokerCard } from '@ztt/contracts';
import { useI18n } from '../../i18n/i18n';

/** 初级 / 中级 / 高级技术经纪人, with whether the certificate is valid today. */
export function BrokerLevelTag({ level, certified }: { level: BrokerLevel | null; certified: boolean }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color={level === 'senior' ? 'gold' : level === 'intermediate' ? 'blue' : 'default'} data-testid="broker-level">
        {level ? t(`profession.level.${level}`) : t('profession.level.none')}
      </Tag>
      {certified ? <Tag color="green">{t('profession.certified')}</Tag> : null}
    </Space>
  );
}

/** The public average (from 3 ratings), or why it is not shown. */
export function BrokerRating({ rating }: { rating: PublicBrokerCard['rating'] }) {
  const { t } = useI18n();
  if (!rating) return <Typography.Text type="secondary">{t('profession.rating.hidden')}</Typography.Text>;
  return (
    <Space size={8} data-testid="broker-rating">
      <Rate disabled allowHalf value={Math.round(Number(rating.average) * 2) / 2} aria-label={`${t('profession.rating')} ${rating.average}`} />
      <span>{rating.average}</span>
      <Typography.Text type="secondary">{t('profession.rating.count', { count: rating.count })}</Typography.Text>
    </Space>
  );
}
