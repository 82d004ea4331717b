/**
 * The manual controls: what the seed guides ask for that Terraform cannot do. Each control is a
 * small named unit (like a cdk-nag rule): an id, the guide steps it stands for, why it is manual,
 * the AWS Config rules that can check it, and how to do and verify it for one environment.
 * `CONTROLS` is the catalogue the README's guide-step table is tested against.
 */
import type { AccountModel } from './environment';
import { ref, type GuideStepRef } from './guides';
import type { ManualStep } from './manual-steps';
import { CONFIG_RULES, type BaselineAccountModel, type BaselineModel, type IamUserModel } from './baseline';

export interface ControlContext {
  readonly environment: string;
  readonly identityCenterRegion: string;
  /** Every account of the organization. */
  readonly accounts: readonly AccountModel[];
  readonly baseline: BaselineModel;
}

export interface Control {
  /** Stable id, e.g. ROOT-MFA. */
  readonly id: string;
  readonly title: string;
  /** Why Terraform cannot do it. */
  readonly why: string;
  readonly guideSteps: readonly GuideStepRef[];
  /** AWS Config managed rules that check it. */
  readonly configRules: readonly string[];
  /** The environment's step, or undefined when the control does not apply to it. */
  readonly build: (context: ControlContext) => Omit<ManualStep, 'id' | 'title' | 'why' | 'covers' | 'checkedBy'> | undefined;
}

const managementOf = (context: ControlContext): BaselineAccountModel => context.baseline.accounts.find((account) => account.management)!;
const describe = (account: AccountModel): string => (account.kind === 'existing' ? `${account.name} (${account.id})` : account.name);
const usersOf = (context: ControlContext, pick: (user: IamUserModel) => boolean): Array<{ account: BaselineAccountModel; user: IamUserModel }> =>
  context.baseline.accounts.flatMap((account) => account.users.filter(pick).map((user) => ({ account, user })));
const userList = (entries: ReadonlyArray<{ account: BaselineAccountModel; user: IamUserModel }>): string =>
  entries.map(({ account, user }) => (account.management ? user.name : `${user.name} in ${account.account.key}`)).join(', ');
const rootKeepers = (context: ControlContext): AccountModel[] =>
  context.baseline.organization.centralizedRootAccess ? [managementOf(context).account] : [...context.accounts];

export const CONTROLS: readonly Control[] = [
  {
    id: 'ACCOUNT-SETUP',
    title: 'Finish the sign-up of the management account',
    why: 'Plan, payment method, contact details and identity verification of an AWS account exist only in the console; member accounts are created by Organizations and billed to the management account.',
    guideSteps: ref('000', '3', '4', '5', '6', '7'),
    configRules: [],
    build: (context) => ({
      consolePath: `Management account ${describe(managementOf(context).account)} → Billing and Cost Management → Payment preferences; Account → Contact information`,
      actions: [
        'A paid plan (not the free plan) with a valid default payment method',
        'Complete primary contact information of the account holder',
        'Finish identity verification with the code sent to the root email',
      ],
      verify: [
        'Billing and Cost Management → Payment preferences shows a valid default payment method',
        'aws account get-contact-information (in the management account) returns the full contact information',
      ],
    }),
  },
  {
    id: 'ROOT-CREDENTIALS',
    title: 'Root user: team-owned email, vaulted password, no daily use',
    why: 'No API sets or reads the root user\'s password, and whoever controls the root email can reset it.',
    guideSteps: [...ref('000', '1', '2'), ...ref('003', '1a'), ...ref('004', '1.1', '2.1', 'conclusion')],
    configRules: [],
    build: (context) => ({
      consolePath: 'Sign in as root (https://signin.aws.amazon.com/ → Root user) → Account → Account settings; IAM → Credential report',
      actions: [
        `Root email of ${rootKeepers(context).map(describe).join(', ')}: a group mailbox the company controls, not a person's inbox`,
        'Root password: long, unique, generated, kept in the team password vault; no single person knows it',
        'Use the root user only for the tasks that need it; everyone else signs in through IAM Identity Center',
      ],
      verify: [
        'Account → Account settings shows the group mailbox as the root email',
        'IAM → Credential report: <root_account> has password_last_used old or N/A; every recent use is explained',
        'The vault entry exists and names who may open it',
      ],
    }),
  },
  {
    id: 'ROOT-MFA',
    title: 'Enable MFA on the root user',
    why: 'Only the root user can register its own MFA device, in the console, with codes from the device.',
    guideSteps: [...ref('000', '8', '9', '10', '11'), ...ref('001', '1', '2', '3', '4', '5'), ...ref('002', 'root-mfa', 'mfa-login', 'security-status'), ...ref('003', '1'), ...ref('004', '1.3')],
    configRules: [CONFIG_RULES.rootMfa.identifier],
    build: (context) => ({
      consolePath: 'Sign in as root → account menu → Security credentials → Multi-factor authentication (MFA) → Assign MFA device',
      actions: [
        `A passkey or security key (or an authenticator app) for the root user of ${rootKeepers(context).map(describe).join(', ')}`,
        'Register a second device and keep it in a separate safe place',
        'Sign out and in again: the sign-in now asks for the MFA code',
      ],
      verify: ['aws iam get-account-summary --query SummaryMap.AccountMFAEnabled returns 1 in each of these accounts', 'IAM → Dashboard → Security recommendations no longer asks to add MFA for the root user'],
    }),
  },
  {
    id: 'ROOT-NO-ACCESS-KEYS',
    title: 'No access keys for the root user',
    why: 'Root access keys are visible to and deletable by the root user only; Terraform never sees them.',
    guideSteps: [...ref('002', 'root-access-keys')],
    configRules: [CONFIG_RULES.rootAccessKeys.identifier],
    build: (context) => ({
      consolePath: 'Sign in as root → account menu → Security credentials → Access keys',
      actions: [`No root access keys in ${rootKeepers(context).map(describe).join(', ')}: delete any (a new account has none), never create one`],
      verify: ['aws iam get-account-summary --query SummaryMap.AccountAccessKeysPresent returns 0', 'IAM → Credential report: access_key_1_active and access_key_2_active are false for <root_account>'],
    }),
  },
  {
    id: 'ROOT-MEMBER-CREDENTIALS',
    title: 'Remove the root credentials of member accounts',
    why: 'Centralized root access (set by Terraform) lets the management account delete member root credentials, but deleting them is a privileged task run per account, not a resource.',
    guideSteps: [...ref('000', '2')],
    configRules: [],
    build: (context) => {
      if (!context.baseline.organization.centralizedRootAccess) return undefined;
      // A closed account's root user cannot sign in, and AWS deletes the account after 90 days.
      const members = context.accounts.filter((account) => !(account.kind === 'existing' && (account.management || account.closed)));
      return {
        consolePath: 'IAM console of the management account → Root access management',
        actions: [
          `Delete the root user credentials of ${members.map((account) => account.key).join(', ')}`,
          'Per account: select it → Take privileged action → Delete root user credentials',
          'Accounts created by Organizations after centralized root access was enabled start without root credentials',
        ],
        verify: ['aws iam list-organizations-features lists RootCredentialsManagement and RootSessions', 'IAM → Root access management shows no root user credentials for any member account'],
      };
    },
  },
  {
    id: 'IC-ENABLE',
    title: 'Enable IAM Identity Center for the organization',
    why: 'An organization instance of IAM Identity Center is enabled in the console; Terraform only looks it up.',
    guideSteps: [...ref('003', '2', '2a')],
    configRules: [],
    build: (context) => ({
      consolePath: `IAM Identity Center console (${context.identityCenterRegion}), signed in to the management account → Enable → Enable with AWS Organizations`,
      actions: [
        `An organization instance (not an account instance) in ${context.identityCenterRegion}; moving it to another region later means deleting it`,
        context.baseline.identityCenterKmsKey ? 'Encryption: a customer managed KMS key, see IC-KMS' : 'Encryption: keep the AWS owned key (the default)',
      ],
      verify: [`aws sso-admin list-instances --region ${context.identityCenterRegion} returns exactly one instance`, `terraform plan of ${context.environment}-identity-center finds it (data.aws_ssoadmin_instances.identity_center)`],
    }),
  },
  {
    id: 'IC-KMS',
    title: 'Encrypt IAM Identity Center with the customer managed KMS key',
    why: 'The key that encrypts Identity Center data at rest is chosen in the console; the Terraform AWS provider has no resource for it.',
    guideSteps: [...ref('003', '2a')],
    configRules: [],
    build: (context) => {
      const key = context.baseline.identityCenterKmsKey;
      if (key === undefined) return undefined;
      return {
        consolePath: `IAM Identity Center console (${context.identityCenterRegion}) → Settings → Management → Key for encrypting IAM Identity Center data at rest`,
        actions: [`Change the key to the customer managed KMS key ${key}`, 'First give the key a policy that allows IAM Identity Center and the services that use it'],
        verify: [`The same page shows ${key}`, 'Sign in to the access portal: it still works after the change'],
      };
    },
  },
  {
    id: 'IC-MFA',
    title: 'Set the MFA requirement of IAM Identity Center',
    why: 'The MFA settings of the Identity Center directory have no AWS API, so neither Terraform nor this project can set or read them.',
    guideSteps: [...ref('003', '5'), ...ref('004', '1.3')],
    configRules: [],
    // Built from the identityCenter.mfa config by identityCenterMfaStep (model/manual-steps.ts).
    build: () => undefined,
  },
  {
    id: 'IAM-CONSOLE-PASSWORD',
    title: 'Set the console password of IAM users without a PGP key',
    why: 'Without a PGP key Terraform would keep the generated password in plain text in its state, so these users get no login profile from Terraform.',
    guideSteps: [...ref('001', '8'), ...ref('004', '2.3')],
    configRules: [],
    build: (context) => {
      const users = usersOf(context, (user) => user.console && user.pgpKey === undefined);
      if (users.length === 0) return undefined;
      return {
        consolePath: 'IAM console → Users → <user> → Security credentials → Console sign-in → Enable console access',
        actions: [
          `${userList(users)}: autogenerated password, "User must create a new password at next sign-in" checked`,
          'Hand the password over in person or through the vault, never by email',
          'To let Terraform do it instead: set baseline.pgpKey (or the user\'s pgpKey) and first run aws iam delete-login-profile --user-name <user>',
        ],
        verify: ['aws iam get-login-profile --user-name <user> shows PasswordResetRequired true until the first sign-in'],
      };
    },
  },
  {
    id: 'IAM-USER-FIRST-SIGNIN',
    title: 'Hand over the first password; each IAM user sets their own',
    why: 'Terraform outputs the generated password only encrypted with the PGP key; decrypting and handing it over takes the key holder.',
    guideSteps: [...ref('000', '17', '18', '19', '26'), ...ref('001', '11', '12'), ...ref('002', 'first-login')],
    configRules: [],
    build: (context) => {
      const users = usersOf(context, (user) => user.console && user.pgpKey !== undefined);
      if (users.length === 0) return undefined;
      const stack = `cdktf.out/stacks/${context.environment}-baseline`;
      return {
        consolePath: `The account's sign-in URL: terraform -chdir=${stack} output signin_urls`,
        actions: [
          `${userList(users)}: decrypt the first password from the output encrypted_passwords`,
          `terraform -chdir=${stack} output -json encrypted_passwords, take the user's value, then base64 -d | gpg --decrypt (or keybase pgp decrypt)`,
          'Give the password and the sign-in URL to the user over two different channels',
          'The user signs in, sets a new password that meets the password policy, then registers MFA (IAM-USER-MFA)',
        ],
        verify: ['aws iam get-login-profile --user-name <user> shows PasswordResetRequired false', 'IAM → Credential report: password_last_changed is later than user_creation_time'],
      };
    },
  },
  {
    id: 'IAM-USER-MFA',
    title: 'Each IAM user registers an MFA device',
    why: 'An MFA device is registered by its user with codes from the device; until then the MFA policy denies the user everything else.',
    guideSteps: [...ref('000', '20', '21', '22', '23', '24', '25'), ...ref('001', 'next'), ...ref('002', 'user-mfa', 'mfa-login'), ...ref('004', '1.3', '2.6')],
    configRules: [CONFIG_RULES.consoleMfa.identifier, CONFIG_RULES.userMfa.identifier],
    build: (context) => {
      const users = usersOf(context, () => true);
      if (users.length === 0) return undefined;
      return {
        consolePath: 'Signed in as the user → account menu → Security credentials → Multi-factor authentication (MFA) → Assign MFA device',
        actions: [
          `${userList(users)}: a passkey or security key (or an authenticator app); then sign out and in again with MFA`,
          ...(context.baseline.requireMfa.enabled
            ? []
            : [`Nothing enforces this yet: baseline.requireMfa is off (reason: ${context.baseline.requireMfa.reason}). Once every user has a device, remove requireMfa from the config in its own reviewed change.`]),
        ],
        verify: ['aws iam list-mfa-devices --user-name <user> lists a device', 'IAM → Credential report: mfa_active is true for every user whose password_enabled is true'],
      };
    },
  },
  {
    id: 'BREAK-GLASS',
    title: 'Use the IAM users only in an emergency',
    why: 'Whether a user is used day to day is behaviour, not configuration: IAM Identity Center is the everyday way in.',
    guideSteps: [...ref('004', 'conclusion')],
    configRules: [],
    build: (context) => {
      const users = usersOf(context, () => true);
      if (!context.baseline.breakGlassOnly || users.length === 0) return undefined;
      return {
        consolePath: 'CloudTrail console (management account) → Event history → Event name = ConsoleLogin',
        actions: [
          `Seal the credentials of ${userList(users)}: password in the vault, MFA device in a safe`,
          'Everyone signs in through the AWS access portal day to day',
          'Test a break-glass sign-in twice a year; rotate the password afterwards',
        ],
        verify: ['IAM → Credential report: password_last_used of these users matches the recorded tests and incidents only', 'CloudTrail ConsoleLogin events for these users match the break-glass log'],
      };
    },
  },
];

export function controlById(id: string): Control {
  const control = CONTROLS.find((candidate) => candidate.id === id);
  if (!control) throw new Error(`no control ${id}`);
  return control;
}

/**
 * The environment's manual steps, in the order a person does them: every control that applies,
 * with the Identity Center MFA step (`identityCenterMfa`) in its catalogue place.
 */
export function baselineManualSteps(context: ControlContext, identityCenterMfa: ManualStep): ManualStep[] {
  const steps: ManualStep[] = [];
  for (const control of CONTROLS) {
    const step = control.id === identityCenterMfa.id ? identityCenterMfa : control.build(context);
    if (!step) continue;
    steps.push({ ...step, id: control.id, title: control.title, why: control.why, covers: control.guideSteps, checkedBy: checkedBy(control, context.baseline) });
  }
  return steps;
}

function checkedBy(control: Control, baseline: BaselineModel): string | undefined {
  if (control.configRules.length === 0) return undefined;
  const rules = control.configRules.join(', ');
  if (!baseline.configRules) return `${rules} can check this continuously: set baseline.configRules`;
  const accounts = baseline.accounts.filter((account) => account.configRules.some((rule) => control.configRules.includes(rule.identifier))).map((account) => account.account.key);
  const recorder = baseline.configRules.recorder === 'existing' ? 'the existing configuration recorder' : 'the configuration recorder the baseline stack creates';
  return `${rules} checks this continuously in ${accounts.join(', ')} (${recorder})`;
}
