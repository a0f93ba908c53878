import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Dayjs } from 'dayjs';
import { CAPACITY_LIMITS as L, ItemView, Page, RunView } from '@ztt/contracts';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import { applyApiError } from '../form-errors';
import { useI18n } from '../../i18n/i18n';

interface RunForm {
  achievementId: string;
  goal: string;
  period: [Dayjs, Dayjs];
}

/** 申请验证: an achievement owner asks a provider for a verification or pilot run. */
export function RunRequestModal(props: { providerId: string; achievementId?: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RunForm>();
  const mine = useApiQuery<Page<ItemView>>(['items', 'mine', 'achievement', 'published-for-runs'], props.open ? '/my/achievements?status=published&pageSize=100' : null);
  const send = useMutation({
    mutationFn: (v: RunForm) =>
      api<RunView>('POST', '/capacity/runs', {
        providerId: props.providerId,
        achievementId: v.achievementId,
        goal: v.goal,
        wishFrom: v.period[0].format('YYYY-MM-DD'),
        wishTo: v.period[1].format('YYYY-MM-DD'),
      }),
    meta: { invalidates: [['capacity']] },
    onSuccess: () => {
      message.success(t('capacity.run.requested'));
      props.onClose();
    },
    onError: (e) => message.error(applyApiError(form, e)),
  });
  const items = mine.data?.items ?? [];
  return (
    <Modal
      open={props.open}
      title={t('capacity.run.title')}
      onCancel={props.onClose}
      onOk={async () => send.mutate(await form.validateFields())}
      okButtonProps={{ loading: send.isPending, disabled: !items.length, 'data-testid': 'run-submit' } as never}
      destroyOnHidden
    >
      {mine.data && !items.length && <Alert type="info" message={t('capacity.run.noAchievements')} />}
      <Form<RunForm> form={form} layout="vertical" preserve={false} initialValues={{ achievementId: props.achievementId }}>
        <Form.Item name="achievementId" label={t('capacity.run.achievement')} rules={[{ required: true }]}>
          <Select options={items.map((i) => ({ value: i.id, label: `${i.title}（TRL ${i.trl}）` }))} data-testid="run-achievement" />
        </Form.Item>
        <Form.Item name="goal" label={t('capacity.run.goal')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={L.textLength} data-testid="run-goal" />
        </Form.Item>
        <Form.Item name="period" label={t('capacity.run.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
