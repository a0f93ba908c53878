import { readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * The committed OpenAPI spec (apps/api/openapi.json) and a small structural checker for its
 * schemas: $ref, allOf/oneOf/anyOf, type, nullable, enum, required, properties, items,
 * additionalProperties. Properties a response carries beyond its declared schema are reported
 * too — that is what excessive exposure looks like (docs/security.md #6). (ajv in node_modules is only
 * eslint's draft-07 copy, without OpenAPI's `nullable`; this project does not depend on it.)
 */

export interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  format?: string;
  maxLength?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  pattern?: string;
  example?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: Schema }> }>;
}

export interface OpenApiSpec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

let cached: OpenApiSpec | undefined;
export function loadSpec(): OpenApiSpec {
  cached ??= JSON.parse(readFileSync(path.join(__dirname, '../../apps/api/openapi.json'), 'utf8')) as OpenApiSpec;
  return cached;
}

/** `/api/needs/:id` (Express) → `/api/needs/{id}` (OpenAPI). */
export function specPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z]+)/g, '{$1}');
}

export function operationOf(spec: OpenApiSpec, method: string, expressPath: string): Operation | undefined {
  return spec.paths[specPath(expressPath)]?.[method.toLowerCase()];
}

/** The JSON schema declared for a status of an operation, when there is one. */
export function responseSchema(op: Operation | undefined, status: number): Schema | undefined {
  return op?.responses[String(status)]?.content?.['application/json']?.schema;
}

export function resolve(spec: OpenApiSpec, s: Schema): Schema {
  let cur = s;
  for (let i = 0; cur.$ref && i < 20; i++) {
    const name = cur.$ref.replace('#/components/schemas/', '');
    const next = spec.components.schemas[name];
    if (!next) throw new Error(`unknown schema ${cur.$ref}`);
    cur = next;
  }
  return cur;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Every way `value` departs from `schema`, as "$.path: what" lines (empty: it conforms). */
export function validate(spec: OpenApiSpec, schema: Schema, value: unknown, at = '$'): string[] {
  const s = resolve(spec, schema);
  if (value === null)
    return s.nullable || s.type === undefined || s.enum?.includes(null) || (s.allOf ?? []).some((x) => resolve(spec, x).nullable)
      ? []
      : [`${at}: null where ${s.type ?? 'a value'} is declared`];
  const errors: string[] = [];
  if (s.allOf) {
    // nestjs/swagger wraps a nullable $ref as { nullable, allOf: [ref] }
    for (const part of s.allOf) errors.push(...validate(spec, part, value, at));
  }
  for (const alts of [s.oneOf, s.anyOf]) {
    if (alts && !alts.some((alt) => validate(spec, alt, value, at).length === 0)) errors.push(`${at}: matches none of ${alts.length} alternatives`);
  }
  if (s.enum && !s.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  const t = typeOf(value);
  switch (s.type) {
    case undefined:
      break;
    case 'integer':
      if (t !== 'number' || !Number.isInteger(value)) errors.push(`${at}: ${t} where integer is declared`);
      break;
    case 'number':
    case 'string':
    case 'boolean':
    case 'array':
    case 'object':
      if (t !== s.type) errors.push(`${at}: ${t} where ${s.type} is declared`);
      break;
    default:
      errors.push(`${at}: unknown declared type ${s.type}`);
  }
  if (t === 'array' && s.items) (value as unknown[]).forEach((item, i) => errors.push(...validate(spec, s.items as Schema, item, `${at}[${i}]`)));
  if (t === 'object' && (s.properties || s.additionalProperties !== undefined)) {
    const obj = value as Record<string, unknown>;
    for (const name of s.required ?? []) if (!(name in obj)) errors.push(`${at}.${name}: required but missing`);
    for (const [name, v] of Object.entries(obj)) {
      const declared = s.properties?.[name];
      if (declared) {
        if (v !== undefined) errors.push(...validate(spec, declared, v, `${at}.${name}`));
      } else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        errors.push(...validate(spec, s.additionalProperties, v, `${at}.${name}`));
      } else if (s.additionalProperties !== true && !s.allOf?.length) {
        errors.push(`${at}.${name}: not in the declared schema`);
      }
    }
  }
  return errors;
}
