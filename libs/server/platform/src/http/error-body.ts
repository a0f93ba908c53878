import { ErrorBody, ErrorCode, Locale, errorMessage, fieldMessage } from '@ztt/contracts';
import { FieldProblemSpec } from './app-exception';

export function renderError(code: ErrorCode, locale: Locale, requestId: string | undefined, fields: FieldProblemSpec[] = []): ErrorBody {
  const body: ErrorBody = { error: { code, message: errorMessage(code, locale), requestId } };
  if (fields.length) {
    body.error.details = fields.map((f) => ({
      field: f.field,
      code: f.code,
      message: fieldMessage(f.code, locale, f.params),
    }));
  }
  return body;
}
