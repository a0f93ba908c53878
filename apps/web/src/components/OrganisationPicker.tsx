import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { OrganisationPublicView, Page } from '@ztt/contracts';
import { api } from '../api/client';

/**
 * Picks a verified organisation by name from the directory (the value is its id). Typing searches
 * the directory; an id already set shows as its name.
 */
export function OrganisationPicker({
  id,
  value,
  onChange,
  placeholder,
  style,
}: {
  id?: string;
  value?: string;
  onChange?: (id: string) => void;
  placeholder?: string;
  style?: React.CSSProperties;
}) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const search = (q: string) =>
    void api<Page<OrganisationPublicView>>('GET', `/orgs?pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ''}`)
      .then((page) => setOptions(page.items.map((o) => ({ value: o.id, label: o.name }))))
      .catch(() => setOptions([]));
  useEffect(() => {
    if (value && !options.some((o) => o.value === value)) {
      void api<OrganisationPublicView>('GET', `/orgs/${value}`)
        .then((o) => setOptions((prev) => [{ value: o.id, label: o.name }, ...prev]))
        .catch(() => undefined);
    } else if (!options.length) search('');
    // Only when the value changes from outside; `options` is filled by searching.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <Select
      id={id}
      showSearch
      filterOption={false}
      onSearch={search}
      value={value}
      onChange={onChange}
      options={options}
      placeholder={placeholder}
      style={style}
      data-testid="org-picker"
    />
  );
}
