import { Select, SelectProps } from 'antd';
import { useMemo } from 'react';
import { TAXONOMY } from '@ztt/contracts';
import { useTaxonomyLabels } from './labels';

/** Picks industry chains (产业链), grouped under their industry and found by typing either name; a form field's value is the chain codes. */
export function ChainSelect(props: Omit<SelectProps<string[]>, 'mode' | 'options'>) {
  const labels = useTaxonomyLabels();
  const options = useMemo(
    () =>
      TAXONOMY.industries.map((i) => ({
        label: labels.industry(i.code),
        options: i.chains.map((c) => ({ value: c.code, label: `${labels.industry(i.code)} / ${labels.chain(c.code)}` })),
      })),
    [labels],
  );
  return <Select<string[]> mode="multiple" optionFilterProp="label" {...props} options={options} />;
}
