import { plural } from './plural';

const urls = { one: 'URL', other: 'URLs' };

describe('plural', () => {
  it.each([
    [0, '0 URLs'],
    [1, '1 URL'],
    [2, '2 URLs'],
    [100, '100 URLs'],
  ])('words %i as %j', (count, expected) => {
    expect(plural(count, urls)).toBe(expected);
  });

  it('writes the count as the caller formats it', () => {
    expect(plural(5003, urls, '5,003')).toBe('5,003 URLs');
  });
});
