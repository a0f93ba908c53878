import { Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException, FieldProblemSpec } from './app-exception';

function flatten(errors: ValidationError[], prefix = ''): FieldProblemSpec[] {
  const out: FieldProblemSpec[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [constraint, text] of Object.entries(e.constraints ?? {})) {
      out.push({ field, code: constraint, params: paramsFrom(constraint, text) });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** class-validator messages are English sentences; keep only the numbers our catalogue needs. */
function paramsFrom(constraint: string, text: string): Record<string, string | number> | undefined {
  const n = /(-?\d+(\.\d+)?)/.exec(text)?.[1];
  if (n === undefined) return undefined;
  if (['minLength', 'min', 'arrayMinSize'].includes(constraint)) return { min: Number(n) };
  if (['maxLength', 'max', 'arrayMaxSize'].includes(constraint)) return { max: Number(n) };
  return undefined;
}

/**
 * Whitelist, refuse unknown fields, transform to DTO classes; errors in the catalogue's shape.
 * `expectedType` validates against a class the parameter's TypeScript type cannot name
 * (controllers built by a factory).
 */
export function createValidationPipe(expectedType?: Type): ValidationPipe {
  return new ValidationPipe({
    expectedType,
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => AppException.validation(flatten(errors)),
  });
}
