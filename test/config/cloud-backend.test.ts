/**
 * backend: {type: cloud}: the config's checks (file, line, path, message, fix) and what the synth
 * writes for it: one HCP Terraform / Terraform Enterprise workspace per stack.
 */
import { issues, lineContaining as lineOf, model, onlyIssue as only, synth, withChange } from '../helpers/environment';

const cloud = (extra: Record<string, unknown> = {}) => withChange((c) => (c.backend = { type: 'cloud', organization: 'example-corp', workspacePrefix: 'identity-foundation', ...extra }));

describe('the config', () => {
  test('takes an organization and a workspace prefix, the host name optional', () => {
    expect(model(cloud()).backend).toEqual({ type: 'cloud', organization: 'example-corp', workspacePrefix: 'identity-foundation' });
    expect(model(cloud({ hostname: 'tfe.example.com' })).backend).toMatchObject({ hostname: 'tfe.example.com' });
  });

  test.each([
    [{ workspacePrefix: 'identity-foundation-' }, 'workspacePrefix: identity-foundation-', ['backend', 'workspacePrefix'], 'no trailing "-" or "_": the workspace name adds "-" before the stack name'],
    [{ workspacePrefix: 'identity foundation' }, 'workspacePrefix: identity foundation', ['backend', 'workspacePrefix'], 'letters, digits, "-" and "_", starting with a letter or digit'],
    [{ workspacePrefix: 'w'.repeat(41) }, `workspacePrefix: ${'w'.repeat(41)}`, ['backend', 'workspacePrefix'], 'at most 40'],
    [{ organization: 'Example Corp' }, 'organization: Example Corp', ['backend', 'organization'], 'letters, digits, "-" and "_" only'],
    [{ hostname: 'https://tfe.example.com' }, 'hostname: https://tfe.example.com', ['backend', 'hostname'], 'a host name such as tfe.example.com, without https:// or a path'],
  ])('refuses %j, at its line, with a fix', (extra, text, path, message) => {
    const config = cloud(extra);
    const found = only(config);
    expect(found).toMatchObject({ file: 'environments/test.yaml', line: lineOf(config, text), path });
    expect(found.message).toContain(message);
    expect(found.fix).toBeTruthy();
  });

  test('a misspelt key is named, with the right one', () => {
    const config = withChange((c) => (c.backend = { type: 'cloud', organisation: 'example-corp', workspacePrefix: 'identity-foundation' }));
    const found = issues(config).find((candidate) => candidate.path.join('.') === 'backend.organisation')!;
    expect(found).toMatchObject({ line: lineOf(config, 'organisation: example-corp') });
    expect(found.message).toBe('unknown key "organisation" (did you mean "organization"?)');
  });
});

describe('the synth', () => {
  test('every stack gets its own workspace, and reads the others through the remote backend at their default workspace', () => {
    const stacks = synth(cloud({ hostname: 'tfe.example.com' }));
    // The helper names the stacks by kind; environments/test.yaml's stacks are test-<kind>.
    const byName = { 'test-organization': stacks.organization, 'test-identity-center': stacks.identityCenter };
    const names = Object.keys(byName);
    for (const [name, json] of Object.entries(byName)) {
      expect((json.terraform as Record<string, unknown>).cloud).toEqual({ organization: 'example-corp', hostname: 'tfe.example.com', workspaces: { name: `identity-foundation-${name}` } });
      expect((json.terraform as Record<string, unknown>).backend).toBeUndefined();
      for (const remote of Object.values(((json.data ?? {}) as Record<string, Record<string, Record<string, unknown>>>).terraform_remote_state ?? {})) {
        expect(remote.backend).toBe('remote');
        expect(remote).not.toHaveProperty('workspace');
        const workspace = (remote.config as { workspaces: { name: string } }).workspaces.name;
        expect(names.map((other) => `identity-foundation-${other}`)).toContain(workspace);
      }
    }
  });
});
