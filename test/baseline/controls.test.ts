import { CONTROLS } from '../../model/controls';
import { GUIDES } from '../../model/guides';
import { manualStepsMarkdown } from '../../model/manual-steps';
import { baselineConfig, baselineOf } from '../helpers/baseline';
import { baseConfig, model, type Yamlish } from '../helpers/environment';

const withChange = (mutate: (baseline: any, config: any) => void): Yamlish => {
  const config = baselineConfig();
  mutate(baselineOf(config), config);
  return config;
};
const ids = (config: Yamlish) => model(config).manualSteps.map((step) => step.id);

describe('manual controls', () => {
  test('control ids are unique and every guide step a control names exists', () => {
    expect(new Set(CONTROLS.map((control) => control.id)).size).toBe(CONTROLS.length);
    for (const control of CONTROLS) {
      for (const { guide, step } of control.guideSteps) {
        expect(GUIDES.find((g) => g.id === guide)?.steps.map((s) => s.id)).toContain(step);
      }
    }
  });

  test('a baseline environment gets the root, account, Identity Center and IAM user controls, in the catalogue order', () => {
    expect(ids(baselineConfig())).toEqual(['ACCOUNT-SETUP', 'ROOT-CREDENTIALS', 'ROOT-MFA', 'ROOT-NO-ACCESS-KEYS', 'ROOT-MEMBER-CREDENTIALS', 'IC-ENABLE', 'IC-MFA', 'IAM-USER-FIRST-SIGNIN', 'IAM-USER-MFA']);
  });

  test('an environment without a baseline keeps only the Identity Center MFA step', () => {
    expect(ids(baseConfig())).toEqual(['IC-MFA']);
  });

  test('the Identity Center MFA step keeps its id, title and settings from identityCenter.mfa', () => {
    const step = model(baselineConfig()).manualSteps.find((s) => s.id === 'IC-MFA')!;
    expect(step.title).toBe('Set the MFA requirement of IAM Identity Center');
    expect(step.actions[0]).toBe('Prompt users for MFA: Every time they sign in (always-on)');
    expect(step.covers).toEqual([{ guide: '003', step: '5' }, { guide: '004', step: '1.3' }]);
  });

  test('users without a PGP key get the console password control instead of the hand-over', () => {
    const found = ids(withChange((b) => delete b.pgpKey));
    expect(found).toContain('IAM-CONSOLE-PASSWORD');
    expect(found).not.toContain('IAM-USER-FIRST-SIGNIN');
  });

  test('break-glass users and a customer managed Identity Center key add their controls', () => {
    const found = ids(withChange((b) => {
      b.breakGlassOnly = true;
      b.identityCenterKmsKey = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    }));
    expect(found).toContain('BREAK-GLASS');
    expect(found).toContain('IC-KMS');
  });

  test('without centralized root access, root controls name every account and the member control disappears', () => {
    const steps = model(withChange((b) => (b.centralizedRootAccess = false))).manualSteps;
    expect(steps.map((s) => s.id)).not.toContain('ROOT-MEMBER-CREDENTIALS');
    expect(steps.find((s) => s.id === 'ROOT-MFA')!.actions[0]).toContain('Management (111111111111), Prod, Dev, Audit (222222222222)');
  });

  test('a control says which Config rule checks it, and where, or that one could', () => {
    const off = model(baselineConfig()).manualSteps.find((s) => s.id === 'ROOT-MFA')!;
    expect(off.checkedBy).toBe('ROOT_ACCOUNT_MFA_ENABLED can check this continuously: set baseline.configRules');
    const on = model(withChange((b) => ((b.configRules = { recorder: 'existing' }), (b.passwordPolicy = { maxPasswordAge: 90 })))).manualSteps;
    expect(on.find((s) => s.id === 'ROOT-MFA')!.checkedBy).toBe('ROOT_ACCOUNT_MFA_ENABLED checks this continuously in management (the existing configuration recorder)');
    expect(on.find((s) => s.id === 'ROOT-NO-ACCESS-KEYS')!.checkedBy).toBe('IAM_ROOT_ACCESS_KEY_CHECK checks this continuously in management, prod (the existing configuration recorder)');
  });

  test('the checklist gives each control its console path, verification, Config rule and guide steps', () => {
    const environment = model(baselineConfig());
    const markdown = manualStepsMarkdown('test', environment.manualSteps);
    expect(markdown).toContain('## [ ] ROOT-MFA: Enable MFA on the root user');
    expect(markdown).toContain('Where: Sign in as root → account menu → Security credentials → Multi-factor authentication (MFA) → Assign MFA device');
    expect(markdown).toMatch(/Verify:\n- aws iam get-account-summary --query SummaryMap.AccountMFAEnabled returns 1/);
    expect(markdown).toContain('AWS Config: ROOT_ACCOUNT_MFA_ENABLED can check this continuously: set baseline.configRules');
    expect(markdown).toContain('Guide steps: guide 000 step 8, 9, 10, 11; guide 001 step 1, 2, 3, 4, 5;');
    expect(markdown).toContain('terraform -chdir=cdktf.out/stacks/test-baseline output -json encrypted_passwords');
  });
});
