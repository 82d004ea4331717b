/**
 * AWS managed policy ARNs: `arn:<partition>:iam::aws:policy/<path><name>`, checked against the names
 * and paths in config/aws-managed-policies.generated.ts (scripts/generate-managed-policies.js), so a
 * misspelt or mis-pathed ARN fails here instead of at apply ("Policy … does not exist or is not attachable").
 */
import { AWS_MANAGED_POLICIES_SOURCE, AWS_MANAGED_POLICY_PATHS } from './aws-managed-policies.generated';
import { closest } from './did-you-mean';
import { quote } from './quote';

/** `arn:aws:iam::aws:policy/job-function/ViewOnlyAccess` → partition aws, `job-function/ViewOnlyAccess`. */
const AWS_MANAGED_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::aws:policy\/(.+)$/;
/** A customer managed policy: the 12-digit account instead of `aws`. */
const CUSTOMER_ARN = /^arn:[\w-]+:iam::(\d{12}):policy\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]+)$/;

export type ManagedPolicyCheck =
  | { readonly kind: 'aws-managed' }
  /** A customer managed policy ARN: its account, path (`/` or `/security/`) and name. */
  | { readonly kind: 'customer'; readonly account: string; readonly path: string; readonly name: string }
  | { readonly kind: 'unknown'; readonly reason: string; readonly suggestion?: string };

let byPath: Set<string> | undefined;
let pathByName: Map<string, string> | undefined;

function load(): { byPath: Set<string>; pathByName: Map<string, string> } {
  if (!byPath || !pathByName) {
    const entries = AWS_MANAGED_POLICY_PATHS.split('\n').filter((line) => line !== '');
    byPath = new Set(entries);
    pathByName = new Map(entries.map((entry) => [entry.slice(entry.lastIndexOf('/') + 1), entry]));
  }
  return { byPath, pathByName };
}

/** Sorts a policy ARN into AWS managed (and existing), customer managed, or neither. */
export function checkManagedPolicyArn(arn: string): ManagedPolicyCheck {
  const customer = CUSTOMER_ARN.exec(arn);
  if (customer) return { kind: 'customer', account: customer[1], path: `/${customer[2]}`, name: customer[3] };
  const match = AWS_MANAGED_ARN.exec(arn);
  if (!match) return { kind: 'unknown', reason: `${quote(arn)} is not an AWS managed policy ARN (arn:aws:iam::aws:policy/<name>)` };
  const [, partition, rest] = match;
  const { byPath: known, pathByName: names } = load();
  if (known.has(rest)) return { kind: 'aws-managed' };
  const name = rest.slice(rest.lastIndexOf('/') + 1);
  const base = `arn:${partition}:iam::aws:policy/`;
  const samePolicy = names.get(name);
  if (samePolicy !== undefined) {
    return { kind: 'unknown', reason: `AWS has no managed policy ${rest.length > 200 ? quote(rest) : rest}: ${name} lives at ${samePolicy.includes('/') ? `path /${samePolicy.slice(0, samePolicy.lastIndexOf('/') + 1)}` : 'the root path /'}`, suggestion: `${base}${samePolicy}` };
  }
  const suggestion = closest(name, names.keys());
  return {
    kind: 'unknown',
    reason: `AWS has no managed policy named ${name.length > 200 ? quote(name) : name} (checked against ${AWS_MANAGED_POLICIES_SOURCE})`,
    ...(suggestion ? { suggestion: `${base}${names.get(suggestion)}` } : {}),
  };
}
