import { App, Form, Input, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FINANCE_EXTRAS_LIMITS as L, RoadshowCandidatesView, RoadshowView } from '@ztt/contracts';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { applyApiError } from '../form-errors';
import { ChainSelect } from '../ChainSelect';

interface RoadshowFormValues {
  title: string;
  description?: string;
  startsAt: string;
  endsAt?: string;
  place?: string;
  onlineLink?: string;
  chains: string[];
  requestIds: string[];
  investorOrgIds: string[];
}

/** An instant as the Beijing wall-clock value of a datetime-local input ("2026-12-18T14:30"). */
export function toBeijingLocal(iso: string | null | undefined): string | undefined {
  return iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16) : undefined;
}

/** A datetime-local value read as Beijing time, as an ISO instant. */
export function fromBeijingLocal(local: string | undefined): string | undefined {
  return local ? new Date(`${local}:00+08:00`).toISOString() : undefined;
}

/** The roadshow form (admins, brokers): create a draft, or edit a draft or published roadshow. */
export function RoadshowForm({ open, roadshow, onClose, onSaved }: { open: boolean; roadshow?: RoadshowView; onClose: () => void; onSaved: (r: RoadshowView) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoadshowFormValues>();
  const candidates = useApiQuery<RoadshowCandidatesView>(['roadshows', 'candidates'], open ? '/roadshows/candidates' : null, { staleTime: 0 });
  useEffect(() => {
    if (open && roadshow)
      form.setFieldsValue({
        title: roadshow.title,
        description: roadshow.description,
        startsAt: toBeijingLocal(roadshow.startsAt),
        endsAt: toBeijingLocal(roadshow.endsAt),
        place: roadshow.place ?? undefined,
        onlineLink: roadshow.onlineLink ?? undefined,
        chains: roadshow.chains,
        requestIds: roadshow.projectList.map((p) => p.requestId),
        investorOrgIds: roadshow.investorList.map((i) => i.orgId),
      });
    else if (open) form.resetFields();
  }, [open, roadshow, form]);
  const save = useMutation({
    mutationFn: (v: RoadshowFormValues) => {
      const body = {
        title: v.title,
        description: v.description ?? '',
        startsAt: fromBeijingLocal(v.startsAt),
        endsAt: fromBeijingLocal(v.endsAt),
        place: v.place || undefined,
        onlineLink: v.onlineLink || undefined,
        chains: v.chains ?? [],
        requestIds: v.requestIds ?? [],
        investorOrgIds: v.investorOrgIds ?? [],
      };
      return roadshow ? api<RoadshowView>('PUT', `/roadshows/${roadshow.id}`, { ...body, version: roadshow.version }) : api<RoadshowView>('POST', '/roadshows', body);
    },
    meta: { invalidates: [['roadshows']] },
    onSuccess: (r) => {
      message.success(t('roadshow.saved'));
      onSaved(r);
    },
    onError: (e) => message.error(applyApiError(form, e)),
  });
  // Projects already on the roadshow stay choosable even when they are no longer open.
  const requestOptions = [
    ...(candidates.data?.requests ?? []).map((q) => ({ value: q.id, label: `${q.title}（${q.orgName}）` })),
    ...(roadshow?.projectList ?? []).filter((p) => !candidates.data?.requests.some((q) => q.id === p.requestId)).map((p) => ({ value: p.requestId, label: p.title })),
  ];
  return (
    <Modal
      open={open}
      width={720}
      title={roadshow ? t('roadshow.edit') : t('roadshow.new')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'roadshow-save' }}
      destroyOnClose
    >
      <Form<RoadshowFormValues> form={form} layout="vertical" initialValues={{ chains: [], requestIds: [], investorOrgIds: [] }}>
        <Form.Item name="title" label={t('roadshow.title')} rules={[{ required: true, whitespace: true }, { max: L.roadshowTitleLength }]}>
          <Input data-testid="roadshow-title" />
        </Form.Item>
        <Form.Item name="startsAt" label={t('roadshow.startsAt')} rules={[{ required: true }]}>
          <Input type="datetime-local" data-testid="roadshow-starts" />
        </Form.Item>
        <Form.Item name="endsAt" label={t('roadshow.endsAt')}>
          <Input type="datetime-local" data-testid="roadshow-ends" />
        </Form.Item>
        <Form.Item name="place" label={t('roadshow.place')} rules={[{ max: L.placeLength }]} extra={t('roadshow.placeOrLink')}>
          <Input data-testid="roadshow-place" />
        </Form.Item>
        <Form.Item name="onlineLink" label={t('roadshow.onlineLink')} rules={[{ type: 'url' }, { max: L.linkLength }]}>
          <Input data-testid="roadshow-link" />
        </Form.Item>
        <Form.Item name="chains" label={t('roadshow.chains')}>
          <ChainSelect maxCount={L.chainsMax} />
        </Form.Item>
        <Form.Item name="requestIds" label={t('roadshow.projects')} extra={t('roadshow.projects.hint')}>
          <Select
            mode="multiple"
            loading={candidates.isLoading}
            placeholder={t('roadshow.projects.pick')}
            options={requestOptions}
            optionFilterProp="label"
            data-testid="roadshow-projects"
          />
        </Form.Item>
        <Form.Item name="investorOrgIds" label={t('roadshow.investors')} extra={t('roadshow.investors.hint')}>
          <Select
            mode="multiple"
            loading={candidates.isLoading}
            options={(candidates.data?.investors ?? []).map((o) => ({ value: o.orgId, label: o.name }))}
            optionFilterProp="label"
            data-testid="roadshow-investors"
          />
        </Form.Item>
        <Form.Item name="description" label={t('roadshow.description')} rules={[{ max: L.roadshowDescriptionLength }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
