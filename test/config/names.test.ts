/**
 * Characters AWS refuses (or a reviewer cannot see) in names and free text, account emails, reserved
 * names and tag prefixes: the bad value and the error with file, line, path and fix.
 */
import { closest } from '../../config/did-you-mean';
import { baselineConfig } from '../helpers/baseline';
import { issues, lineContaining as lineOf, model, onlyIssue as only, withChange } from '../helpers/environment';


describe('IAM Identity Center names and text', () => {
  test('a right-to-left override in a group name is named, with its position, at the name', () => {
    const config = withChange((c) => {
      c.identityCenter.groups = { 'Platform\u202EAdmins': { members: ['jane.doe@example.com'] } };
      c.identityCenter.assignments[0].group = 'Platform\u202EAdmins';
    });
    const found = only(config);
    expect(found).toMatchObject({ file: 'environments/test.yaml', line: lineOf(config, 'Platform'), column: 5, path: ['identityCenter', 'groups', 'Platform\u202EAdmins'] });
    expect(found.message).toBe('group name "Platform\\u{202E}Admins" contains U+202E (right-to-left override) at character 9, which IAM Identity Center does not accept in a group name');
    expect(found.fix).toBe('delete that character (it does not show: retype the text around it)');
  });

  test('a NUL in a display name and a zero-width space in a group description are rejected', () => {
    const found = issues(withChange((c) => {
      c.identityCenter.users['jane.doe@example.com'].displayName = 'Jane\u0000Doe';
      c.identityCenter.groups['Platform Admins'].description = 'On call\u200B';
    }));
    expect(found.map((i) => [i.path, i.message])).toEqual([
      [['identityCenter', 'users', 'jane.doe@example.com', 'displayName'], 'user displayName "Jane\\u{0}Doe" contains U+0000 (NUL) at character 5, which IAM Identity Center does not accept in a user displayName'],
      [['identityCenter', 'groups', 'Platform Admins', 'description'], 'group description "On call\\u{200B}" contains U+200B (zero-width space) at character 8, which IAM Identity Center does not accept in a group description'],
    ]);
  });

  test('a user name with a space is rejected; accented letters, symbols and a no-break space in a display name pass', () => {
    const config = withChange((c) => {
      c.identityCenter.users = { 'jane doe': { displayName: 'Jane\u00A0Doë ☕', givenName: 'Jane', familyName: 'Doë' } };
      c.identityCenter.groups['Platform Admins'].members = ['jane doe'];
    });
    const found = only(config);
    expect(found).toMatchObject({ path: ['identityCenter', 'users', 'jane doe'], line: lineOf(config, 'jane doe:') });
    expect(found.message).toBe('user name "jane doe" contains U+0020 " " at character 5, which IAM Identity Center does not accept in a user name');
    expect(found.fix).toBe("replace it with a character IAM Identity Center accepts, e.g. - for a typographic dash");
  });

  test('Administrator and AWSAdministrators cannot name a created user or group, but an existing one may be assigned', () => {
    const found = only(withChange((c) => (c.identityCenter.groups = { 'Platform Admins': { members: ['jane.doe@example.com'] }, AWSAdministrators: {} })));
    expect(found).toMatchObject({ path: ['identityCenter', 'groups', 'AWSAdministrators'], message: '"AWSAdministrators" is reserved by IAM Identity Center and cannot name a group' });
    expect(() => model(withChange((c) => (c.identityCenter.groups.AWSAdministrators = { existing: true })))).not.toThrow();
  });

  test('a permission set description allows Latin-1 but not a typographic dash', () => {
    const config = withChange((c) => (c.identityCenter.permissionSets = { Auditor: { description: 'Read-only — for audits', managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } }));
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, 'description: Read-only'), path: ['identityCenter', 'permissionSets', 'Auditor', 'description'] });
    expect(found.message).toBe('permission set description "Read-only — for audits" contains U+2014 "—" at character 11, which IAM Identity Center does not accept in a permission set description');
    expect(found.fix).toBe('replace it with a character IAM Identity Center accepts, e.g. - for a typographic dash');
    expect(() => model(withChange((c) => (c.identityCenter.permissionSets = { Auditor: { description: 'Prüfer (read-only), 50 % of the time', managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } })))).not.toThrow();
  });

  test('a relay state outside its character set is rejected', () => {
    const found = only(withChange((c) => (c.identityCenter.permissionSets = { Auditor: { relayState: 'https://console.aws.amazon.com/s3/<home>', managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } })));
    expect(found).toMatchObject({ path: ['identityCenter', 'permissionSets', 'Auditor', 'relayState'] });
    expect(found.message).toBe('relay state URL "https://console.aws.amazon.com/s3/<home>" contains U+003C "<" at character 35, which IAM Identity Center does not accept in a relay state URL');
  });
});

describe('AWS Organizations names', () => {
  test("a created account's name must be printable ASCII; a referenced account keeps its own", () => {
    const config = withChange((c) => {
      c.organization.accounts.prod.name = 'Zürich Prod';
      c.organization.accounts.audit.name = 'Prüfung';
    });
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, 'Zürich'), path: ['organization', 'accounts', 'prod', 'name'] });
    expect(found.message).toBe('account name "Zürich Prod" contains U+00FC "ü" at character 2, which AWS Organizations does not accept in an account name');
  });

  test('an OU name with a control character is rejected, though AWS would take it', () => {
    const config = withChange((c) => {
      c.organization.organizationalUnits['Sand\u0007box'] = {};
    });
    const found = only(config);
    expect(found).toMatchObject({ path: ['organization', 'organizationalUnits', 'Sand\u0007box'] });
    expect(found.message).toBe('OU name "Sand\\u{7}box" contains U+0007 (a control character) at character 5, which is invisible or a control character; AWS would store it, but a reviewer could not see it');
  });
});

describe('account emails', () => {
  test('a 60,000-character email is rejected at once, by length, and the message quotes only its start', () => {
    const email = `a@${'.'.repeat(60_000)}@`;
    const found = only(withChange((c) => (c.organization.accounts.prod.email = email)));
    expect(found.path).toEqual(['organization', 'accounts', 'prod', 'email']);
    expect(found.message).toMatch(/^must be an email address such as aws-prod@example.com: it is 60003 characters long; AWS Organizations takes 6–64; got "a@\.{78}… \(60,003 characters\)"$/);
  });

  test.each([
    ['aws-prod-account-with-a-very-long-local-part-for-testing@example.com', 'it is 68 characters long; AWS Organizations takes 6–64'],
    ['aws(prod)@example.com', 'the part before @ must not contain ('],
    ['.aws-prod@example.com', 'the part before @ must not begin with a dot'],
    ['aws-prod@example_corp.com', 'the domain may hold only letters, digits, "-" and "."; it has "_"'],
    ['aws-prod@-example.com', 'the domain must not begin or end with "-" or "."'],
    ['aws-prod@localhost', 'the part after @ needs a domain with a dot, such as example.com'],
    ['aws@prod@example.com', 'it has more than one @'],
    ['aws-prödd@example.com', '"ö" is not 7-bit printable ASCII'],
  ])('the account email %s is rejected: %s', (email, problem) => {
    const config = withChange((c) => (c.organization.accounts.prod.email = email));
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, email), path: ['organization', 'accounts', 'prod', 'email'] });
    expect(found.message).toContain(`must be an email address such as aws-prod@example.com: ${problem}`);
  });
});

describe('tags', () => {
  test('a tag key with the reserved aws: prefix is rejected, in any case', () => {
    const config = withChange((c) => (c.organization.accounts.prod.tags = { 'AWS:Owner': 'payments' }));
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, 'AWS:Owner'), path: ['organization', 'accounts', 'prod', 'tags', 'AWS:Owner'], fix: 'rename it, e.g. "Owner"' });
    expect(found.message).toBe('tag key "AWS:Owner" starts with aws:, which AWS reserves for its own tags');
  });

  test('a tag value with a bidi isolate is rejected', () => {
    const found = only(withChange((c) => (c.tags = { Owner: 'team\u2066a' })));
    expect(found).toMatchObject({ path: ['tags', 'Owner'] });
    expect(found.message).toContain('U+2066 (left-to-right isolate) at character 5');
  });

  test('SCP tags are checked too', () => {
    const config = withChange((c) => (c.baseline.serviceControlPolicies['deny-root-user'].tags = { 'aws:cloudformation:stack': 'x' }), baselineConfig);
    expect(only(config).path).toEqual(['baseline', 'serviceControlPolicies', 'deny-root-user', 'tags', 'aws:cloudformation:stack']);
  });
});

describe('did you mean', () => {
  test('a very long word gets no suggestion instead of an edit distance over a megabyte', () => {
    expect(closest('x'.repeat(1_000_000), ['xxxx', 'x'.repeat(999_999)])).toBeUndefined();
    expect(closest('GetObjcet', ['GetObject', 'PutObject'])).toBe('GetObject');
  });
});
