/**
 * SDK v3 client settings for tests against the double: its URL as the standard endpoint override, the
 * management account's (or an assumed role's) fake keys, no retries so an error shows at once.
 */
import { DOUBLE_SECRET_ACCESS_KEY, MANAGEMENT_ACCESS_KEY_ID } from './accounts';

export interface DoubleClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  readonly maxAttempts: number;
}

export function doubleClientConfig(url: string, credentials?: { accessKeyId: string; secretAccessKey?: string; sessionToken?: string }, region = 'us-east-1'): DoubleClientConfig {
  return {
    endpoint: url,
    region,
    credentials: {
      accessKeyId: credentials?.accessKeyId ?? MANAGEMENT_ACCESS_KEY_ID,
      secretAccessKey: credentials?.secretAccessKey ?? DOUBLE_SECRET_ACCESS_KEY,
      ...(credentials?.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    },
    maxAttempts: 1,
  };
}
