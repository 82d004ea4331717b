import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { ACCOUNT_ALIAS } from '../../config/validate/baseline';
import { ACCOUNT_ALIAS_PATTERN } from '../../config/baseline-schema';
import { environmentJsonSchema } from '../../config/json-schema';
import { baseConfig, issues, load, Yamlish } from '../helpers/environment';

type JsonSchema = { [key: string]: any };
const root = join(__dirname, '..', '..');
const file = join(root, 'config', 'environment.schema.json');
const schema: JsonSchema = JSON.parse(readFileSync(file, 'utf8'));

/**
 * Every place an editor shows hover help: each `properties` entry, each record value
 * (`additionalProperties`, `patternProperties`) and each array item that is an object. Returns
 * the paths with a description and those without; a `$ref` counts the description of its target.
 */
function describedPlaces(top: JsonSchema): { described: string[]; missing: string[] } {
  const described: string[] = [];
  const missing: string[] = [];
  const resolve = (node: JsonSchema): JsonSchema => (typeof node.$ref === 'string' ? top.definitions[node.$ref.replace('#/definitions/', '')] : node);
  const walk = (node: unknown, path: string, needsDescription: boolean): void => {
    if (!node || typeof node !== 'object') return;
    const here = node as JsonSchema;
    if (needsDescription) (here.description ?? resolve(here).description ? described : missing).push(path);
    for (const [key, value] of Object.entries<JsonSchema>(here.properties ?? {})) walk(value, `${path}.${key}`, true);
    if (here.additionalProperties && typeof here.additionalProperties === 'object') walk(here.additionalProperties, `${path}.<key>`, true);
    for (const [pattern, value] of Object.entries<JsonSchema>(here.patternProperties ?? {})) walk(value, `${path}[${pattern}]`, true);
    if (here.items) walk(here.items, `${path}[]`, resolve(here.items).type === 'object');
    // Alternatives (a type of their own) hold properties an editor shows; constraint-only subschemas
    // ("one of email and id") only name properties described where they are declared.
    for (const key of ['anyOf', 'oneOf', 'allOf']) {
      (here[key] ?? []).forEach((branch: JsonSchema, i: number) => {
        if (branch.type !== undefined || branch.$ref !== undefined) walk(branch, `${path}|${i}`, false);
      });
    }
  };
  walk(top, '', false);
  for (const [name, definition] of Object.entries<JsonSchema>(top.definitions ?? {})) walk(definition, `definitions.${name}`, false);
  return { described, missing };
}

function validator() {
  // format "email" is an annotation here: the loader checks addresses itself (config/email.ts). strictRequired
  // is a lint that wants each required name declared in the same subschema; the oneOf/anyOf "one of these" rules name them only.
  return new Ajv({ strict: true, strictRequired: false, allErrors: true, formats: { email: true } }).compile(schema);
}

describe('published JSON Schema', () => {
  test('the committed schema is the one the zod schema generates (run "npm run schema" after changing config/schema.ts)', () => {
    expect(readFileSync(file, 'utf8')).toBe(environmentJsonSchema());
  });

  test('it rejects unknown keys and knows the permission set fields', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.patternProperties)).toEqual(['^x-']);
    const permissionSet = schema.properties.identityCenter.properties.permissionSets.additionalProperties;
    expect(Object.keys(permissionSet.properties)).toEqual(expect.arrayContaining(['managedPolicies', 'customerManagedPolicies', 'inlinePolicy', 'permissionsBoundary', 'sessionDuration', 'relayState', 'tags']));
  });
});

describe('hover help: every property has a description', () => {
  const { described, missing } = describedPlaces(schema);

  test('no property, record value or object list item lacks a description', () => {
    expect(missing).toEqual([]);
    expect(described.length).toBeGreaterThan(190);
  });

  test('the walk finds properties at every depth (it would report a missing one)', () => {
    const copy: JsonSchema = JSON.parse(JSON.stringify(schema));
    delete copy.properties.identityCenter.properties.permissionSets.additionalProperties.properties.sessionDuration.description;
    delete copy.definitions.__schema0.description;
    delete copy.properties.baseline.properties.iamUsers.additionalProperties.properties.tags.additionalProperties.description;
    expect(describedPlaces(copy).missing.sort()).toEqual([
      '.baseline.iamUsers.<key>.tags.<key>',
      '.identityCenter.permissionSets.<key>.sessionDuration',
      '.organization.organizationalUnits.<key>',
      'definitions.__schema0.children.<key>',
    ]);
  });

  test('descriptions survive default(), optional() and prefault(), and carry defaults, enums and examples', () => {
    const identityCenter = schema.properties.identityCenter.properties;
    expect(identityCenter.defaultPermissionSets).toMatchObject({ default: true, description: expect.stringContaining('Admin (AdministratorAccess)') });
    expect(identityCenter.quotas).toMatchObject({ default: {}, description: expect.stringContaining('Service Quotas') });
    expect(identityCenter.mfa.properties.prompt).toMatchObject({ enum: ['every-sign-in', 'context-aware', 'never'], description: expect.any(String) });
    expect(identityCenter.permissionSets.additionalProperties.properties.sessionDuration.examples).toContain('PT4H');
    expect(schema.properties.baseline.properties.passwordPolicy.properties.minimumPasswordLength).toMatchObject({ default: 14, minimum: 6, maximum: 128, description: expect.stringContaining('CIS') });
  });
});

describe('the schema checks what it can express', () => {
  const validate = validator();
  const errorsFor = (config: Yamlish) => (validate(config) ? [] : validate.errors!.map((error) => `${error.instancePath} ${error.keyword}`));

  test.each(readdirSync(join(root, 'environments')).filter((name) => name.endsWith('.yaml')))('the bundled environments/%s is valid', (name) => {
    expect(errorsFor(parse(readFileSync(join(root, 'environments', name), 'utf8'), { merge: true }))).toEqual([]);
  });

  test('the test fixture environments and the base test config are valid', () => {
    expect(errorsFor(parse(readFileSync(join(root, 'test', 'fixtures', 'environments', 'hostile.yaml'), 'utf8'), { merge: true }))).toEqual([]);
    expect(errorsFor(baseConfig())).toEqual([]);
  });

  // Each bad value: what the schema flags, and the loader refuses it too (the schema is never stricter).
  const bad: Array<[string, (config: any) => void, string]> = [
    ['a region that is no AWS region', (c) => (c.region = 'eu-west'), '/region pattern'],
    ['an account ID that is not 12 digits', (c) => (c.organization.accounts.audit.id = '22222222222'), '/organization/accounts/audit/id pattern'],
    ['a created account email over 64 characters', (c) => (c.organization.accounts.prod.email = `${'a'.repeat(60)}@example.com`), '/organization/accounts/prod/email maxLength'],
    ['an MFA prompt that is not one of the three', (c) => (c.identityCenter.mfa.prompt = 'sometimes'), '/identityCenter/mfa/prompt enum'],
    ['a permission set name with a space', (c) => (c.identityCenter.permissionSets = { Ops: { name: 'Ops Team' } }), '/identityCenter/permissionSets/Ops/name pattern'],
    ['a permission set name over 32 characters', (c) => (c.identityCenter.permissionSets = { Ops: { name: 'O'.repeat(33) } }), '/identityCenter/permissionSets/Ops/name maxLength'],
    ['a session duration that is not ISO-8601', (c) => (c.identityCenter.permissionSets = { Ops: { sessionDuration: '4h' } }), '/identityCenter/permissionSets/Ops/sessionDuration pattern'],
    ['a tag value over 256 characters', (c) => (c.tags = { Owner: 'x'.repeat(257) }), '/tags/Owner maxLength'],
    ['a tag key with a character tags do not take', (c) => (c.tags = { 'Owner!': 'platform' }), '/tags pattern'],
    ['more than 50 tags', (c) => (c.tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']))), '/tags maxProperties'],
    ['an account alias with capitals', (c) => (c.baseline = { accounts: { management: { alias: 'Example-Corp' } } }), '/baseline/accounts/management/alias pattern'],
    ['a customer managed policy name with a space', (c) => (c.identityCenter.customerManagedPolicies = { 'Audit Extras': { file: 'x.json' } }), '/identityCenter/customerManagedPolicies pattern'],
    ['an account with neither email nor id', (c) => delete c.organization.accounts.prod.email, '/organization/accounts/prod oneOf'],
    ['an account with both email and id', (c) => (c.organization.accounts.prod.id = '333333333333'), '/organization/accounts/prod oneOf'],
    ['an assignment with both a group and a user', (c) => (c.identityCenter.assignments[0].user = 'jane.doe@example.com'), '/identityCenter/assignments/0 oneOf'],
    ['an assignment with no target', (c) => (c.identityCenter.assignments[0].accounts = []), '/identityCenter/assignments/0 anyOf'],
    ['a created user without givenName', (c) => delete c.identityCenter.users['jane.doe@example.com'].givenName, '/identityCenter/users/jane.doe@example.com required'],
    ['an IAM user without an Owner tag', (c) => (c.baseline = { iamUsers: { 'IAM-Administrator': { pgpKey: 'keybase:jane_doe' } } }), '/baseline/iamUsers/IAM-Administrator required'],
  ];

  test.each(bad)('%s is rejected by the schema and by the loader', (_, mutate, expected) => {
    const config = baseConfig();
    mutate(config);
    expect(errorsFor(config)).toContain(expected);
    expect(issues(config).length).toBeGreaterThan(0);
  });

  test('what the loader accepts, the schema accepts: an existing user without a profile, an assignment to all accounts', () => {
    const config: any = baseConfig();
    config.identityCenter.users['ops@example.com'] = { existing: true };
    config.identityCenter.assignments.push({ user: 'ops@example.com', permissionSets: ['ReadOnly'], allAccounts: true });
    config.identityCenter.permissionSets = { ReadOnly: { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], sessionDuration: 'PT3600S' } };
    expect(load(config)).toMatchObject({ ok: true });
    expect(errorsFor(config)).toEqual([]);
  });

  test("the account alias pattern is the loader's", () => {
    expect(ACCOUNT_ALIAS_PATTERN.source).toBe(ACCOUNT_ALIAS.source);
  });
});

describe('bundled files point editors at the schema', () => {
  const bundled = [
    ...readdirSync(join(root, 'environments')).filter((name) => name.endsWith('.yaml')).map((name) => join('environments', name)),
    ...readdirSync(join(root, 'test', 'fixtures', 'environments')).filter((name) => name.endsWith('.yaml')).map((name) => join('test', 'fixtures', 'environments', name)),
  ];

  test.each(bundled)('%s starts with the yaml-language-server line, and its path resolves to the schema', (relative) => {
    const first = readFileSync(join(root, relative), 'utf8').split('\n')[0];
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(match).not.toBeNull();
    expect(join(root, relative, '..', match![1])).toBe(file);
  });
});
