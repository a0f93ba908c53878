import { Space, Tag } from 'antd';
import { useTaxonomyLabels } from '../labels';

/** A commissioner's specialties: the industry chains, then the keywords (in blue). */
export function SpecialtyTags({ chains, keywords }: { chains: string[]; keywords: string[] }) {
  const labels = useTaxonomyLabels();
  return (
    <Space wrap size={4}>
      {chains.map((ch) => (
        <Tag key={ch}>{labels.chain(ch)}</Tag>
      ))}
      {keywords.map((k) => (
        <Tag key={k} color="blue">
          {k}
        </Tag>
      ))}
    </Space>
  );
}
