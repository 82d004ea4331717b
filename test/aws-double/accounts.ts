/**
 * Credentials → caller. The double does not verify SigV4 signatures; it reads the access key from the
 * `Authorization` header's `Credential=<key>/<date>/<region>/<service>/aws4_request` scope
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html) and looks up who it
 * belongs to:
 * - `AKIAMANAGEMENT0000001` (any secret) is the management account's administrator;
 * - STS AssumeRole issues `ASIA<12-digit account><4 chars>` keys, remembered with the assumed-role ARN;
 * - any other `AKIA`/`ASIA` key whose characters 5–16 are 12 digits is a caller in that account, so a
 *   test can act as a member account without assuming a role first.
 * Access key ids are 20 characters (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AccessKey.html).
 */
export const MANAGEMENT_ACCESS_KEY_ID = 'AKIAMANAGEMENT0000001';
export const DOUBLE_SECRET_ACCESS_KEY = 'double-secret-access-key';

export interface Principal {
  readonly accountId: string;
  readonly arn: string;
}

export interface CredentialStore {
  /** Who the access key belongs to, or undefined for a key the double never issued. */
  resolve(accessKeyId: string): Principal | undefined;
  /** Issues session credentials for an assumed role (STS AssumeRole). */
  issue(principal: Principal): { accessKeyId: string; secretAccessKey: string; sessionToken: string };
}

export function managementPrincipal(managementAccountId: string): Principal {
  return { accountId: managementAccountId, arn: `arn:aws:iam::${managementAccountId}:user/double-administrator` };
}

export function createCredentialStore(managementAccountId: string): CredentialStore {
  const issued = new Map<string, Principal>();
  let counter = 0;
  return {
    resolve(accessKeyId) {
      if (accessKeyId === MANAGEMENT_ACCESS_KEY_ID) return managementPrincipal(managementAccountId);
      const known = issued.get(accessKeyId);
      if (known) return known;
      const match = /^(AKIA|ASIA)(\d{12})[0-9A-Z]{4}$/.exec(accessKeyId);
      if (!match) return undefined;
      return { accountId: match[2], arn: `arn:aws:iam::${match[2]}:user/double-caller` };
    },
    issue(principal) {
      counter += 1;
      const accessKeyId = `ASIA${principal.accountId}${counter.toString(36).toUpperCase().padStart(4, '0')}`;
      issued.set(accessKeyId, principal);
      return { accessKeyId, secretAccessKey: DOUBLE_SECRET_ACCESS_KEY, sessionToken: `double-session-${accessKeyId}` };
    },
  };
}

/** The access key and the scope's service name from a SigV4 `Authorization` header. */
export function parseAuthorization(header: string | undefined): { accessKeyId?: string; scopeService?: string } {
  if (!header) return {};
  const match = /Credential=([^/,\s]+)\/[^/]*\/[^/]*\/([^/]+)\/aws4_request/.exec(header);
  return match ? { accessKeyId: match[1], scopeService: match[2] } : {};
}
