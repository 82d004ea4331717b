/**
 * The identifiers the Identity Center doubles issue have the formats of the API references
 * (API_InstanceMetadata.html, API_PermissionSet.html, API_GetUserId.html) and stay unique past the
 * first few thousand (an earlier hex rewrite of the world's counter ran out at 4,096).
 */
import { createWorld } from './world';
import { identityCenterOf, PRINCIPAL_ID_PATTERN } from './services/identity-center';

test('the instance, identity store and principal IDs have AWS formats, the store prefix on every principal', () => {
  const center = identityCenterOf(createWorld());
  expect(center.instance.arn).toMatch(/^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/);
  expect(center.instance.identityStoreId).toMatch(/^d-[0-9a-f]{10}$/);
  const id = center.newPrincipalId();
  expect(id).toMatch(PRINCIPAL_ID_PATTERN);
  expect(id.slice(0, 10)).toBe(center.instance.identityStoreId.slice(2));
  expect(center.newUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('ten thousand principal IDs are all different and well formed', () => {
  const center = identityCenterOf(createWorld());
  const ids = Array.from({ length: 10_000 }, () => center.newPrincipalId());
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.filter((id) => !PRINCIPAL_ID_PATTERN.test(id))).toEqual([]);
});

test('two worlds started alike issue the same IDs (deterministic), one world hands out one Identity Center', () => {
  const first = createWorld();
  const second = createWorld();
  expect(identityCenterOf(first).instance.arn).toBe(identityCenterOf(second).instance.arn);
  expect(identityCenterOf(first).newPrincipalId()).toBe(identityCenterOf(second).newPrincipalId());
  expect(identityCenterOf(first)).toBe(identityCenterOf(first));
});
