/**
 * What every policy document the config carries says, checked against IAM's grammar and the actions
 * and condition keys AWS defines (config/policy-grammar.ts): permission set inline policies, service
 * control policy files and the customer managed policy files the config defines. Documents that do not parse are reported by the checks that parse
 * them (permission-sets.ts, service-control-policies.ts), once.
 */
import { ConfigIssue, ConfigPath, formatPath, issue } from '../issues';
import { parsePolicyDocument } from '../policy-document';
import type { PolicyFiles } from '../policy-files';
import { policyGrammarIssues, type GrammarOptions } from '../policy-grammar';
import type { EnvironmentConfig } from '../schema';

export function checkPolicyContents(config: EnvironmentConfig, files: PolicyFiles): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [name, set] of Object.entries(config.identityCenter.permissionSets)) {
    if (set.existing || set.inlinePolicy === undefined) continue;
    issues.push(...policyDocumentIssues(set.inlinePolicy, ['identityCenter', 'permissionSets', name, 'inlinePolicy'], { kind: 'iam' }));
  }
  for (const [name, scp] of Object.entries(config.baseline?.serviceControlPolicies ?? {})) {
    issues.push(...policyFileIssues(files, scp.file, ['baseline', 'serviceControlPolicies', name, 'file'], { what: 'a service control policy' }, { kind: 'scp' }));
  }
  for (const [name, policy] of Object.entries(config.identityCenter.customerManagedPolicies)) {
    const at = ['identityCenter', 'customerManagedPolicies', name, 'file'];
    issues.push(...policyFileIssues(files, policy.file, at, { what: 'a customer managed policy', identityBased: true }, { kind: 'iam' }));
  }
  return issues;
}

/** The grammar issues of a policy file that parses (one that does not is reported where it is parsed). */
function policyFileIssues(files: PolicyFiles, path: string, at: ConfigPath, parsing: Parameters<typeof parsePolicyDocument>[2], options: GrammarOptions): ConfigIssue[] {
  const file = files.get(path);
  if (!file || file.error !== undefined || !parsePolicyDocument(file.value, [], parsing).ok) return [];
  return policyGrammarIssues(file.value, options).map((found) => issue(at, `${file.at(found.path)}  ${formatPath(found.path)}: ${found.message}`, found.fix ?? `fix ${file.displayPath}`));
}

/**
 * The grammar issues of a policy written in the config (a mapping, or a JSON string), at `path`.
 * For a JSON string the issue points at the string and names the place inside it in the message.
 * Exported for every other place a config carries a policy document.
 */
export function policyDocumentIssues(input: unknown, path: ConfigPath, options: GrammarOptions): ConfigIssue[] {
  const parsed = parsePolicyDocument(input, path, { what: 'the policy' });
  if (!parsed.ok) return [];
  const value = typeof input === 'string' ? JSON.parse(input) : input;
  return policyGrammarIssues(value, options).map((found) =>
    typeof input === 'string'
      ? { ...found, path, atKey: false, message: `${formatPath(found.path)}: ${found.message}` }
      : { ...found, path: [...path, ...found.path] },
  );
}
