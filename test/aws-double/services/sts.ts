/**
 * STS in the double: AssumeRole and GetCallerIdentity, the query protocol (Version 2011-06-15).
 *
 * Shapes and errors from the API reference:
 * - https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (RoleArn 20–2048 chars,
 *   RoleSessionName 2–64 of `[\w+=,.@-]`, DurationSeconds 900–43200, default 3600; output Credentials,
 *   AssumedRoleUser {AssumedRoleId `AROA…:<session>`, Arn `arn:aws:sts::<account>:assumed-role/<role>/<session>`});
 * - https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html (UserId, Account, Arn);
 * - https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html (ValidationError 400,
 *   AccessDenied 403).
 * The provider calls both for `provider "aws" { assume_role { … } }` (internal/conns/config.go via
 * aws-sdk-go-base). What the double does not model: the role's trust policy and whether the role
 * exists in the target account's IAM — it checks that the target account exists and is ACTIVE.
 */
import { createHash } from 'node:crypto';

import { AwsServiceError, type ServiceDouble } from '../service';
import type { ServiceFactory } from '../world';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export const stsDouble: ServiceFactory = (world): ServiceDouble => ({
  signingName: 'sts',
  protocol: 'query',
  apiVersion: '2011-06-15',
  operations: {
    AssumeRole(input, caller) {
      const roleArn = String(input.RoleArn ?? '');
      const sessionName = String(input.RoleSessionName ?? '');
      const match = ROLE_ARN.exec(roleArn);
      if (!match) throw new AwsServiceError('ValidationError', `1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must be a valid role ARN`);
      if (!SESSION_NAME.test(sessionName)) {
        throw new AwsServiceError('ValidationError', `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
      }
      const duration = input.DurationSeconds === undefined ? 3600 : Number(input.DurationSeconds);
      if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
        throw new AwsServiceError('ValidationError', `1 validation error detected: Value '${String(input.DurationSeconds)}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`);
      }
      const [, accountId, , roleName] = match;
      const account = world.accounts.get(accountId);
      if (!account || account.status !== 'ACTIVE') {
        throw new AwsServiceError('AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
      }
      const arn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
      const assumedRoleId = userIdOf(arn, accountId);
      const keys = world.credentials.issue({ accountId, arn });
      return {
        Credentials: {
          AccessKeyId: keys.accessKeyId,
          SecretAccessKey: keys.secretAccessKey,
          SessionToken: keys.sessionToken,
          Expiration: new Date(world.now().getTime() + duration * 1000),
        },
        AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn },
        PackedPolicySize: input.Policy === undefined && input.Tags === undefined ? undefined : 6,
      };
    },
    GetCallerIdentity(_input, caller) {
      return { UserId: userIdOf(caller.arn, caller.accountId), Account: caller.accountId, Arn: caller.arn };
    },
  },
});

/**
 * A stable unique id for a principal, as IAM shows them: `AIDA…` for a user, `AROA…:<session>` for an
 * assumed role (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
 */
export function userIdOf(arn: string, accountId: string): string {
  const role = /:assumed-role\/([^/]+)\/(.+)$/.exec(arn);
  const digest = (name: string) => createHash('sha256').update(`${accountId}:${name}`).digest('hex').slice(0, 13).toUpperCase();
  if (role) return `AROA${digest(`role/${role[1]}`)}:${role[2]}`;
  return `AIDA${digest(arn.split(':').pop() ?? arn)}`;
}
