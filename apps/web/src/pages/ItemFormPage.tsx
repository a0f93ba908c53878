import { Alert, App, AutoComplete, Button, Card, Checkbox, Col, DatePicker, Divider, Empty, Form, Input, Result, Row, Space, Spin, Switch, Typography, Upload } from 'antd';
import { FormSelect } from '../components/FormSelect';
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  AchievementInput,
  AchievementView,
  AttachmentView,
  compareDecimals,
  criteriaRequired,
  FUNDING_SOURCE_LABELS,
  FUNDING_SOURCES,
  IpItem,
  ITEM_LIMITS,
  ItemKind,
  ItemStatus,
  ItemView,
  MembershipStatus,
  NeedInput,
  needQuality,
  NeedView,
  quantifiedIndicators,
  RIGHTS_GRANTED,
  RIGHTS_GRANTED_LABELS,
  RightsGranted,
  WAN_PATTERN,
} from '@ztt/contracts';
import { api, ApiError, apiUpload } from '../api/client';
import { useApiQuery } from '../api/queries';
import { useAuth } from '../auth/auth';
import { AttachmentList } from '../components/Attachments';
import { ATTACHMENT_ACCEPT, kindPath } from '../components/catalogue';
import { applyApiError } from '../components/form-errors';
import { ItemStatusTag, TAX, useTaxonomyLabels } from '../components/labels';
import { MatchPreview } from '../components/MatchesPanel';
import { NeedQualityPanel, SimilarNeeds, SuggestedIndicators } from '../components/NeedQuality';
import { useI18n } from '../i18n/i18n';

interface FormValues {
  ownerOrgId: string | undefined;
  title: string;
  summary: string;
  confidentialDetails: string;
  chains: string[];
  keywords: string[];
  region: string | undefined;
  trl: number | undefined;
  cooperationModes: string[];
  contact: { name: string; phone: string; email: string };
  // need
  category: string | undefined;
  budgetMin: string;
  budgetMax: string;
  budgetNegotiable: boolean;
  deadline: Dayjs | null;
  acceptanceCriteria: string;
  // achievement
  maturityStage: string | undefined;
  ipItems: IpItem[];
  team: { name: string; title: string; userId: string | null }[];
  askingPrice: string;
  priceNegotiable: boolean;
  priceTerms: string;
  applicationFields: string;
  provenResults: string;
  serviceInvention: boolean;
  fundingSource: string | undefined;
  rightsGranted: RightsGranted;
}

function toValues(item: ItemView | null, defaultOrg: string | undefined, defaultContact: FormValues['contact']): FormValues {
  const need = item?.kind === 'need' ? (item as NeedView) : null;
  const ach = item?.kind === 'achievement' ? (item as AchievementView) : null;
  return {
    ownerOrgId: item?.ownerOrgId ?? defaultOrg,
    title: item?.title ?? '',
    summary: item?.summary ?? '',
    confidentialDetails: item?.confidentialDetails ?? '',
    chains: item?.chains ?? [],
    keywords: item?.keywords ?? [],
    region: item?.region,
    trl: item?.trl,
    cooperationModes: item?.cooperationModes ?? [],
    contact: item?.contact ? { name: item.contact.name, phone: item.contact.phone ?? '', email: item.contact.email ?? '' } : defaultContact,
    category: need?.category,
    budgetMin: need?.budgetMin ?? '',
    budgetMax: need?.budgetMax ?? '',
    budgetNegotiable: need?.budgetNegotiable ?? false,
    deadline: need?.deadline ? dayjs(need.deadline) : null,
    acceptanceCriteria: need?.acceptanceCriteria ?? '',
    maturityStage: ach?.maturityStage,
    ipItems: ach?.ipItems ?? [],
    team: (ach?.team ?? []).map((m) => ({ name: m.name, title: m.title ?? '', userId: m.userId })),
    askingPrice: ach?.askingPrice ?? '',
    priceNegotiable: ach?.priceNegotiable ?? false,
    priceTerms: ach?.priceTerms ?? '',
    applicationFields: ach?.applicationFields ?? '',
    provenResults: ach?.provenResults ?? '',
    serviceInvention: ach?.serviceInvention ?? false,
    fundingSource: ach?.fundingSource ?? undefined,
    rightsGranted: ach?.rightsGranted ?? 'none',
  };
}

const orNull = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);

/** The request body: everything the form holds, in the contract's shape. */
function toInput(kind: ItemKind, v: FormValues): NeedInput | AchievementInput {
  const common = {
    title: v.title.trim(),
    summary: v.summary.trim(),
    confidentialDetails: v.confidentialDetails ?? '',
    chains: v.chains,
    keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
    region: v.region ?? '',
    trl: v.trl ?? 0,
    cooperationModes: v.cooperationModes,
    contact: { name: v.contact.name.trim(), phone: orNull(v.contact.phone), email: orNull(v.contact.email) },
    ownerOrgId: v.ownerOrgId ?? '',
  };
  if (kind === 'need') {
    const input: NeedInput = {
      ...common,
      category: v.category ?? '',
      budgetNegotiable: !!v.budgetNegotiable,
      budgetMin: v.budgetNegotiable ? null : orNull(v.budgetMin),
      budgetMax: v.budgetNegotiable ? null : orNull(v.budgetMax),
      deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
      acceptanceCriteria: v.acceptanceCriteria ?? '',
    };
    return input;
  }
  const input: AchievementInput = {
    ...common,
    maturityStage: v.maturityStage ?? '',
    ipItems: (v.ipItems ?? []).map((ip) => ({ type: ip.type, number: (ip.number ?? '').trim(), status: (ip.status ?? '').trim() })),
    team: (v.team ?? []).map((m) => ({ name: m.name.trim(), title: orNull(m.title), userId: m.userId ?? null })),
    priceNegotiable: !!v.priceNegotiable,
    askingPrice: v.priceNegotiable ? null : orNull(v.askingPrice),
    priceTerms: v.priceTerms ?? '',
    applicationFields: v.applicationFields ?? '',
    provenResults: v.provenResults ?? '',
    // A service invention says where its money came from and what rights its inventors hold; anything else has neither.
    serviceInvention: !!v.serviceInvention,
    fundingSource: v.serviceInvention ? (v.fundingSource ?? null) : null,
    rightsGranted: v.serviceInvention ? (v.rightsGranted ?? 'none') : 'none',
  };
  return input;
}

/** /needs/new, /needs/:id/edit, /achievements/new, /achievements/:id/edit */
export function ItemFormPage({ kind }: { kind: ItemKind }) {
  const { id } = useParams();
  const { t } = useI18n();
  const path = kindPath(kind);
  // The form starts from what the server holds now, never from a cached copy: it is read again on every visit.
  const { data, error, isFetchedAfterMount } = useApiQuery<ItemView>(['item', kind, id], id ? `/${path}/${id}` : null, { refetchOnMount: 'always' });
  if (error instanceof ApiError && error.status === 404) return <Result status="404" title="404" subTitle={t('item.notFound')} />;
  if (error) return <Result status="error" title={applyApiError(null, error)} />;
  if (id && (!data || !isFetchedAfterMount)) return <Spin style={{ margin: 48 }} />;
  if (data && !data.canEdit) return <Result status="403" title="403" subTitle={t('item.cannotEdit')} />;
  return <ItemForm key={id ?? 'new'} kind={kind} initial={id ? (data ?? null) : null} />;
}

function ItemForm({ kind, initial }: { kind: ItemKind; initial: ItemView | null }) {
  const { t, label, locale } = useI18n();
  const { me } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const labels = useTaxonomyLabels();
  const path = kindPath(kind);
  const [form] = Form.useForm<FormValues>();
  const [item, setItem] = useState<ItemView | null>(initial);
  const queryClient = useQueryClient();
  // Every write shows on the item's page and in its owners' lists.
  const invalidates = [['item', kind], ['items']];
  const store = useMutation({
    mutationFn: async ({ current, input }: { current: ItemView | null; input: NeedInput | AchievementInput }): Promise<ItemView> => {
      if (!current) return api<ItemView>('POST', `/${path}`, input);
      const { ownerOrgId: _owner, ...changes } = input;
      const saved = await api<ItemView | undefined>('PATCH', `/${path}/${current.id}`, { ...changes, version: current.version });
      return saved && typeof saved.version === 'number' ? saved : api<ItemView>('GET', `/${path}/${current.id}`);
    },
    meta: { invalidates },
  });
  const submit = useMutation({ mutationFn: (itemId: string) => api('POST', `/${path}/${itemId}/submit`), meta: { invalidates: [...invalidates, ['review-queue']] } });
  const upload = useMutation({
    mutationFn: ({ current, file }: { current: ItemView; file: File }) => apiUpload<AttachmentView>(`/${path}/${current.id}/attachments`, file),
    meta: { invalidates },
    onSuccess: (att, { current }) => {
      setItem({ ...current, attachments: [...(current.attachments ?? []), att] } as ItemView);
      message.success(t('attachment.uploaded', { name: att.fileName }));
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  const saving = store.isPending || submit.isPending;
  const uploading = upload.isPending;
  const budgetNegotiable = Form.useWatch('budgetNegotiable', form);
  const priceNegotiable = Form.useWatch('priceNegotiable', form);
  const serviceInvention = Form.useWatch('serviceInvention', form);
  // The need as typed so far, for its completeness score, the criteria gate and the duplicate check.
  const typedTitle = Form.useWatch('title', form);
  const typedOrg = Form.useWatch('ownerOrgId', form);
  const quality = needQuality({
    summary: Form.useWatch('summary', form),
    keywords: Form.useWatch('keywords', form),
    trl: Form.useWatch('trl', form),
    budgetMin: Form.useWatch('budgetMin', form),
    budgetMax: Form.useWatch('budgetMax', form),
    budgetNegotiable,
    acceptanceCriteria: Form.useWatch('acceptanceCriteria', form),
  });
  const category = Form.useWatch('category', form);
  const criteria = Form.useWatch('acceptanceCriteria', form);
  const criteriaMissing = kind === 'need' && criteriaRequired(category) && quantifiedIndicators(criteria).length === 0;

  const orgs = (me?.memberships ?? []).filter((m) => m.status === MembershipStatus.Active);
  const defaultOrg = orgs.find((m) => m.verificationStatus === 'verified')?.organisationId ?? orgs[0]?.organisationId;
  const [initialValues] = useState(() => toValues(initial, defaultOrg, { name: me?.displayName ?? '', phone: me?.phone ?? '', email: me?.email ?? '' }));

  if (!item && orgs.length === 0) {
    return (
      <Result
        status="info"
        title={t('item.form.noOrg')}
        extra={
          <Button type="primary" onClick={() => navigate('/onboarding')}>
            {t('home.goOrg')}
          </Button>
        }
      />
    );
  }

  const reloadFromServer = async () => {
    if (!item) return;
    try {
      const fresh = await queryClient.fetchQuery({ queryKey: ['item', kind, item.id], queryFn: () => api<ItemView>('GET', `/${path}/${item.id}`), staleTime: 0 });
      setItem(fresh);
      form.resetFields();
      form.setFieldsValue(toValues(fresh, defaultOrg, initialValues.contact));
      message.info(t('item.conflict.reloaded'));
    } catch (e) {
      message.error(applyApiError(null, e));
    }
  };

  /** The need as typed so far, for the match preview; null until it has a title. */
  const previewDraft = (): Record<string, unknown> | null => {
    const v = form.getFieldsValue(true) as Partial<FormValues> & Record<string, unknown>;
    const title = typeof v.title === 'string' ? v.title.trim() : '';
    if (!title) {
      message.info(t('item.title'));
      return null;
    }
    const money = typeof v.budgetMax === 'string' && /^\d{1,12}(\.\d{1,2})?$/.test(v.budgetMax) ? v.budgetMax : null;
    return {
      title,
      summary: typeof v.summary === 'string' ? v.summary : '',
      keywords: Array.isArray(v.keywords) ? v.keywords : [],
      chains: Array.isArray(v.chains) ? v.chains : [],
      trl: typeof v.trl === 'number' ? v.trl : undefined,
      cooperationModes: Array.isArray(v.cooperationModes) ? v.cooperationModes : [],
      budgetMax: money,
      budgetNegotiable: !!v.budgetNegotiable,
      region: typeof v.region === 'string' ? v.region : undefined,
    };
  };

  /** Saves the form; returns the saved item, or null when it did not save. */
  const save = async (): Promise<ItemView | null> => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      message.error(t('item.form.invalid'));
      return null;
    }
    const input = toInput(kind, values);
    try {
      const next = await store.mutateAsync({ current: item, input });
      if (!item) {
        message.success(t('item.form.created'));
        navigate(`/${path}/${next.id}/edit`, { replace: true });
        return next;
      }
      setItem(next);
      message.success(t('common.saved'));
      return next;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        modal.confirm({
          title: t('item.conflict.title'),
          content: t('item.conflict.body'),
          okText: t('item.conflict.reload'),
          cancelText: t('common.cancel'),
          onOk: () => reloadFromServer(),
        });
      } else {
        message.error(applyApiError(form, e));
      }
      return null;
    }
  };

  const saveAndSubmit = async () => {
    // The API refuses it too; saying so here spares a round trip and points at the field.
    if (criteriaMissing) {
      form.setFields([{ name: 'acceptanceCriteria', errors: [t('quality.criteriaRequired')] }]);
      form.scrollToField('acceptanceCriteria');
      message.error(t('quality.criteriaRequired'));
      return;
    }
    const saved = await save();
    if (!saved || !item) return;
    try {
      await submit.mutateAsync(saved.id);
      message.success(t('item.submitted'));
      navigate(`/${path}/${saved.id}`);
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };

  const chainOptions = TAX.industries.map((i) => ({
    label: label(i),
    title: label(i),
    options: i.chains.map((c) => ({ value: c.code, label: `${label(c)}`, title: `${label(i)} / ${label(c)}` })),
  }));
  const trlOptions = TAX.trl.map((l) => ({ value: l.level, label: labels.trl(l.level) }));
  const moneyRule = { pattern: WAN_PATTERN, message: t('item.form.money') };
  const maxLen = (n: number) => ({ max: n, message: t('item.form.maxLength', { n }) });
  const attachments = item?.attachments ?? [];
  const ownOrgName = item?.ownerOrgName ?? orgs.find((m) => m.organisationId === typedOrg)?.organisationName;
  const addIndicator = (line: string) => {
    const now = ((form.getFieldValue('acceptanceCriteria') as string | undefined) ?? '').replace(/\s+$/, '');
    form.setFieldValue('acceptanceCriteria', now ? `${now}\n${line}` : line);
  };

  return (
    <Card
      title={
        <Space>
          {t(item ? (kind === 'need' ? 'need.edit' : 'achievement.edit') : kind === 'need' ? 'need.new' : 'achievement.new')}
          {item && <ItemStatusTag status={item.status} />}
        </Space>
      }
      extra={item && <Button onClick={() => navigate(`/${path}/${item.id}`)}>{t('item.view')}</Button>}
    >
      {item?.status === ItemStatus.Draft && item.rejectionReason && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} message={`${t('item.rejectionReason')}：${item.rejectionReason}`} />
      )}
      {item?.status === ItemStatus.Published && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('item.form.publishedHint')} />}
      {kind === 'need' && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <NeedQualityPanel quality={quality} />
        </Card>
      )}
      <Form<FormValues> form={form} layout="vertical" initialValues={initialValues} requiredMark="optional" scrollToFirstError data-testid="item-form">
        <Form.Item name="ownerOrgId" label={t('item.form.org')} rules={[{ required: true }]} extra={item ? undefined : t('item.form.org.help')}>
          <FormSelect
            disabled={!!item}
            options={
              item
                ? [{ value: item.ownerOrgId, label: item.ownerOrgName }]
                : orgs.map((m) => ({
                    value: m.organisationId,
                    label: `${m.organisationName}${m.verificationStatus === 'verified' ? '' : `（${t(`org.status.${m.verificationStatus}`)}）`}`,
                  }))
            }
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('item.title')}
          rules={[{ required: true, whitespace: true }, maxLen(ITEM_LIMITS.titleMax)]}
          extra={t(kind === 'need' ? 'help.need.title' : 'help.achievement.title')}
        >
          <Input maxLength={ITEM_LIMITS.titleMax} showCount data-testid="field-title" />
        </Form.Item>
        {kind === 'need' && <SimilarNeeds title={typeof typedTitle === 'string' ? typedTitle : ''} excludeId={item?.id} ownOrgName={ownOrgName} />}
        <Form.Item name="summary" label={t('item.summary')} rules={[{ required: true, whitespace: true }, maxLen(ITEM_LIMITS.summaryMax)]} extra={t('help.summary')}>
          <Input.TextArea rows={5} maxLength={ITEM_LIMITS.summaryMax} showCount data-testid="field-summary" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="chains"
              label={t('item.chains')}
              extra={t('help.chains')}
              rules={[
                {
                  required: true,
                  type: 'array',
                  min: ITEM_LIMITS.chainsMin,
                  max: ITEM_LIMITS.chainsMax,
                  message: t('item.form.chains', { min: ITEM_LIMITS.chainsMin, max: ITEM_LIMITS.chainsMax }),
                },
              ]}
            >
              <FormSelect mode="multiple" maxCount={ITEM_LIMITS.chainsMax} options={chainOptions} optionFilterProp="title" showSearch data-testid="field-chains" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="region" label={t('item.region')} rules={[{ required: true }]} extra={t('help.region')}>
              <FormSelect showSearch optionFilterProp="label" options={TAX.regions.map((r) => ({ value: r.code, label: label(r) }))} data-testid="field-region" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="trl" label={t('item.trl')} rules={[{ required: true }]} extra={t(kind === 'need' ? 'help.trl.need' : 'help.trl.achievement')}>
              <FormSelect options={trlOptions} data-testid="field-trl" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {kind === 'need' ? (
              <Form.Item name="category" label={t('need.category')} rules={[{ required: true }]} extra={t('help.category')}>
                <FormSelect options={TAX.needCategories.map((c) => ({ value: c.code, label: label(c) }))} data-testid="field-category" />
              </Form.Item>
            ) : (
              <Form.Item name="maturityStage" label={t('achievement.maturityStage')} rules={[{ required: true }]} extra={t('help.maturityStage')}>
                <FormSelect
                  options={TAX.maturityStages.map((m) => ({ value: m.code, label: `${label(m)}（TRL ${m.trl[0]}${m.trl[1] !== m.trl[0] ? `–${m.trl[1]}` : ''}）` }))}
                  data-testid="field-maturity"
                />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Form.Item
          name="cooperationModes"
          label={t('item.cooperationModes')}
          rules={[{ required: true, type: 'array', min: 1, max: ITEM_LIMITS.modesMax, message: t('item.form.modes') }]}
          extra={t('help.modes')}
        >
          <FormSelect mode="multiple" optionFilterProp="label" options={TAX.cooperationModes.map((c) => ({ value: c.code, label: label(c) }))} data-testid="field-modes" />
        </Form.Item>
        <Form.Item
          name="keywords"
          label={t('item.keywords')}
          extra={t('help.keywords', { n: ITEM_LIMITS.keywordsMax, len: ITEM_LIMITS.keywordMax })}
          rules={[
            { type: 'array', max: ITEM_LIMITS.keywordsMax, message: t('item.form.keywords', { n: ITEM_LIMITS.keywordsMax }) },
            {
              validator: (_, v: string[] | undefined) =>
                (v ?? []).some((k) => k.length > ITEM_LIMITS.keywordMax)
                  ? Promise.reject(new Error(t('item.form.keywordLength', { n: ITEM_LIMITS.keywordMax })))
                  : Promise.resolve(),
            },
          ]}
        >
          <FormSelect mode="tags" maxCount={ITEM_LIMITS.keywordsMax} tokenSeparators={[',', '，', '、', ';', '；']} open={false} suffixIcon={null} data-testid="field-keywords" />
        </Form.Item>

        {kind === 'need' ? (
          <>
            <Divider orientation="left">{t('need.budget')}</Divider>
            <Row gutter={16} align="bottom">
              <Col xs={12} md={6}>
                <Form.Item name="budgetMin" label={t('need.budgetMin')} rules={[moneyRule]}>
                  <Input disabled={budgetNegotiable} inputMode="decimal" placeholder="0.00" data-testid="field-budget-min" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item
                  name="budgetMax"
                  label={t('need.budgetMax')}
                  dependencies={['budgetMin', 'budgetNegotiable']}
                  rules={[
                    moneyRule,
                    ({ getFieldValue }) => ({
                      validator: (_, v: string | undefined) => {
                        const min = getFieldValue('budgetMin') as string | undefined;
                        if (getFieldValue('budgetNegotiable') || !v || !min || !WAN_PATTERN.test(v) || !WAN_PATTERN.test(min)) return Promise.resolve();
                        return compareDecimals(v, min) >= 0 ? Promise.resolve() : Promise.reject(new Error(t('item.form.budgetOrder')));
                      },
                    }),
                  ]}
                >
                  <Input disabled={budgetNegotiable} inputMode="decimal" placeholder="0.00" data-testid="field-budget-max" />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name="budgetNegotiable" valuePropName="checked">
                  <Checkbox data-testid="field-budget-negotiable">{t('item.negotiable')}</Checkbox>
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name="deadline" label={t('need.deadline')} extra={t('help.deadline')}>
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="field-deadline" />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
              {t('help.budget')}
            </Typography.Paragraph>
            {criteriaMissing && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('quality.criteriaRequired')} data-testid="criteria-required" />}
            <Form.Item name="acceptanceCriteria" label={t('need.acceptanceCriteria')} rules={[maxLen(ITEM_LIMITS.textMax)]} extra={t('help.acceptanceCriteria')}>
              <Input.TextArea rows={4} maxLength={ITEM_LIMITS.textMax} data-testid="field-criteria" />
            </Form.Item>
            <SuggestedIndicators category={category} onAdd={addIndicator} />
          </>
        ) : (
          <>
            <Divider orientation="left">{t('achievement.askingPrice')}</Divider>
            <Row gutter={16} align="bottom">
              <Col xs={12} md={6}>
                <Form.Item name="askingPrice" label={t('achievement.askingPrice.wan')} rules={[moneyRule]}>
                  <Input disabled={priceNegotiable} inputMode="decimal" placeholder="0.00" data-testid="field-price" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="priceNegotiable" valuePropName="checked">
                  <Checkbox data-testid="field-price-negotiable">{t('item.negotiable')}</Checkbox>
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="priceTerms" label={t('achievement.priceTerms')} rules={[maxLen(ITEM_LIMITS.textMax)]} extra={t('help.priceTerms')}>
                  <Input maxLength={ITEM_LIMITS.textMax} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="applicationFields" label={t('achievement.applicationFields')} rules={[maxLen(ITEM_LIMITS.textMax)]} extra={t('help.applicationFields')}>
              <Input.TextArea rows={3} maxLength={ITEM_LIMITS.textMax} />
            </Form.Item>
            <Form.Item name="provenResults" label={t('achievement.provenResults')} rules={[maxLen(ITEM_LIMITS.textMax)]} extra={t('help.provenResults')}>
              <Input.TextArea rows={3} maxLength={ITEM_LIMITS.textMax} />
            </Form.Item>

            <Divider orientation="left">{t('achievement.serviceInvention')}</Divider>
            <Row gutter={16}>
              <Col xs={24} md={6}>
                <Form.Item name="serviceInvention" label={t('achievement.serviceInvention')} valuePropName="checked" extra={t('help.serviceInvention')}>
                  <Switch data-testid="field-service-invention" />
                </Form.Item>
              </Col>
              {serviceInvention && (
                <>
                  <Col xs={24} md={9}>
                    <Form.Item name="fundingSource" label={t('achievement.fundingSource')}>
                      <FormSelect allowClear options={FUNDING_SOURCES.map((f) => ({ value: f, label: FUNDING_SOURCE_LABELS[f][locale] }))} data-testid="field-funding-source" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={9}>
                    <Form.Item name="rightsGranted" label={t('achievement.rightsGranted')}>
                      <FormSelect options={RIGHTS_GRANTED.map((r) => ({ value: r, label: RIGHTS_GRANTED_LABELS[r][locale] }))} data-testid="field-rights-granted" />
                    </Form.Item>
                  </Col>
                </>
              )}
            </Row>

            <Divider orientation="left">{t('achievement.ipItems')}</Divider>
            <Form.List name="ipItems">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Row gutter={8} key={f.key} align="top" data-testid={`ip-row-${f.name}`}>
                      <Col xs={24} md={7}>
                        <Form.Item name={[f.name, 'type']} rules={[{ required: true, message: t('achievement.ip.type') }]}>
                          <FormSelect placeholder={t('achievement.ip.type')} options={TAX.ipTypes.map((c) => ({ value: c.code, label: label(c) }))} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={9}>
                        <Form.Item name={[f.name, 'number']} rules={[{ required: true, whitespace: true, message: t('achievement.ip.number') }, maxLen(50)]}>
                          <Input placeholder={t('achievement.ip.number.placeholder')} />
                        </Form.Item>
                      </Col>
                      <Col xs={20} md={6}>
                        <Form.Item name={[f.name, 'status']} rules={[{ required: true, whitespace: true, message: t('achievement.ip.status') }, maxLen(20)]}>
                          <AutoComplete placeholder={t('achievement.ip.status')} options={['已授权', '申请中', '实审中', '已登记'].map((v) => ({ value: v }))} />
                        </Form.Item>
                      </Col>
                      <Col xs={4} md={2}>
                        <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('attachment.delete')} />
                      </Col>
                    </Row>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    disabled={fields.length >= ITEM_LIMITS.ipItemsMax}
                    onClick={() => add({ type: 'invention-patent', number: '', status: '' })}
                    data-testid="add-ip"
                    style={{ marginBottom: 16 }}
                  >
                    {t('achievement.ip.add')}
                  </Button>
                </>
              )}
            </Form.List>

            <Divider orientation="left">{t('achievement.team')}</Divider>
            <Form.List name="team">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Row gutter={8} key={f.key} align="top" data-testid={`team-row-${f.name}`}>
                      <Col xs={24} md={8}>
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('achievement.team.name') }, maxLen(50)]}>
                          <Input placeholder={t('achievement.team.name')} />
                        </Form.Item>
                      </Col>
                      <Col xs={20} md={14}>
                        <Form.Item name={[f.name, 'title']} rules={[maxLen(50)]}>
                          <Input placeholder={t('achievement.team.title')} />
                        </Form.Item>
                      </Col>
                      <Col xs={4} md={2}>
                        <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('attachment.delete')} />
                      </Col>
                    </Row>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    disabled={fields.length >= ITEM_LIMITS.teamMax}
                    onClick={() => add({ name: '', title: '', userId: null })}
                    data-testid="add-team"
                    style={{ marginBottom: 16 }}
                  >
                    {t('achievement.team.add')}
                  </Button>
                </>
              )}
            </Form.List>
          </>
        )}

        <Divider orientation="left">{t('item.confidential')}</Divider>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('help.confidential')} />
        <Form.Item name="confidentialDetails" label={t('item.confidentialDetails')} rules={[maxLen(ITEM_LIMITS.confidentialMax)]} extra={t('help.confidentialDetails')}>
          <Input.TextArea rows={5} maxLength={ITEM_LIMITS.confidentialMax} showCount data-testid="field-confidential" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['contact', 'name']} label={t('contact.name')} rules={[{ required: true, whitespace: true }, maxLen(50)]}>
              <Input data-testid="field-contact-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name={['contact', 'phone']}
              label={t('contact.phone')}
              dependencies={[['contact', 'email']]}
              rules={[
                { pattern: /^[0-9+\-\s()]{5,30}$/, message: t('item.form.phone') },
                ({ getFieldValue }) => ({
                  validator: (_, v: string | undefined) =>
                    v?.trim() || (getFieldValue(['contact', 'email']) as string | undefined)?.trim() ? Promise.resolve() : Promise.reject(new Error(t('item.form.contactOne'))),
                }),
              ]}
            >
              <Input data-testid="field-contact-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['contact', 'email']} label={t('contact.email')} rules={[{ type: 'email' }, maxLen(200)]}>
              <Input data-testid="field-contact-email" />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left">{t('item.attachments')}</Divider>
        {item ? (
          <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
            <Upload
              accept={ATTACHMENT_ACCEPT}
              showUploadList={false}
              multiple
              disabled={attachments.length >= ITEM_LIMITS.attachmentsMax}
              beforeUpload={(file) => {
                if (file.size > ITEM_LIMITS.attachmentBytesMax) {
                  message.error(t('attachment.tooLarge', { name: file.name }));
                  return Upload.LIST_IGNORE;
                }
                upload.mutate({ current: item, file });
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading} data-testid="upload-attachment">
                {t('attachment.upload')}
              </Button>
            </Upload>
            <Typography.Text type="secondary">{t('attachment.help', { n: ITEM_LIMITS.attachmentsMax })}</Typography.Text>
            <AttachmentList items={attachments} onDeleted={(aid) => setItem({ ...item, attachments: attachments.filter((a) => a.id !== aid) } as ItemView)} />
          </Space>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachment.afterSave')} />
        )}

        <Space style={{ marginTop: 16 }}>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="save-item">
            {t(item ? 'common.save' : 'item.form.saveDraft')}
          </Button>
          {item?.status === ItemStatus.Draft && (
            <Button loading={saving} onClick={() => void saveAndSubmit()} data-testid="save-and-submit">
              {t('item.form.saveAndSubmit')}
            </Button>
          )}
          <Button onClick={() => navigate(item ? `/${path}/${item.id}` : `/my/${path}`)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
      {kind === 'need' && <MatchPreview draft={previewDraft} quality={quality} />}
    </Card>
  );
}
