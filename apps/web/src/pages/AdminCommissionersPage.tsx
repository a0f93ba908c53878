import { App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { SpecialtyTags } from '../components/commissioner/SpecialtyTags';
import { useMutation } from '@tanstack/react-query';
import { Dayjs } from 'dayjs';
import { useState } from 'react';
import { CommissionerCandidate, CommissionerView, Page, TAXONOMY } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { applyApiError } from '../components/form-errors';
import { useTaxonomyLabels } from '../components/labels';
import { OrganisationPicker } from '../components/OrganisationPicker';
import { useI18n } from '../i18n/i18n';
import { Assignments } from './CommissionerWorkbenchPage';
import { ChainSelect } from '../components/ChainSelect';

interface EntryForm {
  userId?: string;
  institutionOrgId: string;
  chains: string[];
  keywords: string[];
  active?: boolean;
}

interface AssignmentForm {
  region: string;
  town?: string;
  servedOrgId?: string;
  startsOn: Dayjs;
  endsOn?: Dayjs;
}

const COUNTIES = TAXONOMY.regions.filter((r) => !r.outside);

/** /admin/commissioners: platform admins keep the 科技特派员 roster (institution, specialties) and their county assignments. */
export function AdminCommissionersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const labels = useTaxonomyLabels();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<CommissionerView | null>(null);
  const [assigning, setAssigning] = useState<CommissionerView | null>(null);
  const [entryForm] = Form.useForm<EntryForm>();
  const [assignForm] = Form.useForm<AssignmentForm>();
  const roster = useApiQuery<Page<CommissionerView>>(['commissioners', 'admin', page], `/admin/commissioners?page=${page}&pageSize=20`, { keepPrevious: true, staleTime: 0 });
  const candidates = useApiQuery<CommissionerCandidate[]>(['commissioners', 'candidates'], creating ? '/admin/commissioners/candidates' : null, { staleTime: 0 });

  const save = useMutation({
    mutationFn: (v: EntryForm) =>
      editing
        ? api<CommissionerView>('PATCH', `/admin/commissioners/${editing.id}`, {
            institutionOrgId: v.institutionOrgId,
            chains: v.chains ?? [],
            keywords: v.keywords ?? [],
            active: v.active,
          })
        : api<CommissionerView>('POST', '/admin/commissioners', { userId: v.userId, institutionOrgId: v.institutionOrgId, chains: v.chains ?? [], keywords: v.keywords ?? [] }),
    meta: { invalidates: [['commissioners']] },
    onSuccess: () => {
      message.success(editing ? t('common.saved') : t('commissioner.admin.created'));
      setCreating(false);
      setEditing(null);
    },
    onError: (e) => message.error(applyApiError(entryForm, e)),
  });
  const assign = useMutation({
    mutationFn: (v: AssignmentForm) =>
      api<CommissionerView>('POST', `/admin/commissioners/${assigning?.id}/assignments`, {
        region: v.region,
        ...(v.town?.trim() ? { town: v.town.trim() } : {}),
        ...(v.servedOrgId ? { servedOrgId: v.servedOrgId } : {}),
        startsOn: v.startsOn.format('YYYY-MM-DD'),
        ...(v.endsOn ? { endsOn: v.endsOn.format('YYYY-MM-DD') } : {}),
      }),
    meta: { invalidates: [['commissioners']] },
    onSuccess: () => {
      message.success(t('common.saved'));
      setAssigning(null);
    },
    onError: (e) => message.error(applyApiError(assignForm, e)),
  });
  const unassign = useMutation({
    mutationFn: (id: string) => api('DELETE', `/admin/commissioners/assignments/${id}`),
    meta: { invalidates: [['commissioners']] },
    onError: (e) => message.error(applyApiError(null, e)),
  });

  const openEntry = (c: CommissionerView | null) => {
    entryForm.resetFields();
    if (c) entryForm.setFieldsValue({ institutionOrgId: c.institutionOrgId, chains: c.chains, keywords: c.keywords, active: c.active });
    setEditing(c);
    setCreating(!c);
  };
  const submitEntry = async () => {
    const v = await entryForm.validateFields().catch(() => null);
    if (v) save.mutate(v);
  };
  const submitAssignment = async () => {
    const v = await assignForm.validateFields().catch(() => null);
    if (v) assign.mutate(v);
  };

  return (
    <Card
      title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('commissioner.admin.title')}</h1>}
      extra={
        <Button type="primary" onClick={() => openEntry(null)} data-testid="commissioner-add">
          {t('commissioner.admin.add')}
        </Button>
      }
    >
      <Table<CommissionerView>
        rowKey="id"
        loading={roster.isLoading}
        dataSource={roster.data?.items ?? []}
        locale={{ emptyText: t('commissioner.none') }}
        pagination={{ current: page, total: roster.data?.total ?? 0, pageSize: 20, onChange: setPage }}
        data-testid="commissioner-admin-roster"
        expandable={{
          expandedRowRender: (c) => (
            <Assignments
              items={c.assignments}
              actions={(a) => (
                <Popconfirm title={t('commissioner.assignment.removeConfirm')} onConfirm={() => unassign.mutate(a.id)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                  <Button type="link" danger size="small">
                    {t('commissioner.assignment.remove')}
                  </Button>
                </Popconfirm>
              )}
            />
          ),
        }}
        columns={[
          { title: t('commissioner.name'), dataIndex: 'name' },
          { title: t('commissioner.institution'), dataIndex: 'institutionName' },
          {
            title: t('commissioner.chains'),
            render: (_, c) => <SpecialtyTags chains={c.chains} keywords={c.keywords} />,
          },
          { title: t('commissioner.regions'), render: (_, c) => c.regions.map((r) => labels.region(r)).join('、') || '—' },
          { title: t('common.status'), render: (_, c) => (c.active ? <Tag color="green">{t('commissioner.active')}</Tag> : <Tag>{t('commissioner.inactive')}</Tag>) },
          {
            title: t('common.actions'),
            render: (_, c) => (
              <Space>
                <Button size="small" onClick={() => openEntry(c)}>
                  {t('commissioner.admin.edit')}
                </Button>
                <Button
                  size="small"
                  onClick={() => {
                    assignForm.resetFields();
                    setAssigning(c);
                  }}
                  data-testid="commissioner-assign"
                >
                  {t('commissioner.assignment.add')}
                </Button>
              </Space>
            ),
          },
        ]}
      />

      <Modal
        open={creating || !!editing}
        title={editing ? `${t('commissioner.admin.edit')} · ${editing.name}` : t('commissioner.admin.add')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={() => void submitEntry()}
        onCancel={() => {
          setCreating(false);
          setEditing(null);
        }}
        confirmLoading={save.isPending}
        forceRender
      >
        <Form form={entryForm} layout="vertical">
          {creating && (
            <Form.Item
              name="userId"
              label={t('commissioner.admin.user')}
              rules={[{ required: true }]}
              extra={candidates.data?.length === 0 ? t('commissioner.admin.noCandidates') : undefined}
            >
              <Select
                showSearch
                optionFilterProp="label"
                loading={candidates.isLoading}
                options={(candidates.data ?? []).map((c) => ({ value: c.userId, label: `${c.name} · ${c.email}` }))}
              />
            </Form.Item>
          )}
          <Form.Item name="institutionOrgId" label={t('commissioner.institution')} rules={[{ required: true }]}>
            <OrganisationPicker />
          </Form.Item>
          <Form.Item name="chains" label={t('commissioner.chains')}>
            <ChainSelect />
          </Form.Item>
          <Form.Item name="keywords" label={t('commissioner.keywords')} extra={t('commissioner.keywords.hint')}>
            <Select mode="tags" open={false} suffixIcon={null} />
          </Form.Item>
          {editing && (
            <Form.Item name="active" label={t('commissioner.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>

      <Modal
        open={!!assigning}
        title={`${t('commissioner.assignment.add')} · ${assigning?.name ?? ''}`}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={() => void submitAssignment()}
        onCancel={() => setAssigning(null)}
        confirmLoading={assign.isPending}
        forceRender
      >
        <Form form={assignForm} layout="vertical">
          <Form.Item name="region" label={t('commissioner.assignment.region')} rules={[{ required: true }]}>
            <Select options={COUNTIES.map((r) => ({ value: r.code, label: labels.region(r.code) }))} />
          </Form.Item>
          <Form.Item name="town" label={t('commissioner.assignment.town')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="servedOrgId" label={t('commissioner.assignment.servedOrg')}>
            <OrganisationPicker />
          </Form.Item>
          <Space>
            <Form.Item name="startsOn" label={t('commissioner.assignment.startsOn')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="endsOn" label={t('commissioner.assignment.endsOn')}>
              <DatePicker />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      <Typography.Text type="secondary">{t('commissioner.roster.hint')}</Typography.Text>
    </Card>
  );
}
