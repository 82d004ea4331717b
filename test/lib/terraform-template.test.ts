import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, Testing, TerraformStack } from '../../lib/cdktf';
import { escapeTemplate, escapeTemplates, escapeTemplatesOf, terraformExpression } from '../../lib/terraform-template';

describe('the escaping boundary for Terraform string templates', () => {
  test('interpolation and directive openers become their literal escapes', () => {
    expect(escapeTemplate('arn:aws:s3:::bucket/${aws:username}/*')).toBe('arn:aws:s3:::bucket/$${aws:username}/*');
    expect(escapeTemplate('%{if x}')).toBe('%%{if x}');
    expect(escapeTemplate('$${already}')).toBe('$$${already}');
    expect(escapeTemplate('no braces, $ and % alone')).toBe('no braces, $ and % alone');
  });

  test('cdktf token markers are kept, the literals around them escaped', () => {
    expect(escapeTemplate('${aws:PrincipalTag/x}-${TfToken[TOKEN.12]}-%{y}')).toBe('$${aws:PrincipalTag/x}-${TfToken[TOKEN.12]}-%%{y}');
    expect(escapeTemplate('#{TfToken[TOKEN.3]}')).toBe('#{TfToken[TOKEN.3]}');
  });

  test('object keys and nested values are escaped, numbers and booleans are kept', () => {
    expect(escapeTemplates({ 'k${x}': ['${a}', 3, true, { v: '%{b}' }] })).toEqual({ 'k$${x}': ['$${a}', 3, true, { v: '%%{b}' }] });
  });

  test('a stack with the boundary writes literals escaped, references resolved and expressions as written', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const stack = new TerraformStack(app, 's');
    escapeTemplatesOf(stack);
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const first = new IamPolicy(stack, 'first', { name: 'first', policy: '{"Resource":"arn:aws:s3:::b/${aws:username}"}' });
    new IamPolicy(stack, 'second', { name: 'second', policy: `{"Resource":"${first.arn}/\${aws:userid}"}`, description: terraformExpression('upper("x")') });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.resource.aws_iam_policy.first.policy).toBe('{"Resource":"arn:aws:s3:::b/$${aws:username}"}');
    expect(json.resource.aws_iam_policy.second.policy).toBe('{"Resource":"${aws_iam_policy.first.arn}/$${aws:userid}"}');
    expect(json.resource.aws_iam_policy.second.description).toBe('${upper("x")}');
  });
});
