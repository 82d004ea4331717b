import { CATALOGUE } from '../../rules/catalogue';
import { ADMIN_MANAGED_POLICIES, adminLevel, adminManagedPolicy } from '../../rules/policy/analysis';
import { describeStatement } from '../../rules/policy/document';
import { changeKind } from '../changes/kind';
import { describeAccess, type AccessChange } from '../diff/access';
import type { MembershipChange } from '../diff/memberships';
import { describeName } from '../names';
import { attribute, knownString } from '../plan/attribute';
import type { ResourceChange } from '../plan/model';
import { changesOfTypes, finding } from './private/finding';
import type { Finding, Rule, StackFacts } from './rule';

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
    }).concat(adminByMembership(facts)),
};

/**
 * A user added to a group gains everything the group holds: added to a group that holds an
 * administrator-level set (in the prior state of any reviewed plan, or by an assignment a reviewed
 * plan creates), the user is granted admin as surely as by an assignment of their own.
 */
function adminByMembership(facts: StackFacts): Finding[] {
  const found: Finding[] = [];
  const memberships = changesOfTypes(facts, ['aws_identitystore_group_membership']);
  const rows = new Map<string, MembershipChange>(memberships.length === 0 ? [] : facts.memberships.map((membership) => [membership.address, membership]));
  for (const change of memberships) {
    const kind = changeKind(change);
    if (change.mode !== 'managed' || (kind !== 'create' && kind !== 'replace')) continue;
    const group = knownString(attribute(change, 'after', 'group_id'));
    const member = knownString(attribute(change, 'after', 'member_id'));
    // A membership re-created with the same group and member grants nothing new.
    if (group === undefined || (kind === 'replace' && group === knownString(attribute(change, 'before', 'group_id')) && member === knownString(attribute(change, 'before', 'member_id')))) continue;
    const row = rows.get(change.address);
    for (const [set, accounts] of facts.context.heldBy(group)) {
      const reason = accounts.size > 0 ? facts.context.adminReason([`arn ${set}`]) : undefined;
      if (!reason) continue;
      const setName = facts.names.known('permission-set', set) ?? set;
      const where = [...accounts].slice(0, 3).join(', ') + (accounts.size > 3 ? ` and ${accounts.size - 3} more` : '');
      const who = row ? `user ${describeName(row.user, 'user')} to group ${describeName(row.group, 'group')}` : `a member to group ${group}`;
      found.push(finding(CATALOGUE.adminGranted.id, facts, change.address, `adds ${who}, which holds ${setName} on ${accounts.size === 1 ? 'account' : 'accounts'} ${where}; the set is administrator-level: ${reason}`));
      break;
    }
  }
  return found;
}

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
  check: (facts) => {
    const admin = facts.context.adminPermissionSet;
    const attached = facts.permissionSets
      .filter((set) => !facts.context.isAdminSet(set.name))
      .flatMap((set) =>
        set.attachments.flatMap((attachment) => {
          if (attachment.change !== 'attached') return [];
          // A customer managed policy is judged by the aws_iam_policy of its path and name in the reviewed plans.
          const why =
            attachment.policyKind === 'AWS managed'
              ? attachment.policyArn && adminManagedPolicy(attachment.policyArn)
              : facts.context.customerPolicyReason(attachment.policy)?.replace(/ \(.*\)$/, '');
          if (!why) return [];
          const what = attachment.policyKind === 'AWS managed' ? attachment.policy : `customer managed policy ${attachment.policy}`;
          return [finding(CATALOGUE.adminPolicyAttached.id, facts, attachment.address, `${what} (which ${why}) is attached to permission set "${set.name}", which is not the admin set "${admin}"`, set.name)];
        }),
      );
    // By the inline policy's own change, so the finding names the address that adds the statement.
    const inline = facts.policies
      .filter((policy) => policy.type === 'aws_ssoadmin_permission_set_inline_policy' && policy.permissionSet !== undefined && !facts.context.isAdminSet(policy.permissionSet))
      .flatMap((policy) =>
        policy.added.flatMap((statement) => {
          const reason = adminLevel([statement]);
          if (!reason) return [];
          return [
            finding(
              CATALOGUE.adminPolicyAttached.id,
              facts,
              policy.address,
              `the inline policy of permission set "${policy.permissionSet}" (not the admin set "${admin}") newly ${reason.replace(/ \(.*\)$/, '')}: ${describeStatement(statement)}`,
              policy.permissionSet,
            ),
          ];
        }),
      );
    return [...attached, ...inline, ...boundariesLifted(facts)];
  },
};

/**
 * A permissions boundary caps what a set's policies grant (a set with AdministratorAccess and a
 * boundary is only as strong as the boundary). Destroying it, or replacing it with AdministratorAccess
 * (which caps nothing), lets everything the set's policies allow through. A boundary that is added,
 * or changed to another that the review cannot compare, is not flagged.
 */
function boundariesLifted(facts: StackFacts): Finding[] {
  const found: Finding[] = [];
  for (const change of changesOfTypes(facts, ['aws_ssoadmin_permissions_boundary_attachment'])) {
    if (change.mode !== 'managed') continue;
    const kind = changeKind(change);
    if (kind !== 'destroy' && kind !== 'replace' && kind !== 'update') continue;
    const before = boundaryPolicy(change, 'before');
    if (before === undefined) continue;
    const after = kind === 'destroy' ? undefined : boundaryPolicy(change, 'after');
    const lifted = kind === 'destroy' ? 'is removed' : after?.arn !== undefined && before.arn !== after.arn && adminManagedPolicy(after.arn) === ADMIN_MANAGED_POLICIES.AdministratorAccess ? `is replaced by ${after.text}` : undefined;
    if (!lifted) continue;
    const set = facts.names.of(facts.plan, change, 'before', 'permission_set_arn', 'permission-set', change.index === undefined ? change.name : String(change.index)).text;
    if (facts.context.isAdminSet(set)) continue;
    found.push(
      finding(
        CATALOGUE.adminPolicyAttached.id,
        facts,
        change.address,
        `the permissions boundary of permission set "${set}" (${before.text}) ${lifted}: it no longer limits the set, so everything the set's policies allow applies (the admin set is "${facts.context.adminPermissionSet}")`,
        set,
      ),
    );
  }
  return found;
}

/** The boundary's policy: `AWS managed PowerUserAccess` with its ARN, or `customer managed /boundaries/Dev`; undefined when there is none or it cannot be read. */
function boundaryPolicy(change: ResourceChange, side: 'before' | 'after'): { text: string; arn?: string } | undefined {
  const arn = knownString(attribute(change, side, ['permissions_boundary', 0, 'managed_policy_arn']));
  if (arn) return { text: `AWS managed ${arn.slice(arn.lastIndexOf('/') + 1)}`, arn };
  const name = knownString(attribute(change, side, ['permissions_boundary', 0, 'customer_managed_policy_reference', 0, 'name']));
  if (!name) return undefined;
  const path = knownString(attribute(change, side, ['permissions_boundary', 0, 'customer_managed_policy_reference', 0, 'path'])) ?? '/';
  return { text: `customer managed ${path.endsWith('/') ? path : `${path}/`}${name}` };
}

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
