/** The bundled examples are what people copy: no role passing on "*", every PassRole scoped to roles and services. */
import { readFileSync } from 'node:fs';
import { model } from '../helpers/environment';

type Statement = { Effect: string; Action?: string | string[]; Resource?: string | string[]; Condition?: Record<string, Record<string, unknown>> };
const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Every Allow statement of the environment's inline policies and customer managed policy files. */
function allowStatements(env: string): Statement[] {
  const environment = model(readFileSync(`environments/${env}.yaml`, 'utf8'), `environments/${env}.yaml`);
  const documents = [
    ...environment.identityCenter.permissionSets.flatMap((set) => (set.kind === 'managed' && set.inlinePolicy ? [set.inlinePolicy] : [])),
    ...environment.identityCenter.customerManagedPolicies.map((policy) => policy.document),
  ];
  return documents.flatMap((json) => (JSON.parse(json).Statement as Statement[])).filter((statement) => statement.Effect === 'Allow');
}

describe.each(['dev', 'prod'])('the bundled %s environment', (env) => {
  const statements = allowStatements(env);
  const passRole = statements.filter((statement) => list(statement.Action).some((action) => /^(\*|iam:\*|iam:PassRole)$/i.test(action)));

  test('allows iam:PassRole only on role ARNs, never on "*"', () => {
    for (const statement of passRole) {
      expect(list(statement.Resource).length).toBeGreaterThan(0);
      for (const resource of list(statement.Resource)) expect(resource).toMatch(/^arn:aws:iam::[^:]*:role\/[^*]/);
    }
  });

  test('passes roles only to the services named in iam:PassedToService', () => {
    for (const statement of passRole) expect(statement.Condition?.StringEquals?.['iam:PassedToService']).toEqual(expect.arrayContaining([expect.stringMatching(/\.amazonaws\.com$/)]));
  });
});

test('the dev Developer set passes only workload roles, to Lambda and ECS tasks', () => {
  const [statement] = allowStatements('dev').filter((candidate) => list(candidate.Action).includes('iam:PassRole'));
  expect(statement.Resource).toBe('arn:aws:iam::*:role/workload/*');
  expect(statement.Condition).toEqual({ StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'] } });
});
