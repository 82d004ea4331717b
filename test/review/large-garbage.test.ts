import { fullCollection, LargeValueGarbage } from '../../review/plan/large-garbage';

const MB = 1024 * 1024;

test('a full collection after each 24 MB of values of 1 MB or more; smaller values never ask', () => {
  let collections = 0;
  const garbage = new LargeValueGarbage(() => () => collections++);
  for (let i = 0; i < 1000; i++) garbage.parsed(MB - 1);
  expect(collections).toBe(0);
  for (let i = 0; i < 23; i++) garbage.parsed(MB);
  expect(collections).toBe(0);
  garbage.parsed(MB);
  expect(collections).toBe(1);
  garbage.parsed(50 * MB);
  expect(collections).toBe(2);
});

test('where V8 refuses the collection, nothing happens and nothing throws', () => {
  const garbage = new LargeValueGarbage(() => undefined);
  expect(() => garbage.parsed(100 * MB)).not.toThrow();
});

test('V8 gives its full collection at run time, and it runs', () => {
  const collect = fullCollection();
  expect(typeof collect).toBe('function');
  expect(() => collect!()).not.toThrow();
});
