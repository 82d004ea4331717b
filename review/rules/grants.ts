import { CATALOGUE } from '../../rules/catalogue';
import { adminLevel, adminManagedPolicy } from '../../rules/policy/analysis';
import { describeStatement } from '../../rules/policy/document';
import { changeKind } from '../changes/kind';
import { describeAccess, type AccessChange } from '../diff/access';
import { describeName } from '../names';
import { attribute, knownString } from '../plan/attribute';
import type { ResourceChange } from '../plan/model';
import { changesOfTypes, finding } from './private/finding';
import type { Rule, StackFacts } from './rule';

/**
 * Grants: who newly gets a permission set where. A row "granted" is a new assignment, or the new
 * side of a replace that changes who, what or where; a replace that re-creates the same grant
 * ("re-created") grants nothing new.
 */
function granted(facts: StackFacts): Array<{ change: ResourceChange; row: AccessChange }> {
  const found: Array<{ change: ResourceChange; row: AccessChange }> = [];
  for (const change of changesOfTypes(facts, ['aws_ssoadmin_account_assignment'])) {
    if (change.mode !== 'managed') continue;
    const kind = changeKind(change);
    if (kind !== 'create' && kind !== 'replace') continue;
    for (const row of facts.accessByChange.get(change) ?? []) if (row.change === 'granted') found.push({ change, row });
  }
  return found;
}

/**
 * The synth's target of an assignment (rules/synth.ts assignmentTarget): `<principal> / <set> /
 * <account key>`, when the plan or --synth-dir names all three as the config does; otherwise none,
 * and no suppression applies (a name guessed from an address could match the wrong entry).
 */
function assignmentTarget(facts: StackFacts, change: ResourceChange, row: AccessChange): string | undefined {
  const named = (name: AccessChange['principal']) => name.source === 'plan' || name.source === 'synth';
  const account = facts.names.accountKey(facts.plan, change, 'after');
  if (!named(row.principal) || !named(row.permissionSet) || account === undefined) return undefined;
  return `${row.principal.text} / ${row.permissionSet.text} / ${account}`;
}

export const adminGranted: Rule = {
  ...CATALOGUE.adminGranted,
  check: (facts) =>
    granted(facts).flatMap(({ change, row }) => {
      const keys = facts.context.setKeysOf(facts.plan, change, 'after');
      const reason = facts.context.adminReason(keys);
      if (reason) return [finding(CATALOGUE.adminGranted.id, facts, change.address, `grants ${describeAccess(row)}; the set is administrator-level: ${reason}`)];
      // A set known only after apply that nothing identifies may be one of the new admin sets: a person has to look.
      const newAdmin = facts.context.knowsSet(keys) ? [] : facts.context.newAdminSets(keys);
      if (newAdmin.length > 0) {
        return [
          finding(
            CATALOGUE.adminGranted.id,
            facts,
            change.address,
            `grants ${describeAccess(row)}; its permission set is known only after apply, and this plan creates administrator-level sets (${newAdmin.join('; ')})`,
          ),
        ];
      }
      return [];
    }),
};

export const grantToUser: Rule = {
  ...CATALOGUE.grantToUser,
  check: (facts) =>
    granted(facts)
      .filter(({ row }) => row.principalType === 'USER')
      .map(({ change, row }) =>
        finding(CATALOGUE.grantToUser.id, facts, change.address, `grants ${describeAccess(row)} to a user directly, not through a group`, assignmentTarget(facts, change, row)),
      ),
};

export const grantOnManagement: Rule = {
  ...CATALOGUE.grantOnManagement,
  needs: 'management-account',
  check: (facts) =>
    granted(facts).flatMap(({ change, row }) => {
      const target = knownString(attribute(change, 'after', 'target_id'));
      if (target === undefined || !facts.context.managementAccounts.has(target)) return [];
      return [
        finding(
          CATALOGUE.grantOnManagement.id,
          facts,
          change.address,
          `grants ${describeAccess(row)}: ${describeName(row.account, 'account')} is the management account`,
          assignmentTarget(facts, change, row),
        ),
      ];
    }),
};

export const adminPolicyAttached: Rule = {
  ...CATALOGUE.adminPolicyAttached,
  check: (facts) =>
    facts.permissionSets
      .filter((set) => set.name !== facts.context.adminPermissionSet)
      .flatMap((set) => {
        const attached = set.attachments
          .filter((attachment) => attachment.change === 'attached' && attachment.policyArn !== undefined && adminManagedPolicy(attachment.policyArn))
          .map((attachment) =>
            finding(
              CATALOGUE.adminPolicyAttached.id,
              facts,
              attachment.address,
              `${attachment.policy} (which ${adminManagedPolicy(attachment.policyArn!)}) is attached to permission set "${set.name}", which is not the admin set "${facts.context.adminPermissionSet}"`,
              set.name,
            ),
          );
        const inline = set.inlineStatementsAdded.flatMap((statement) => {
          const reason = adminLevel([statement]);
          if (!reason) return [];
          return [
            finding(
              CATALOGUE.adminPolicyAttached.id,
              facts,
              set.address ?? set.name,
              `the inline policy of permission set "${set.name}" (not the admin set "${facts.context.adminPermissionSet}") newly ${reason.replace(/ \(.*\)$/, '')}: ${describeStatement(statement)}`,
              set.name,
            ),
          ];
        });
        return [...attached, ...inline];
      }),
};

/**
 * A new grant of an administrator-level set without expires: while the environment's config asks for
 * expiries (identityCenter.access.requireExpiryFor: administrator-sets). The policy and which grants
 * carry an expiry are in the synth's expiry.json: without --synth-dir this rule has nothing to judge.
 */
export const adminGrantWithoutExpiry: Rule = {
  ...CATALOGUE.adminGrantWithoutExpiry,
  check: (facts) => {
    const policy = facts.expiry;
    if (policy?.requireExpiryFor !== 'administrator-sets') return [];
    return granted(facts).flatMap(({ change, row }) => {
      if (policy.temporary.has(change.address)) return [];
      const reason = facts.context.adminReason(facts.context.setKeysOf(facts.plan, change, 'after'));
      if (!reason) return [];
      return [finding(CATALOGUE.adminGrantWithoutExpiry.id, facts, change.address, `grants ${describeAccess(row)} with no expires: while the config asks for expiries of administrator-level sets; the set is administrator-level: ${reason}`, assignmentTarget(facts, change, row))];
    });
  },
};
