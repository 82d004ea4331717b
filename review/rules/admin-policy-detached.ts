import type { Rule } from './rule';

const ADMINISTRATOR_ACCESS = 'AdministratorAccess';

export const adminPolicyDetached: Rule = {
  id: 'RISK-ADMIN-POLICY-DETACHED',
  info: 'A policy is detached from the Admin permission set, or AdministratorAccess from any set.',
  explanation:
    'The Admin permission set is the way in for platform on-call and break-glass. Detaching its policies (or re-attaching them, which detaches first) ' +
    'leaves everyone assigned to it without that access in every account, possibly with no one left able to repair it. Approve only with another admin path confirmed.',
  check: (facts) =>
    facts.permissionSets.flatMap((set) =>
      set.attachments
        .filter((attachment) => attachment.change !== 'attached')
        .filter((attachment) => set.name.toLowerCase() === 'admin' || attachment.policy === ADMINISTRATOR_ACCESS)
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
