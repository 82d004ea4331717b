/**
 * Checks across environment files. Each environment is its own set of Terraform states, so two of
 * them must not create one account (AWS takes an email address once: the second create fails, or
 * worse, both states think they own it), and two must not manage one organization (one management
 * account) unless both files say so — the usual way this happens is copying dev.yaml to
 * staging.yaml unedited.
 */
import type { ConfigPath, LocatedIssue } from './issues';
import type { Position } from './locate';
import type { EnvironmentConfig } from './schema';

export interface LoadedEnvironment {
  readonly name: string;
  readonly file: string;
  readonly config: EnvironmentConfig;
  readonly locate: (path: ConfigPath) => Position;
}

export function checkAcrossEnvironments(environments: readonly LoadedEnvironment[]): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  const at = (env: LoadedEnvironment, path: ConfigPath, message: string, fix: string): LocatedIssue => ({ file: env.file, ...env.locate(path), path, message, fix });

  const emails = new Map<string, { env: LoadedEnvironment; key: string }>();
  const managements = new Map<string, { env: LoadedEnvironment; key: string }>();
  for (const env of environments) {
    for (const [key, account] of Object.entries(env.config.organization.accounts)) {
      if (account.email !== undefined && account.id === undefined) {
        const email = account.email.toLowerCase();
        const first = emails.get(email);
        if (first && first.env !== env) {
          issues.push(at(env, ['organization', 'accounts', key, 'email'], `environment "${first.env.name}" (${first.env.file}) already creates an account with the email ${account.email} (organization.accounts.${first.key}); an email address belongs to one AWS account`, `create the account in one environment only: here, reference it with id: "<12 digits>" instead of email, or give it another email`));
        } else if (!first) {
          emails.set(email, { env, key });
        }
      }
      if (account.management && account.id !== undefined) {
        const first = managements.get(account.id);
        if (first && first.env !== env) {
          const agreed = env.config.organization.sharesManagementAccountWith.includes(first.env.name) || first.env.config.organization.sharesManagementAccountWith.includes(env.name);
          if (!agreed) {
            issues.push(at(env, ['organization', 'accounts', key, 'id'], `environment "${first.env.name}" (${first.env.file}) also names ${account.id} as its management account: two environments would manage one organization from two Terraform states`, `use the management account of this environment's own organization; or, if both really manage one organization, add sharesManagementAccountWith: [${first.env.name}] under organization`));
          }
        } else if (!first) {
          managements.set(account.id, { env, key });
        }
      }
    }
  }
  return issues;
}
