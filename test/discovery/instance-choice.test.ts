import { formatProblems } from '../../discovery/problems';
import { discoverGuides, guidesFailure } from './run-discovery';

const instance = (id: string) => ({ InstanceArn: `arn:aws:sso:::instance/${id}`, IdentityStoreId: 'd-9067bcfc3c', Status: 'ACTIVE' });
const two = { output: { Instances: [instance('ssoins-7223aaaabbbbcccc'), instance('ssoins-0000000000000000')] } };

test('two Identity Center instances are a problem that asks for --instance-arn and lists both', async () => {
  const failure = await guidesFailure((call) => (call.operation === 'ListInstances' ? two : undefined));
  expect(formatProblems(failure.problems)).toEqual([
    '2 IAM Identity Center instances in us-east-1: pass --instance-arn with one of arn:aws:sso:::instance/ssoins-7223aaaabbbbcccc, arn:aws:sso:::instance/ssoins-0000000000000000.',
  ]);
});

test('--instance-arn picks the instance to read among several', async () => {
  const { estate } = await discoverGuides((call) => (call.operation === 'ListInstances' ? two : undefined), { instanceArn: 'arn:aws:sso:::instance/ssoins-7223aaaabbbbcccc' });
  expect(estate.identityCenter.instanceArn).toBe('arn:aws:sso:::instance/ssoins-7223aaaabbbbcccc');
});

test('an --instance-arn that is not there is a problem naming what is', async () => {
  const failure = await guidesFailure(() => undefined, { instanceArn: 'arn:aws:sso:::instance/ssoins-ffffffffffffffff' });
  expect(formatProblems(failure.problems)).toEqual([
    'IAM Identity Center instance arn:aws:sso:::instance/ssoins-ffffffffffffffff is not in us-east-1 (ListInstances found: arn:aws:sso:::instance/ssoins-7223aaaabbbbcccc).',
  ]);
});
