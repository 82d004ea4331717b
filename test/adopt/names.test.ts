import { iamNameDistinguisher, uniqueKeys } from '../../adopt/names';
import { addressName } from '../../model/address';

describe('keys adoption writes', () => {
  test('a name no other shares keeps its key as it is', () => {
    expect(uniqueKeys([{ id: 'a1', preferred: 'Admins' }, { id: 'b2', preferred: 'Readers' }], addressName)).toEqual(new Map([['a1', 'Admins'], ['b2', 'Readers']]));
  });

  test('two names that become one Terraform name both get a key ending in their own ID', () => {
    const keys = uniqueKeys([{ id: 'g-0003', preferred: 'Platform Admins' }, { id: 'g-0002', preferred: 'platform.admins' }], addressName);
    expect(keys).toEqual(new Map([['g-0003', 'Platform Admins-0003'], ['g-0002', 'platform.admins-0002']]));
  });

  test('a suffixed key never lands on a key another object already has, and none is dropped', () => {
    const keys = uniqueKeys(
      [{ id: '300000000005', preferred: 'sandbox' }, { id: '300000000004', preferred: 'sandbox' }, { id: '999900000005', preferred: 'sandbox-0005' }],
      addressName,
    );
    expect(keys.size).toBe(3);
    expect(keys.get('999900000005')).toBe('sandbox-0005');
    expect(keys.get('300000000004')).toBe('sandbox-0004');
    expect(keys.get('300000000005')).toBe('sandbox-00000005');
    expect(new Set([...keys.values()].map(addressName)).size).toBe(3);
  });

  test('IDs that end alike still give distinct keys, and a reserved key is never given out', () => {
    const keys = uniqueKeys([{ id: 'x-1', preferred: 'management' }, { id: 'y-1', preferred: 'management' }], addressName, ['management']);
    expect([...keys.values()].sort()).toEqual(['management-x1', 'management-y1']);
  });

  test('the same estate in another order gives the same keys', () => {
    const requests = [{ id: 'u3', preferred: 'ops.bot@x.com' }, { id: 'u4', preferred: 'ops_bot@x.com' }, { id: 'u5', preferred: 'ops-bot@x.com' }];
    expect(uniqueKeys([...requests].reverse(), addressName)).toEqual(uniqueKeys(requests, addressName));
  });
});

describe('IAM names that share a Terraform name', () => {
  test('are told apart by the punctuation each has, in order', () => {
    expect(['ops.bot', 'ops_bot', 'a+b.c', 'a=b,c', 'plain'].map(iamNameDistinguisher)).toEqual(['dot', 'underscore', 'plus-dot', 'equals-comma', 'plain']);
  });

  test('keep their keys whatever else is in the list, and in any order', () => {
    const keysOf = (names: readonly string[]) => uniqueKeys(names.map((name) => ({ id: name, preferred: name, distinguisher: iamNameDistinguisher(name) })), addressName);
    const alone = keysOf(['ops.bot', 'ops_bot']);
    const crowded = keysOf(['zed', 'ops_bot', 'aaa', 'ops.bot', 'ops.bot.x']);
    expect([alone.get('ops.bot'), alone.get('ops_bot')]).toEqual(['ops.bot-dot', 'ops_bot-underscore']);
    expect([crowded.get('ops.bot'), crowded.get('ops_bot')]).toEqual(['ops.bot-dot', 'ops_bot-underscore']);
  });
});
