import { firstInOrder, parseSort } from './property-order';

describe('firstInOrder', () => {
  const byNumber = (a: { n: number }, b: { n: number }) => a.n - b.n;

  it('gives what a full sort gives, ties in input order', () => {
    const items = Array.from({ length: 400 }, (_, i) => ({ n: (i * 7919) % 97, at: i }));

    for (const count of [0, 1, 50, 399, 400, 500]) {
      expect(firstInOrder(items, count, byNumber)).toEqual(
        [...items].sort(byNumber).slice(0, count),
      );
    }
  });
});

describe('parseSort', () => {
  it('reads the orders the list offers and takes anything else as by name', () => {
    expect(['hostname', 'last-purge', 'name', 'size', undefined].map(parseSort)).toEqual([
      'hostname',
      'last-purge',
      'name',
      'name',
      'name',
    ]);
  });
});
