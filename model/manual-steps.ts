/**
 * Settings no AWS API or Terraform resource can set. Each becomes a step a person performs
 * and can check, printed by synth and written beside the stacks — never a silent gap.
 */
import type { MfaConfig } from '../config/schema';
import { citeGuide, formatGuideSteps, GUIDES, type GuideStepRef } from './guides';

export interface ManualStep {
  /** Stable id, e.g. `IC-MFA`. */
  readonly id: string;
  readonly title: string;
  /** Why Terraform cannot do it. */
  readonly why: string;
  /** Where in the console. */
  readonly consolePath: string;
  /** What to set there. */
  readonly actions: readonly string[];
  /** How to check that it is done. */
  readonly verify: readonly string[];
  /** The steps of the seed guides this control stands for (see model/guides.ts). */
  readonly covers?: readonly GuideStepRef[];
  /** Which AWS Config rule checks it continuously, and where — or which one could. */
  readonly checkedBy?: string;
}

const PROMPT_LABEL: Record<MfaConfig['prompt'], string> = {
  'every-sign-in': 'Every time they sign in (always-on)',
  'context-aware': 'Only when their sign-in context changes (context-aware)',
  never: 'Never (disabled)',
};

const WITHOUT_DEVICE_LABEL: Record<MfaConfig['withoutRegisteredDevice'], string> = {
  'require-registration': 'Require them to register an MFA device at sign in',
  'email-one-time-password': 'Require them to provide a one-time password sent by email to sign in',
  'block-sign-in': 'Block their sign-in',
  'allow-sign-in': 'Allow them to sign in',
};

const TYPE_LABEL: Record<MfaConfig['allowedTypes'][number], string> = {
  'authenticator-apps': 'Authenticator apps',
  'security-keys-and-built-in-authenticators': 'Security keys and built-in authenticators',
};

export function identityCenterMfaStep(mfa: MfaConfig, region: string): ManualStep {
  return {
    id: 'IC-MFA',
    title: 'Set the MFA requirement of IAM Identity Center',
    why: 'The MFA settings of the Identity Center directory have no AWS API, so neither Terraform nor this project can set or read them.',
    consolePath: `IAM Identity Center console (${region}) → Settings → Authentication → Multi-factor authentication → Configure`,
    actions: [
      `Prompt users for MFA: ${PROMPT_LABEL[mfa.prompt]}`,
      `Users can authenticate with these MFA types: ${mfa.allowedTypes.map((type) => TYPE_LABEL[type]).join(' and ')}`,
      `If a user does not yet have a registered MFA device: ${WITHOUT_DEVICE_LABEL[mfa.withoutRegisteredDevice]}`,
      'Save changes.',
      ...(mfa.reason ? [`Reason recorded in the config for the weaker setting: ${mfa.reason}`] : []),
    ],
    verify: [
      'Open the same page: the Multi-factor authentication section shows exactly the values above.',
      'Sign in to the AWS access portal as a test user without an MFA device, in a private window: the portal must behave as set above (e.g. ask to register a device).',
      'With an external identity provider, MFA happens at that provider: check its policy too.',
    ],
  };
}

/** The Markdown checklist written beside the stacks. */
export function manualStepsMarkdown(environment: string, steps: readonly ManualStep[]): string {
  const lines = [`# Manual steps for ${environment}`, '', 'Terraform cannot do these. Do each one, then tick it after checking it as described.', ''];
  for (const step of steps) {
    lines.push(`## [ ] ${step.id}: ${step.title}`, '', `Why by hand: ${step.why}`, '', `Where: ${step.consolePath}`, '', 'Set:');
    lines.push(...step.actions.map((action) => `- ${action}`), '', 'Verify:');
    lines.push(...step.verify.map((check) => `- ${check}`), '');
    if (step.checkedBy) lines.push(`AWS Config: ${step.checkedBy}`, '');
    if (step.covers && step.covers.length > 0) lines.push(`Guide steps: ${formatGuideSteps(step.covers)}`, '');
  }
  const cited = GUIDES.filter((guide) => steps.some((step) => step.covers?.some((ref) => ref.guide === guide.id)));
  if (cited.length > 0) {
    lines.push('## Guides', '', 'The guide steps above are those of these guides (by title and author; their texts give no address of their own):', '');
    lines.push(...cited.map((guide) => `- ${guide.id}: ${citeGuide(guide)}`), '');
  }
  return lines.join('\n');
}
