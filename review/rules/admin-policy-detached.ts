import { CATALOGUE } from '../../rules/catalogue';
import { adminManagedPolicy } from '../../rules/policy/analysis';
import type { Rule } from './rule';

export const adminPolicyDetached: Rule = {
  ...CATALOGUE.adminPolicyDetached,
  check: (facts) =>
    facts.permissionSets.flatMap((set) =>
      set.attachments
        .filter((attachment) => attachment.change !== 'attached')
        .filter(
          (attachment) =>
            facts.context.isAdminSet(set.name) ||
            (attachment.policyArn !== undefined ? adminManagedPolicy(attachment.policyArn) !== undefined : attachment.policy === 'AdministratorAccess'),
        )
        .map((attachment) => ({
          ruleId: 'RISK-ADMIN-POLICY-DETACHED',
          stack: facts.plan.stack,
          address: attachment.address,
          reason: `${attachment.policyKind} policy ${attachment.policy} is ${attachment.change} ${
            attachment.change === 're-attached' ? 'to' : 'from'
          } permission set "${set.name}"${attachment.change === 're-attached' ? ': it is detached until the new attachment is created' : ''}`,
        })),
    ),
};
