/** Turns the schema's findings into issues a person can act on, with "did you mean" for unknown keys. */
import { z } from 'zod';
import { didYouMean } from './did-you-mean';
import { ConfigIssue } from './issues';

interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly in?: z.ZodType;
  readonly getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** Every object schema that may stand at `path` (several where a union stands on the way). */
function objectsAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): SchemaDef[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
      return objectsAt(def.innerType!, path);
    case 'pipe':
      return objectsAt(def.in!, path);
    case 'lazy':
      return objectsAt(def.getter!(), path);
    case 'union':
      return def.options!.flatMap((option) => objectsAt(option, path));
  }
  if (path.length === 0) return def.type === 'object' ? [def] : [];
  const [head, ...rest] = path;
  if (def.type === 'object') {
    const child = def.shape![String(head)];
    return child ? objectsAt(child, rest) : [];
  }
  if (def.type === 'record') return objectsAt(def.valueType!, rest);
  if (def.type === 'array') return objectsAt(def.element!, rest);
  return [];
}

export function shapeIssues(schema: z.ZodType, error: z.ZodError): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const zodIssue of error.issues) {
    const path = zodIssue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (zodIssue.code === 'unrecognized_keys') {
      const known = [...new Set(objectsAt(schema, path).flatMap((def) => Object.keys(def.shape ?? {})))];
      for (const key of zodIssue.keys) {
        issues.push({
          path: [...path, key],
          atKey: true,
          message: `unknown key "${key}"${didYouMean(key, known)}`,
          fix: `remove it, or use one of: ${known.join(', ')}`,
        });
      }
      continue;
    }
    issues.push({ path, message: messageFor(zodIssue), ...fixFor(zodIssue) });
  }
  return issues;
}

function messageFor(zodIssue: z.core.$ZodIssue): string {
  if (zodIssue.code === 'invalid_type' && zodIssue.input === undefined) return `is required (${zodIssue.expected})`;
  if (zodIssue.code === 'invalid_type') return `${zodIssue.message.replace(/^Invalid input: /, '')}; got ${describe(zodIssue.input)}`;
  if (zodIssue.code === 'invalid_value') return `must be one of ${zodIssue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describe(zodIssue.input)}`;
  if ('input' in zodIssue && zodIssue.input !== undefined && typeof zodIssue.input !== 'object') {
    return `${zodIssue.message}; got ${describe(zodIssue.input)}`;
  }
  return zodIssue.message;
}

function fixFor(zodIssue: z.core.$ZodIssue): { fix?: string } {
  if (zodIssue.code === 'invalid_type' && typeof zodIssue.input === 'number' && zodIssue.expected === 'string') {
    return { fix: `quote the value: "${zodIssue.input}" (YAML reads bare digits as a number)` };
  }
  if (zodIssue.code === 'invalid_value') {
    const closest = didYouMean(String(zodIssue.input), zodIssue.values.map(String));
    return closest ? { fix: `use one of the values above${closest}` } : {};
  }
  return {};
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  // A value can be megabytes long; the message quotes its start.
  if (typeof value === 'string' && value.length > 100) return `${JSON.stringify(value.slice(0, 60))}… (${value.length} characters)`;
  return JSON.stringify(value);
}
