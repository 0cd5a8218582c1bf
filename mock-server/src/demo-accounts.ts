/**
 * The seeded demo sign-ins, documented in mock-server/README.md. Demos, docs and the e2e tests
 * rely on them, so this module imports nothing: the e2e fixtures read it as it is.
 */
export const DEMO_USER = { email: 'demo@paradarum.test', password: 'Paradarum-demo-1' } as const;
export const SECURE_USER = {
  email: 'secure@paradarum.test',
  password: 'Paradarum-secure-1',
  totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  recoveryCodes: [
    'HXQ6F-3GQYB',
    '4PY7C-HK498',
    'F892G-WM5XH',
    '586F5-F3KBW',
    '2HYVX-HN425',
    'CM8GK-HJ2YC',
    'M6YTT-PJFN9',
    'MQV8H-7R76D',
    '2FHH7-VG942',
    'VY8HK-FCK6G',
  ],
} as const;
