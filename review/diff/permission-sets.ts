import { changeKind, type ChangeKind } from '../changes/kind';
import { instanceLabel, pairAddressParts, type Names } from '../names';
import { attribute, currentString, knownString, type Side } from '../plan/attribute';
import { asObject, asString, firstBlock, member } from '../../rules/json';
import type { Plan, ResourceChange } from '../plan/model';
import type { Statement } from '../../rules/policy/document';
import type { PolicyChange } from './policies';

/**
 * What changes in each permission set: the set itself, its managed and customer managed policy
 * attachments, its inline policy statements, its session duration and its permissions boundary.
 */

export interface PolicyAttachmentChange {
  readonly address: string;
  readonly policyKind: 'AWS managed' | 'customer managed';
  /** `AdministratorAccess`, `/security/SecurityAuditExtras`. */
  readonly policy: string;
  readonly policyArn?: string;
  readonly change: 'attached' | 'detached' | 're-attached';
}

export interface PermissionSetChange {
  /** The permission set's name (`Admin`), or its address name when the name is not known. */
  readonly name: string;
  /** Change of the `aws_ssoadmin_permission_set` itself, when it changes. */
  readonly address?: string;
  readonly kind?: ChangeKind;
  readonly attachments: readonly PolicyAttachmentChange[];
  readonly inlineStatementsAdded: readonly Statement[];
  readonly inlineStatementsRemoved: readonly Statement[];
  readonly inlineNotes: readonly string[];
  /** ISO-8601 durations, when the session duration changes (before is undefined for a new set). */
  readonly sessionDuration?: { readonly before?: string; readonly after?: string };
  /** Permissions boundary before and after (`none` when there is none), when it changes. */
  readonly boundary?: { readonly before: string; readonly after: string };
  /** Other arguments of the set that change: description, relay_state, tags. */
  readonly otherChanges: readonly string[];
  /**
   * The set's effective access (before SCPs) in the access report's words, from the base branch's
   * access.json and this change's (diff/access-words.ts); a side is absent when its report is not
   * given or has no set of that name.
   */
  readonly effectiveAccess?: { readonly before?: string; readonly after?: string };
}

type Draft = { -readonly [K in keyof PermissionSetChange]: PermissionSetChange[K] } & {
  attachments: PolicyAttachmentChange[];
  inlineStatementsAdded: Statement[];
  inlineStatementsRemoved: Statement[];
  inlineNotes: string[];
};

const IGNORED_ARGUMENTS = new Set(['session_duration', 'tags_all', 'arn', 'id', 'created_date', 'instance_arn', 'name']);

export function permissionSetChanges(plan: Plan, names: Names, policies: readonly PolicyChange[]): PermissionSetChange[] {
  const sets = new Map<string, Draft>();
  const draft = (name: string): Draft => {
    let entry = sets.get(name);
    if (!entry) {
      entry = { name, attachments: [], inlineStatementsAdded: [], inlineStatementsRemoved: [], inlineNotes: [], otherChanges: [] };
      sets.set(name, entry);
    }
    return entry;
  };
  const setName = (change: ResourceChange, side: Side) =>
    names.of(plan, change, side, 'permission_set_arn', 'permission-set', pairAddressParts(change.name).first ?? instanceLabel(change)).text;

  for (const change of plan.changes) {
    const kind = changeKind(change);
    if (change.mode !== 'managed' || kind === 'no-op' || kind === 'read' || kind === 'forget') continue;
    const side: Side = kind === 'destroy' ? 'before' : 'after';
    switch (change.type) {
      case 'aws_ssoadmin_permission_set': {
        const entry = draft(currentString(change, 'name') ?? change.name);
        entry.address = change.address;
        entry.kind = kind;
        const before = knownString(attribute(change, 'before', 'session_duration'));
        const after = knownString(attribute(change, 'after', 'session_duration'));
        if (before !== after && kind !== 'destroy') entry.sessionDuration = { before, after };
        if (kind === 'update') entry.otherChanges = changedArguments(change);
        break;
      }
      case 'aws_ssoadmin_managed_policy_attachment':
      case 'aws_ssoadmin_customer_managed_policy_attachment': {
        const attachment = attachmentOf(change, side);
        if (attachment) draft(setName(change, side)).attachments.push(attachment);
        break;
      }
      case 'aws_ssoadmin_permissions_boundary_attachment': {
        const before = boundaryOf(change, 'before');
        const after = boundaryOf(change, 'after');
        if (before !== after) draft(setName(change, side)).boundary = { before, after };
        break;
      }
    }
  }
  for (const policy of policies) {
    if (policy.permissionSet === undefined) continue;
    const entry = draft(policy.permissionSet);
    entry.inlineStatementsAdded.push(...policy.added);
    entry.inlineStatementsRemoved.push(...policy.removed);
    entry.inlineNotes.push(...policy.notes);
  }
  return [...sets.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function attachmentOf(change: ResourceChange, side: Side): PolicyAttachmentChange | undefined {
  const kind = changeKind(change);
  const action = kind === 'create' ? 'attached' : kind === 'destroy' ? 'detached' : kind === 'replace' ? 're-attached' : undefined;
  if (!action) return undefined;
  const fromAddress = pairAddressParts(change.name).second ?? instanceLabel(change);
  if (change.type === 'aws_ssoadmin_managed_policy_attachment') {
    const arn = knownString(attribute(change, side, 'managed_policy_arn'));
    return {
      address: change.address,
      policyKind: 'AWS managed',
      policy: arn ? arn.slice(arn.lastIndexOf('/') + 1) : fromAddress,
      policyArn: arn,
      change: action,
    };
  }
  const reference = customerReference(attribute(change, side, 'customer_managed_policy_reference'));
  return { address: change.address, policyKind: 'customer managed', policy: reference ?? fromAddress, change: action };
}

/** `managed AdministratorAccess`, `customer managed /boundaries/Developer`, or `none`. */
function boundaryOf(change: ResourceChange, side: Side): string {
  const value = attribute(change, side, 'permissions_boundary');
  if (value.state === 'absent') return 'none';
  if (value.state === 'unknown') return '(known after apply)';
  if (value.state === 'sensitive') return '(sensitive)';
  const boundary = asObject(firstBlock(value.value));
  const arn = asString(boundary?.managed_policy_arn);
  if (arn) return `AWS managed ${arn.slice(arn.lastIndexOf('/') + 1)}`;
  const reference = customerReference({ state: 'known', value: boundary?.customer_managed_policy_reference ?? null });
  return reference ? `customer managed ${reference}` : '(not set)';
}

function customerReference(value: ReturnType<typeof attribute>): string | undefined {
  if (value.state !== 'known') return undefined;
  const reference = asObject(firstBlock(value.value));
  const name = asString(reference?.name);
  if (!name) return undefined;
  const path = asString(reference?.path) ?? '/';
  return `${path.endsWith('/') ? path : `${path}/`}${name}`;
}

function changedArguments(change: ResourceChange): string[] {
  const before = asObject(change.before) ?? {};
  const after = asObject(change.after) ?? {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => !IGNORED_ARGUMENTS.has(key))
    .filter((key) => attribute(change, 'after', key).state !== 'unknown')
    .filter((key) => JSON.stringify(member(before, key) ?? null) !== JSON.stringify(member(after, key) ?? null))
    .sort();
}
