import { App, Button, Card, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { CONSULTATION_LIMITS as CL, ConsultationView, ExpertPublicView, Page } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useI18n } from '../i18n/i18n';
import { applyApiError } from './form-errors';

export const CONSULTATION_COLOUR = { requested: 'gold', accepted: 'blue', answered: 'green', declined: 'default' } as const;

/** What a consultation is about: a need (its page, for its organisation) or a deal (its 专家咨询 section, for everyone on it). */
export interface ConsultationSubject {
  kind: 'need' | 'deal';
  id: string;
}

/** Ask for an expert consultation about a need or a deal (optionally of one expert from the directory), and read the answers. */
export function ExpertConsultations({ subject }: { subject: ConsultationSubject }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ question: string; expertProfileId?: string }>();
  const path = `/${subject.kind === 'need' ? 'needs' : 'deals'}/${subject.id}/consultations`;
  const list = useApiQuery<ConsultationView[]>(['consultations', subject.kind, subject.id], path, { staleTime: 0 });
  const experts = useApiQuery<Page<ExpertPublicView>>(['experts', 'public', 'all'], '/experts?page=1&pageSize=100');
  const ask = useMutation({
    mutationFn: (v: { question: string; expertProfileId?: string }) => api<ConsultationView>('POST', path, v),
    meta: { invalidates: [['consultations']] },
    onSuccess: () => {
      message.success(t('expert.consult.sent'));
      form.resetFields();
    },
    onError: (e) => message.error(applyApiError(form, e)),
  });
  return (
    <Card title={t('expert.consult.title')} style={{ marginTop: subject.kind === 'need' ? 16 : 0 }} data-testid={`${subject.kind}-consultations`}>
      <Typography.Paragraph type="secondary">{t('expert.consult.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => ask.mutate(v)} style={{ maxWidth: 640 }}>
        <Form.Item name="question" label={t('expert.consult.question')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={CL.questionLength} data-testid="consult-question" />
        </Form.Item>
        <Form.Item name="expertProfileId" label={t('expert.consult.expert')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('expert.consult.anyExpert')}
            options={(experts.data?.items ?? []).map((e) => ({
              value: e.id,
              label: `${e.name}（${t(`expert.kind.${e.kind}`)}${e.titles.length ? ` · ${e.titles.join('、')}` : ''}）`,
            }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={ask.isPending} data-testid="consult-send">
          {t('expert.consult.send')}
        </Button>
      </Form>
      <List<ConsultationView>
        style={{ marginTop: 16 }}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('expert.consult.none') }}
        renderItem={(c) => <ConsultationItem c={c} />}
      />
    </Card>
  );
}

/** One consultation: the question, who answers, its state and the answer or the reason it was declined. */
export function ConsultationItem({ c, actions }: { c: ConsultationView; actions?: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <List.Item actions={actions ? [actions] : undefined}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Tag color={CONSULTATION_COLOUR[c.status]}>{t(`expert.consult.status.${c.status}`)}</Tag>
          <Typography.Text strong>{c.subjectTitle}</Typography.Text>
          <Typography.Text type="secondary">{`${c.requesterName} · ${c.createdAt.slice(0, 10)}`}</Typography.Text>
        </Space>
        <Typography.Text>{`${t('expert.consult.question')}：${c.question}`}</Typography.Text>
        {(c.expertName ?? c.preferredExpert?.name) && (
          <Typography.Text type="secondary">{`${t('expert.consult.expert')}：${c.expertName ?? c.preferredExpert?.name}`}</Typography.Text>
        )}
        {c.answer && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{`${t('expert.consult.answer')}：${c.answer}`}</Typography.Paragraph>}
        {c.declineReason && <Typography.Text type="warning">{`${t('expert.consult.declineReason')}：${c.declineReason}`}</Typography.Text>}
      </Space>
    </List.Item>
  );
}
