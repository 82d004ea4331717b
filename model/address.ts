/**
 * Terraform resource names derived from config names. Addresses are an API: the same name
 * always gives the same address, whatever else the file holds or in which order.
 */

/** `jane.doe@example.com` → `jane_doe_at_example_com`; `Platform Admins` → `platform_admins`. */
export function addressName(name: string): string {
  const safe = name
    .toLowerCase()
    .replace(/@/g, '_at_')
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (safe === '') return 'x';
  // Terraform names start with a letter or an underscore.
  return /^[a-z_]/.test(safe) ? safe : `_${safe}`;
}

/** Parts joined with `__`, which no single part contains: `platform_admins__admin__prod`. */
export function joinAddress(...parts: string[]): string {
  return parts.map(addressName).join('__');
}

/** `admin__administratoraccess`: a set's attachment of an AWS- or customer-managed policy ARN. */
export function managedPolicyAttachmentName(setAddress: string, policyArn: string): string {
  return joinAddress(setAddress, policyArn.split('/').pop()!);
}

/** `auditor__security_auditextras`: a set's reference to a customer-managed policy by path and name. */
export function customerPolicyAttachmentName(setAddress: string, policy: { readonly name: string; readonly path: string }): string {
  return joinAddress(setAddress, `${policy.path}${policy.name}`);
}
