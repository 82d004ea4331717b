/** Environment configs with a `baseline:` section for tests, and policy files written where a test needs them. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseConfig, type Yamlish } from './environment';

/**
 * The base test config plus a baseline: the management account and the created `prod` account,
 * one IAM user with a PGP key, the bundled SCPs (paths relative to environments/test.yaml).
 */
export function baselineConfig(): Yamlish {
  const config = baseConfig();
  config.baseline = {
    accounts: {
      management: { alias: 'example-test-management' },
      prod: { alias: 'example-test-prod' },
    },
    securityContact: { name: 'Security Operations', title: 'Security on-call', email: 'security@example.com', phone: '+44 20 7946 0000' },
    pgpKey: 'keybase:example_sec',
    iamUsers: {
      'IAM-Administrator': { tags: { Owner: 'jane.doe@example.com' } },
    },
    serviceControlPolicies: {
      'deny-root-user': { file: '../policies/scp/deny-root-user.json', targets: ['root'] },
      'protect-identity-baseline': { file: '../policies/scp/protect-identity-baseline.json', targets: ['Workloads', 'Workloads/Prod'] },
    },
  };
  return config;
}

/** The baseline section of a config, to change in a test. */
export function baselineOf(config: Yamlish): any {
  return config.baseline;
}

/** Writes a policy file into a fresh temporary directory and returns its absolute path. */
export function policyFile(content: unknown, name = 'policy.json'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'scp-')), name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** A denying statement of an SCP. */
export function scp(...statements: unknown[]): unknown {
  return { Version: '2012-10-17', Statement: statements };
}
