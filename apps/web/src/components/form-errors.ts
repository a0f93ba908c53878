import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** "contact.name", "ipItems[0].number" or "ipItems.0.number" → ['contact', 'name'], ['ipItems', 0, 'number']. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Puts the server's field problems under the matching form fields; returns the overall message. */
export function applyApiError(form: FormInstance | null, e: unknown): string {
  if (!(e instanceof ApiError)) return String(e);
  if (form && e.details.length) {
    const known = new Set(Object.keys(form.getFieldsValue(true) as object));
    const fields = e.details
      .map((d) => ({ path: fieldPath(d.field), message: d.message }))
      .filter((d) => d.path.length > 0 && known.has(String(d.path[0])))
      .map((d) => ({ name: d.path, errors: [d.message] }));
    if (fields.length) form.setFields(fields);
  }
  return e.message;
}
