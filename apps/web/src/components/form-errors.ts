import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** Puts the server's field problems under the matching form fields; returns the overall message. */
export function applyApiError(form: FormInstance | null, e: unknown): string {
  if (!(e instanceof ApiError)) return String(e);
  if (form && e.details.length) {
    const known = new Set(Object.keys(form.getFieldsValue(true) as object));
    const fields = e.details.filter((d) => known.has(d.field)).map((d) => ({ name: d.field, errors: [d.message] }));
    if (fields.length) form.setFields(fields);
  }
  return e.message;
}
