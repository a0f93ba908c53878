import { Checkbox, Form, FormInstance, Input } from 'antd';
import { FormSelect } from './FormSelect';
import { ORG_CREDENTIALS, TAXONOMY } from '@ztt/contracts';
import { useI18n } from '../i18n/i18n';

export interface OrganisationFormValues {
  name: string;
  type: string;
  creditCode: string;
  region: string;
  town?: string;
  industries?: string[];
  /** 高新技术企业 / 科技型中小企业 */
  credentials?: string[];
  website?: string;
  description?: string;
}

/** The organisation profile fields, shared by "create" and "edit". */
export function OrganisationForm({ form, initial }: { form: FormInstance<OrganisationFormValues>; initial?: Partial<OrganisationFormValues> }) {
  const { t, label } = useI18n();
  return (
    <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
      <Form.Item name="name" label={t('org.name')} rules={[{ required: true, min: 2, max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="type" label={t('org.type')} rules={[{ required: true }]}>
        <FormSelect options={TAXONOMY.organisationTypes.map((o) => ({ value: o.code, label: label(o) }))} />
      </Form.Item>
      <Form.Item
        name="creditCode"
        label={t('org.creditCode')}
        extra={t('org.creditCode.hint')}
        normalize={(v: string) => v?.toUpperCase().replace(/\s/g, '')}
        rules={[{ required: true, len: 18 }]}
      >
        <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item name="region" label={t('org.region')} rules={[{ required: true }]}>
        <FormSelect showSearch optionFilterProp="label" options={TAXONOMY.regions.map((r) => ({ value: r.code, label: label(r) }))} />
      </Form.Item>
      <Form.Item name="town" label={t('org.town')} extra={t('org.town.hint')} rules={[{ max: 50 }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="industries" label={t('org.industries')}>
        <FormSelect mode="multiple" optionFilterProp="label" options={TAXONOMY.industries.map((i) => ({ value: i.code, label: label(i) }))} />
      </Form.Item>
      <Form.Item name="credentials" label={t('org.credentials')} extra={t('org.credentials.hint')}>
        <Checkbox.Group options={ORG_CREDENTIALS.map((c) => ({ value: c, label: t(`org.credential.${c}`) }))} />
      </Form.Item>
      <Form.Item name="website" label={t('org.website')} rules={[{ type: 'url' }]}>
        <Input placeholder="https://" />
      </Form.Item>
      <Form.Item name="description" label={t('org.description')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </Form>
  );
}
