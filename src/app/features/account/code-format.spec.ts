import { compactSharedKey, formatSharedKey, recoveryCodesFile } from './code-format';

describe('formatSharedKey', () => {
  it('writes the key in upper-case groups of four', () => {
    expect(formatSharedKey('jbswy3dpehpk3pxp')).toBe('JBSW Y3DP EHPK 3PXP');
  });

  it('regroups a key that arrives already grouped, and leaves a short last group', () => {
    expect(formatSharedKey('jbsw y3dp ehpk 3pxp jb')).toBe('JBSW Y3DP EHPK 3PXP JB');
  });
});

describe('compactSharedKey', () => {
  it('drops the grouping spaces for pasting into an app', () => {
    expect(compactSharedKey('jbsw y3dp ehpk 3pxp')).toBe('JBSWY3DPEHPK3PXP');
  });
});

describe('recoveryCodesFile', () => {
  it('names the account and the date, then lists one code per line', () => {
    const text = recoveryCodesFile(
      ['BCDFG-HJKMN', 'PQRTV-WXY23'],
      'demo@paradarum.test',
      new Date('2025-03-04T05:06:07Z'),
    );

    const lines = text.split('\n');
    expect(lines).toContain('Account: demo@paradarum.test');
    expect(lines).toContain('Created: 2025-03-04T05:06:07.000Z');
    expect(lines.slice(-3)).toEqual(['BCDFG-HJKMN', 'PQRTV-WXY23', '']);
  });
});
