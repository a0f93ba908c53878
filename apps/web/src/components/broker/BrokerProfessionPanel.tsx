import { App, Button, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Dayjs } from 'dayjs';
import { BROKER_LEVELS, BrokerLevel, BrokerProfessionView, BrokerRatingsAdminView, BrokerRatingSummary, BrokerRatingView, BrokerTrainingRecord } from '@ztt/contracts';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../catalogue';
import { applyApiError } from '../form-errors';
import { OrganisationPicker } from '../OrganisationPicker';
import { BrokerLevelTag } from './broker-ui';

interface CertifyForm {
  level: BrokerLevel;
  certificateNo: string;
  issuedOn: Dayjs;
  expiresOn?: Dayjs | null;
}

interface TrainingForm {
  heldOn: Dayjs;
  course: string;
  hours: number;
  provider: string;
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/**
 * A broker's professional standing: level and certificate, firm, training with its yearly hours, and
 * ratings. `admin` shows an admin's controls (set the level, the firm) and every rating with its
 * comment; otherwise it is the broker's own view (record training, see the own average).
 */
export function BrokerProfessionPanel({ userId, admin }: { userId: string; admin: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [certify] = Form.useForm<CertifyForm>();
  const [training] = Form.useForm<TrainingForm>();
  const path = admin ? `/admin/brokers/${userId}` : '/broker';
  const key = ['broker-profession', userId];
  const { data: p } = useApiQuery<BrokerProfessionView>(key, `${path}/profession`, { refetchOnMount: 'always' });
  const ratings = useApiQuery<BrokerRatingsAdminView>(['broker-ratings', userId], admin ? `/admin/brokers/${userId}/ratings` : null);
  const mine = useApiQuery<BrokerRatingSummary>(['broker-ratings', 'mine'], admin ? null : '/broker/rating');

  const saveCertification = useMutation({
    mutationFn: (v: CertifyForm) =>
      api('PUT', `/admin/brokers/${userId}/certification`, {
        level: v.level,
        certificateNo: v.certificateNo,
        issuedOn: day(v.issuedOn),
        expiresOn: v.expiresOn ? day(v.expiresOn) : null,
      }),
    meta: { invalidates: [key, ['brokers']] },
    onSuccess: () => message.success(t('profession.certify.saved')),
    onError: (e) => message.error(applyApiError(certify, e)),
  });
  const addTraining = useMutation({
    mutationFn: (v: TrainingForm) => api('POST', `${path}/training`, { heldOn: day(v.heldOn), course: v.course, hours: v.hours, provider: v.provider }),
    meta: { invalidates: [key] },
    onSuccess: () => {
      training.resetFields();
      message.success(t('profession.training.added'));
    },
    onError: (e) => message.error(applyApiError(training, e)),
  });
  const setFirm = useMutation({
    mutationFn: (firmOrgId: string | null) => api('PUT', `/admin/brokers/${userId}/firm`, { firmOrgId }),
    meta: { invalidates: [key, ['brokers']] },
    onSuccess: () => message.success(t('profession.admin.firmSaved')),
    onError: (e) => message.error(applyApiError(null, e)),
  });

  if (!p) return <Typography.Text type="secondary">…</Typography.Text>;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="broker-profession">
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('profession.level')}>
          <BrokerLevelTag level={p.level} certified={p.certified} />
        </Descriptions.Item>
        <Descriptions.Item label={t('profession.certificateNo')}>{p.certificateNo ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('profession.issuedOn')}>{p.issuedOn ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('profession.expiresOn')}>{p.issuedOn ? (p.expiresOn ?? t('profession.expiresOn.none')) : t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('profession.firm')}>{p.firm?.name ?? t('profession.firm.none')}</Descriptions.Item>
        <Descriptions.Item label={t('profession.training.byYear')}>
          {p.hoursByYear.length ? p.hoursByYear.map((y) => t('profession.training.yearHours', { year: String(y.year), hours: y.hours })).join('；') : t('profession.training.none')}
        </Descriptions.Item>
        {!admin && (
          <Descriptions.Item label={t('profession.myRating')}>
            {mine.data?.average ? t('profession.myRating.value', { average: mine.data.average, count: mine.data.count }) : t('profession.myRating.none')}
          </Descriptions.Item>
        )}
      </Descriptions>

      {admin && (
        <Form<CertifyForm> form={certify} layout="vertical" onFinish={(v) => saveCertification.mutate(v)} data-testid="certify-form">
          <Typography.Title level={5}>{t('profession.certify')}</Typography.Title>
          <Form.Item name="level" label={t('profession.level')} rules={[{ required: true }]}>
            <Select options={BROKER_LEVELS.map((l) => ({ value: l, label: t(`profession.level.${l}`) }))} />
          </Form.Item>
          <Form.Item name="certificateNo" label={t('profession.certificateNo')} rules={[{ required: true, whitespace: true, max: 64 }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item name="issuedOn" label={t('profession.issuedOn')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="expiresOn" label={t('profession.expiresOn')}>
              <DatePicker />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={saveCertification.isPending} data-testid="certify-save">
            {t('common.save')}
          </Button>
        </Form>
      )}

      {admin && (
        <div>
          <Typography.Title level={5}>{t('profession.admin.setFirm')}</Typography.Title>
          <Space wrap>
            <OrganisationPicker value={p.firm?.id} onChange={(id) => setFirm.mutate(id)} placeholder={t('profession.firm')} style={{ minWidth: 260 }} />
            {p.firm && <Button onClick={() => setFirm.mutate(null)}>{t('profession.firm.none')}</Button>}
          </Space>
        </div>
      )}

      <div>
        <Typography.Title level={5}>{t('profession.training')}</Typography.Title>
        <Table<BrokerTrainingRecord>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={p.training}
          locale={{ emptyText: t('profession.training.none') }}
          columns={[
            { title: t('profession.training.heldOn'), dataIndex: 'heldOn' },
            { title: t('profession.training.course'), dataIndex: 'course' },
            { title: t('profession.training.hours'), dataIndex: 'hours' },
            { title: t('profession.training.provider'), dataIndex: 'provider' },
          ]}
        />
        <Form<TrainingForm> form={training} layout="inline" style={{ marginTop: 12, rowGap: 8 }} onFinish={(v) => addTraining.mutate(v)} data-testid="training-form">
          <Form.Item name="heldOn" label={t('profession.training.heldOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="course" label={t('profession.training.course')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="hours" label={t('profession.training.hours')} rules={[{ required: true }]}>
            <InputNumber min={0.5} max={200} step={0.5} precision={1} />
          </Form.Item>
          <Form.Item name="provider" label={t('profession.training.provider')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Button htmlType="submit" loading={addTraining.isPending} data-testid="training-add">
            {t('profession.training.add')}
          </Button>
        </Form>
      </div>

      {admin && (
        <div>
          <Typography.Title level={5}>
            {t('profession.ratings')}
            {ratings.data?.average ? ` · ${t('profession.ratings.average')} ${ratings.data.average}` : ''}
          </Typography.Title>
          <Table<BrokerRatingView>
            rowKey="id"
            size="small"
            pagination={false}
            loading={!ratings.data}
            dataSource={ratings.data?.ratings ?? []}
            locale={{ emptyText: t('profession.myRating.none') }}
            columns={[
              { title: t('profession.ratings.deal'), dataIndex: 'dealTitle' },
              { title: t('profession.ratings.org'), dataIndex: 'orgName' },
              { title: t('profession.ratings.score'), dataIndex: 'score' },
              { title: t('profession.ratings.comment'), dataIndex: 'comment' },
              { title: t('profession.issuedOn'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            ]}
          />
        </div>
      )}
    </Space>
  );
}
