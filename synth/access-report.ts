/**
 * The access report written beside MANUAL-STEPS.md: ACCESS.md (for people), access.json (the model
 * as JSON, for tools; shape in model/access.ts and config/access.schema.json) and access.html (one
 * self-contained page: no network, readable without JavaScript, a filter box with it).
 */
import { ACCESS_LEVELS, levelWords, serviceWord } from '../model/effective-access';
import type { AccessReport, AccessRow, DenyReading, ExpiredGrant } from '../model/access';
import { expiryWords } from '../model/expiry';

export const ACCESS_MARKDOWN_FILE = 'ACCESS.md';
export const ACCESS_JSON_FILE = 'access.json';
export const ACCESS_HTML_FILE = 'access.html';

export function accessJson(report: AccessReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Markdown table cell: pipes and line breaks would break the row. */
function cell(text: string | undefined): string {
  return (text ?? '').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function via(row: AccessRow): string {
  return row.group === undefined ? 'directly' : `group ${row.group}`;
}

function who(row: AccessRow): string {
  return row.person ?? `(members managed in the IdP)`;
}

/** Every grant with an expiry still in force: one line each (account, who, set, until, why), however many people a group holds. */
function temporaryGrants(report: AccessReport): { account: string; who: string; permissionSet: string; expires: string; reason?: string }[] {
  const seen = new Set<string>();
  return report.accounts.flatMap((account) =>
    account.access.flatMap((row) => {
      const who = row.group !== undefined ? `group ${row.group}` : `user ${row.person}`;
      const key = `${account.key}\u0000${who}\u0000${row.permissionSet}`;
      if (row.expires === undefined || seen.has(key)) return [];
      seen.add(key);
      return [{ account: account.key, who, permissionSet: row.permissionSet, expires: row.expires, ...(row.reason !== undefined ? { reason: row.reason } : {}) }];
    }),
  );
}

function expiredWords(grant: ExpiredGrant): string {
  return `${grant.principalType === 'USER' ? 'user' : 'group'} ${grant.principal} / ${grant.permissionSet} / ${grant.account}: was granted ${expiryWords(grant.expires)}${grant.reason !== undefined ? ` (${grant.reason})` : ''}`;
}

function temporary(row: { expires?: string; reason?: string }): string {
  return row.expires === undefined ? '' : `${expiryWords(row.expires)}${row.reason ? ` (${row.reason})` : ''}`;
}

export function denyWords(deny: DenyReading): string {
  return `denies ${deny.actions.join(', ')}${deny.unless.length > 0 ? ` unless ${deny.unless.join(', ')} matches` : ''}`;
}

export function accessMarkdown(report: AccessReport): string {
  const lines = [`# Access in ${report.environment}`, '', `Who can reach which account, with what: from ${report.source}. MFA at sign-in: ${report.mfaAtSignIn}. AWS managed policy documents: ${report.managedPolicyData}.`, ''];
  const h = report.highlights;
  lines.push('## Highlights', '');
  lines.push(`- Administrator-level access: ${h.adminAccess.length === 0 ? 'none' : h.adminAccess.map((entry) => `${entry.account}: ${entry.principals.join(', ')}`).join('; ')}`);
  lines.push(`- Management account: ${h.managementAccess.length === 0 ? 'nobody through Identity Center' : h.managementAccess.map((entry) => `${entry.principal} as ${entry.permissionSet}`).join('; ')}`);
  lines.push(`- Users with direct access (not through a group): ${h.directUserAccess.length === 0 ? 'none' : h.directUserAccess.map((entry) => `${entry.user} → ${entry.account} as ${entry.permissionSet}`).join('; ')}`);
  lines.push(`- Break-glass IAM users: ${h.breakGlassUsers.length === 0 ? 'none' : h.breakGlassUsers.map((entry) => `${entry.user} in ${entry.account}${entry.groups.length > 0 ? ` (${entry.groups.join(', ')})` : ''}`).join('; ')}`);
  lines.push(`- Principals with no access: ${h.noAccess.length === 0 ? 'none' : h.noAccess.map((entry) => `${entry.type === 'GROUP' ? 'group' : 'user'} ${entry.principal}`).join(', ')}`);
  lines.push(`- Accounts nobody can reach: ${h.unreachableAccounts.length === 0 ? 'none' : h.unreachableAccounts.join(', ')}`, '');

  const grants = temporaryGrants(report);
  lines.push('## Temporary grants', '');
  if (grants.length === 0) lines.push('None: every grant is open-ended.', '');
  else {
    lines.push('| Account | Who | Permission set | Granted | Reason |', '|---|---|---|---|---|');
    for (const grant of grants) lines.push(`| ${cell(grant.account)} | ${cell(grant.who)} | ${cell(grant.permissionSet)} | ${expiryWords(grant.expires)} | ${cell(grant.reason)} |`);
    lines.push('');
  }
  const { expired } = report;
  lines.push('## Expired (removed by this synth)', '');
  if (expired.length === 0) lines.push('None.', '');
  else {
    lines.push('These grants are in the config but their `expires:` has passed: no stack holds them, and a plan deletes them where they were applied.', '');
    for (const grant of expired) lines.push(`- ${expiredWords(grant)}`);
    lines.push('');
  }

  lines.push('## By account', '');
  let ou: string | undefined;
  for (const account of report.accounts) {
    if (account.ouPath !== ou) {
      ou = account.ouPath;
      lines.push(`### OU ${ou === '' ? '(root)' : ou}`, '');
    }
    lines.push(`#### ${account.key}: ${account.name}${account.id ? ` (${account.id})` : ''}${account.management ? ' — management account' : ''}${account.closed ? ' — closed' : ''}`, '');
    if (account.management) lines.push('SCPs do not apply to the management account.', '');
    else if (account.serviceControlPolicies.length > 0) {
      lines.push('SCPs that apply:');
      for (const scp of account.serviceControlPolicies) lines.push(`- ${scp.name} (attached to ${scp.attachedTo}): ${scp.denies.length === 0 ? 'no Deny' : scp.denies.map(denyWords).join('; ')}`);
      lines.push('');
    }
    if (account.access.length === 0) {
      lines.push('Nobody can reach this account through Identity Center.', '');
      continue;
    }
    lines.push('| Person | Through | Permission set | Session | MFA at sign-in | Effective access | Temporary |', '|---|---|---|---|---|---|---|');
    for (const row of account.access) {
      lines.push(`| ${cell(who(row))} | ${cell(via(row))} | ${cell(row.permissionSet)} | ${row.sessionDuration ?? ''} | ${row.mfaAtSignIn} | ${cell(row.effectiveAccess)}${row.adminLevel ? ' (admin-level)' : ''} | ${cell(temporary(row))} |`);
    }
    lines.push('');
  }

  lines.push('## By person', '');
  for (const person of report.people) {
    const groups = person.groups.map((group) => `${group.name}${group.idpManaged ? ' (members managed in the IdP)' : ''}`);
    lines.push(`### ${person.userName}${person.kind === 'existing' ? ' (existing user)' : ''}`, '', `Groups: ${groups.length === 0 ? 'none' : groups.join(', ')}`, '');
    if (person.access.length === 0) {
      lines.push('Reaches no account.', '');
      continue;
    }
    lines.push('| Account | Permission set | Through | Temporary |', '|---|---|---|---|');
    for (const entry of person.access) lines.push(`| ${cell(entry.account)} | ${cell(entry.permissionSet)} | ${cell(entry.group === undefined ? 'directly' : `group ${entry.group}`)} | ${cell(temporary(entry))} |`);
    lines.push('');
  }
  const idpGroups = report.groups.filter((group) => group.idpManaged);
  if (idpGroups.length > 0) lines.push(`Groups whose members are managed in the IdP (the people above are only those the config names): ${idpGroups.map((group) => group.name).join(', ')}`, '');

  lines.push('## By permission set', '');
  for (const set of report.permissionSets) {
    lines.push(`### ${set.name}: ${set.effectiveAccess.summary}${set.adminLevel ? ' (admin-level)' : ''}`, '');
    if (set.description) lines.push(set.description, '');
    if (set.kind === 'existing') lines.push('An existing permission set: its policies are managed outside this config.', '');
    else {
      lines.push(`- Session: ${set.sessionDuration}`);
      if (set.managedPolicies.length > 0) lines.push(`- AWS managed policies: ${set.managedPolicies.join(', ')}`);
      if (set.customerManagedPolicies.length > 0) lines.push(`- Customer managed policies: ${set.customerManagedPolicies.join(', ')}`);
      if (set.inlinePolicy) lines.push('- Inline policy');
      if (set.permissionsBoundary) lines.push(`- Permissions boundary: ${set.permissionsBoundary}`);
      const partial = set.effectiveAccess.services.filter((service) => ACCESS_LEVELS.some((level) => service.levels[level] !== 'all'));
      if (set.effectiveAccess.otherServices) lines.push('- Every service not listed below: every action');
      const shown = set.effectiveAccess.otherServices ? partial : set.effectiveAccess.services;
      for (const service of shown.slice(0, 40)) lines.push(`- ${serviceWord(service.service)} (${service.service}): ${levelWords(service.levels)}${service.writeActions ? `; writes: ${service.writeActions.join(', ')}` : ''}`);
      if (shown.length > 40) lines.push(`- … and ${shown.length - 40} more services (access.json lists each)`);
      for (const caveat of set.effectiveAccess.caveats) lines.push(`- Note: ${caveat}`);
    }
    lines.push(`- Assigned in: ${set.accounts.length === 0 ? 'no account' : set.accounts.join(', ')}`, '');
  }
  return lines.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * One page, everything inline. Without JavaScript every table reads as is; with it, the filter box
 * hides the rows (and account sections) whose text does not contain what is typed.
 */
export function accessHtml(report: AccessReport): string {
  const e = escapeHtml;
  const parts: string[] = [];
  const h = report.highlights;
  const item = (label: string, values: readonly string[]): string => `<li><strong>${e(label)}:</strong> ${values.length === 0 ? 'none' : values.map(e).join('; ')}</li>`;
  parts.push('<section id="highlights"><h2>Highlights</h2><ul>');
  parts.push(item('Administrator-level access', h.adminAccess.map((entry) => `${entry.account}: ${entry.principals.join(', ')}`)));
  parts.push(item('Management account', h.managementAccess.map((entry) => `${entry.principal} as ${entry.permissionSet}`)));
  parts.push(item('Users with direct access', h.directUserAccess.map((entry) => `${entry.user} → ${entry.account} as ${entry.permissionSet}`)));
  parts.push(item('Break-glass IAM users', h.breakGlassUsers.map((entry) => `${entry.user} in ${entry.account}`)));
  parts.push(item('Principals with no access', h.noAccess.map((entry) => `${entry.type === 'GROUP' ? 'group' : 'user'} ${entry.principal}`)));
  parts.push(item('Accounts nobody can reach', h.unreachableAccounts));
  parts.push('</ul></section>');

  const grants = temporaryGrants(report);
  parts.push('<section id="temporary"><h2>Temporary grants</h2>');
  if (grants.length === 0) parts.push('<p>None: every grant is open-ended.</p>');
  else {
    parts.push('<table class="filterable"><thead><tr><th>Account</th><th>Who</th><th>Permission set</th><th>Granted</th><th>Reason</th></tr></thead><tbody>');
    for (const grant of grants) parts.push(`<tr><td>${e(grant.account)}</td><td>${e(grant.who)}</td><td>${e(grant.permissionSet)}</td><td>${e(expiryWords(grant.expires))}</td><td>${e(grant.reason ?? '')}</td></tr>`);
    parts.push('</tbody></table>');
  }
  parts.push('</section>');
  const { expired } = report;
  parts.push('<section id="expired"><h2>Expired (removed by this synth)</h2>');
  parts.push(expired.length === 0 ? '<p>None.</p>' : `<ul>${expired.map((grant) => `<li>${e(expiredWords(grant))}</li>`).join('')}</ul>`);
  parts.push('</section>');

  parts.push('<section id="accounts"><h2>By account</h2><table class="filterable"><thead><tr><th>OU</th><th>Account</th><th>Person</th><th>Through</th><th>Permission set</th><th>Session</th><th>MFA at sign-in</th><th>Effective access</th><th>SCPs</th><th>Temporary</th></tr></thead><tbody>');
  for (const account of report.accounts) {
    const scps = account.management ? 'none apply (management account)' : account.serviceControlPolicies.map((scp) => `${scp.name} (${scp.attachedTo})`).join(', ');
    const label = `${account.key}${account.management ? ' (management account)' : ''}`;
    if (account.access.length === 0) parts.push(`<tr class="nobody"><td>${e(account.ouPath || '(root)')}</td><td>${e(label)}</td><td colspan="6">nobody</td><td>${e(scps)}</td><td></td></tr>`);
    for (const row of account.access) {
      parts.push(`<tr${row.adminLevel ? ' class="admin"' : ''}><td>${e(account.ouPath || '(root)')}</td><td>${e(label)}</td><td>${e(who(row))}</td><td>${e(via(row))}</td><td>${e(row.permissionSet)}</td><td>${e(row.sessionDuration ?? '')}</td><td>${e(row.mfaAtSignIn)}</td><td>${e(row.effectiveAccess)}</td><td>${e(scps)}</td><td>${e(temporary(row))}</td></tr>`);
    }
  }
  parts.push('</tbody></table></section>');

  // What each SCP denies, once (the account table names the SCPs that apply to each account).
  const scps = new Map(report.accounts.flatMap((account) => account.serviceControlPolicies.map((scp) => [scp.name, scp] as const)));
  if (scps.size > 0) {
    parts.push('<section id="scps"><h2>Service control policies</h2><ul>');
    for (const scp of scps.values()) parts.push(`<li><strong>${e(scp.name)}</strong>: ${scp.denies.length === 0 ? 'no Deny' : e(scp.denies.map(denyWords).join('; '))}</li>`);
    parts.push('</ul></section>');
  }

  parts.push('<section id="people"><h2>By person</h2><table class="filterable"><thead><tr><th>Person</th><th>Groups</th><th>Account</th><th>Permission set</th><th>Through</th><th>Temporary</th></tr></thead><tbody>');
  for (const person of report.people) {
    const groups = person.groups.map((group) => `${group.name}${group.idpManaged ? ' (members managed in the IdP)' : ''}`).join(', ');
    if (person.access.length === 0) parts.push(`<tr><td>${e(person.userName)}</td><td>${e(groups)}</td><td colspan="4">no access</td></tr>`);
    for (const entry of person.access) parts.push(`<tr><td>${e(person.userName)}</td><td>${e(groups)}</td><td>${e(entry.account)}</td><td>${e(entry.permissionSet)}</td><td>${e(entry.group === undefined ? 'directly' : `group ${entry.group}`)}</td><td>${e(temporary(entry))}</td></tr>`);
  }
  parts.push('</tbody></table></section>');

  parts.push('<section id="sets"><h2>By permission set</h2><table class="filterable"><thead><tr><th>Permission set</th><th>Effective access</th><th>Policies</th><th>Boundary</th><th>Accounts</th></tr></thead><tbody>');
  for (const set of report.permissionSets) {
    const policies = [...set.managedPolicies, ...set.customerManagedPolicies, ...(set.inlinePolicy ? ['inline policy'] : [])].join(', ');
    parts.push(`<tr${set.adminLevel ? ' class="admin"' : ''}><td>${e(set.name)}</td><td>${e(set.effectiveAccess.summary)}</td><td>${e(policies)}</td><td>${e(set.permissionsBoundary ?? '')}</td><td>${e(set.accounts.join(', '))}</td></tr>`);
  }
  parts.push('</tbody></table></section>');

  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Access in ${e(report.environment)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1b1f23;background:#fff}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f3f6}tr.admin td{background:#fff4e5}tr.nobody td{color:#8c959f}
#filter{font-size:1rem;padding:.4rem;width:24rem;max-width:100%}
.hidden{display:none}
</style></head>
<body>
<h1>Access in ${e(report.environment)}</h1>
<p>Who can reach which account, with what: from ${e(report.source)}. MFA at sign-in: ${e(report.mfaAtSignIn)}. Rows shaded are administrator-level.</p>
<p><label for="filter">Filter (person, account, permission set): </label><input id="filter" type="search" placeholder="e.g. alice, payments-prod, Admin" autocomplete="off"> <span id="shown"></span></p>
${parts.join('\n')}
<script>
(function () {
  var box = document.getElementById('filter');
  var shown = document.getElementById('shown');
  var rows = Array.prototype.slice.call(document.querySelectorAll('table.filterable tbody tr'));
  function apply() {
    var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      row.classList.toggle('hidden', !match);
      if (match) count++;
    });
    shown.textContent = words.length ? count + ' of ' + rows.length + ' rows' : '';
  }
  box.addEventListener('input', apply);
})();
</script>
</body></html>
`;
}
