import { MinusCircleOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n/i18n';

/** Removes a row of a form list: a real button, so the keyboard reaches it and a screen reader names it. */
export function RemoveRowButton({ onRemove }: { onRemove: () => void }) {
  const { t } = useI18n();
  return <Button type="text" danger icon={<MinusCircleOutlined />} onClick={onRemove} aria-label={t('common.removeRow')} title={t('common.removeRow')} />;
}
