/** The whole adoption chain on the recorded guides estate: SDK responses → estate → YAML + import map (+ SCP files) → synth. */
import { adoptEstate } from '../../adopt/estate-to-environment';
import { discoverGuides } from '../discovery/run-discovery';
import { synthAdopted, changesOf } from '../helpers/adoption';

test('an estate discovered from recorded SDK responses round-trips with an import for every resource, and the zero-diff check names the one change', async () => {
  const { estate } = await discoverGuides();
  const adoption = adoptEstate(estate, 'guides');
  const { result } = synthAdopted(adoption);
  const stacks = result.imports!.stacks;
  expect(stacks.map((stack) => stack.stack)).toEqual(['guides-organization', 'guides-identity-center', 'guides-baseline']);
  expect(stacks.flatMap((stack) => stack.withoutEntry)).toEqual([]);
  expect(stacks.flatMap((stack) => stack.unusedEntries)).toEqual([]);
  expect(stacks.flatMap((stack) => stack.imported)).toEqual(
    expect.arrayContaining([
      'aws_organizations_organization.organization',
      'aws_ssoadmin_permission_set.admin',
      'aws_ssoadmin_permission_set.poweruser',
      'aws_organizations_policy.deny-leave-organization',
      'aws_iam_account_alias.alias',
      'aws_iam_account_password_policy.password_policy',
      'aws_iam_user.iam-administrator',
    ]),
  );
  // The one thing the first apply changes: dev.one has a second (home) email, and Terraform keeps one.
  expect(changesOf(result).map((d) => `${d.address}.${d.attribute}`)).toEqual(['aws_identitystore_user.dev_one_at_guides_example_com.emails']);
  // close_on_deletion = false is not among them: the provider plans no change for a false it never read back.
  expect(result.imports!.differences.filter((d) => d.consequence === 'first-apply').map((d) => d.attribute)).toEqual(['force_destroy']);
  // The guide-001 user has no Owner tag and policies attached directly: left in AWS, with notes.
  expect(adoption.notes.filter((note) => !/^IAM user admin|requireMfa|has a console password: its login profile stays|dev\.one@guides\.example\.com has more than one of emails/.test(note))).toEqual([]);
});
