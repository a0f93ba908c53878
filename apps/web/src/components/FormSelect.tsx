import { Select, SelectProps } from 'antd';
import { useEffect } from 'react';

/**
 * Ant Design's Select for a required form field. A required Form.Item hands its control
 * `aria-required`, which Select puts on its outer <div> (no role: WCAG's aria-allowed-attr, a
 * critical axe violation). This keeps it off the <div> and sets it on the combobox input, which
 * carries the field's id, so a screen reader still hears that the field is required.
 */
export function FormSelect<V>(props: SelectProps<V> & { 'aria-required'?: boolean | 'true' | 'false' }) {
  const { 'aria-required': required, ...rest } = props;
  const { id } = rest;
  useEffect(() => {
    const input = id ? document.getElementById(id) : null;
    if (!input) return;
    if (required === true || required === 'true') input.setAttribute('aria-required', 'true');
    else input.removeAttribute('aria-required');
  }, [id, required]);
  return <Select<V> {...rest} />;
}
