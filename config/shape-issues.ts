/** Turns the schema's findings into issues a person can act on, with "did you mean" for unknown keys. */
import { z } from 'zod';
import { didYouMean } from './did-you-mean';
import { ConfigIssue, cutValue } from './issues';

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
          message: `unknown key "${cutValue(key)}"${didYouMean(key, known)}`,
          fix: `remove it, or use one of: ${known.join(', ')}`,
        });
      }
      continue;
    }
    if (zodIssue.code === 'invalid_key') {
      // A record key that breaks its pattern (a tag key, an empty name): point at the key, say why.
      const key = String(zodIssue.path[zodIssue.path.length - 1] ?? '');
      const inner = zodIssue.issues[0];
      const why = inner ? plainMessage(inner as z.core.$ZodIssue) : 'is not allowed here';
      issues.push({ path, atKey: true, message: `key "${cutValue(key)}" ${why.startsWith('must') || why.startsWith('is') ? why : `is not allowed: ${why}`}`, fix: key === '' ? 'give the entry a name, or remove it' : 'rename the key' });
      continue;
    }
    issues.push({ path, message: messageFor(zodIssue), fix: fixFor(zodIssue, path) });
  }
  return issues;
}

/** What a type is called for a person writing YAML. */
const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  record: 'a mapping (key: value lines)',
  array: 'a list (lines starting with "- ")',
};
const typeName = (expected: string) => TYPE_NAMES[expected] ?? expected;
const EXAMPLES: Record<string, string> = { string: '"…"', number: '1', boolean: 'true', object: '{}', record: '{}', array: '[]' };

/** zod's own wording ("Too small: expected string to have >=1 characters") in plain words. */
function plainMessage(zodIssue: z.core.$ZodIssue): string {
  const custom = !/^(Invalid input|Too small|Too big|Invalid string|Invalid)/.test(zodIssue.message);
  if (custom) return zodIssue.message;
  switch (zodIssue.code) {
    case 'invalid_type':
      return zodIssue.input === undefined ? `is required: ${typeName(zodIssue.expected)}` : `must be ${typeName(zodIssue.expected)}`;
    case 'too_small':
      if (zodIssue.origin === 'string') return Number(zodIssue.minimum) === 1 ? 'must not be empty' : `must be at least ${zodIssue.minimum} characters`;
      if (zodIssue.origin === 'array' || zodIssue.origin === 'set') return `must have at least ${zodIssue.minimum} ${Number(zodIssue.minimum) === 1 ? 'entry' : 'entries'}`;
      return `must be at least ${zodIssue.minimum}`;
    case 'too_big':
      if (zodIssue.origin === 'string') return `must be at most ${zodIssue.maximum} characters`;
      if (zodIssue.origin === 'array' || zodIssue.origin === 'set') return `must have at most ${zodIssue.maximum} ${Number(zodIssue.maximum) === 1 ? 'entry' : 'entries'}`;
      return `must be at most ${zodIssue.maximum}`;
    case 'invalid_format':
      return zodIssue.format === 'regex' && 'pattern' in zodIssue ? `must match ${String(zodIssue.pattern)}` : `must be a valid ${zodIssue.format}`;
    case 'invalid_union':
      return 'matches none of the forms this setting takes';
    default:
      return zodIssue.message;
  }
}

function messageFor(zodIssue: z.core.$ZodIssue): string {
  if (zodIssue.code === 'invalid_type' && zodIssue.input === undefined) return plainMessage(zodIssue);
  if (zodIssue.code === 'invalid_value') return `must be one of ${zodIssue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describe(zodIssue.input)}`;
  const message = plainMessage(zodIssue);
  const input = 'input' in zodIssue ? zodIssue.input : undefined;
  if (input !== undefined && (zodIssue.code === 'invalid_type' || typeof input !== 'object')) return `${message}; got ${describe(input)}`;
  return message;
}

/** Every shape issue says what to change. */
function fixFor(zodIssue: z.core.$ZodIssue, path: ReadonlyArray<string | number>): string {
  const key = path.length > 0 ? String(path[path.length - 1]) : 'it';
  switch (zodIssue.code) {
    case 'invalid_type':
      if (zodIssue.input === undefined) return `add ${key}: ${EXAMPLES[zodIssue.expected] ?? '…'} here`;
      if (typeof zodIssue.input === 'number' && zodIssue.expected === 'string') return `quote the value: "${zodIssue.input}" (YAML reads bare digits as a number)`;
      if (typeof zodIssue.input === 'boolean' && zodIssue.expected === 'string') return `quote the value: "${zodIssue.input}" (YAML reads bare yes/no/true/false as true or false)`;
      if (zodIssue.input === null) return `give ${key} a value (${typeName(zodIssue.expected)}), or remove the key`;
      if (zodIssue.expected === 'boolean' && typeof zodIssue.input === 'string') return `write true or false, without quotes`;
      return zodIssue.expected === 'string' ? 'write text here (in quotes if YAML would read it as something else)' : `write ${typeName(zodIssue.expected)} here`;
    case 'invalid_value': {
      const closest = didYouMean(String(zodIssue.input), zodIssue.values.map(String));
      return `use one of the values above${closest}`;
    }
    case 'too_small':
      return zodIssue.origin === 'string' && Number(zodIssue.minimum) === 1 ? `give ${key} a value, or remove the key` : zodIssue.origin === 'array' ? `add at least ${zodIssue.minimum} ${Number(zodIssue.minimum) === 1 ? 'entry' : 'entries'}` : 'raise the value';
    case 'too_big':
      return zodIssue.origin === 'string' ? `shorten it to at most ${zodIssue.maximum} characters` : zodIssue.origin === 'array' ? `keep at most ${zodIssue.maximum} ${Number(zodIssue.maximum) === 1 ? 'entry' : 'entries'}` : 'lower the value';
    case 'invalid_format':
      return exampleFix(zodIssue.message) ?? 'change the value to the form the message gives';
    case 'custom': {
      // A refinement may name its own fix (`params: { fix }`); else the example its message gives.
      const own = zodIssue.params?.fix;
      return typeof own === 'string' ? own : (exampleFix(zodIssue.message) ?? 'change the value as the message says (see the config reference in the README)');
    }
    case 'invalid_union':
      return 'write it in one of the forms the message names (see the config reference in the README)';
    default:
      return 'change the value as the message says (see the config reference in the README)';
  }
}

/** `write it like X` for a message that gives an example ("such as X", "e.g. X"). */
function exampleFix(message: string): string | undefined {
  const example = /(?:such as|e\.g\.) ("[^"]*"|[^\s;,:]+)/.exec(message)?.[1];
  return example === undefined ? undefined : `write it like ${example}`;
}

function describe(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(cutValue(value));
  if (typeof value === 'number') return `the number ${value}`;
  return JSON.stringify(value) ?? String(value);
}
