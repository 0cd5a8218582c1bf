/**
 * The mock server's contract tests. The sources are ESM run by Node's type stripping; Jest runs
 * CommonJS, so ts-jest transpiles them.
 */
export default {
  displayName: 'mock-server',
  rootDir: import.meta.dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/testing/**/*.spec.ts'],
  transform: {
    '^.+\\.(ts|js)$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // jose, cookie (used by Fastify's inject), content-disposition (@fastify/static) and
  // oidc-provider ship ES modules only.
  transformIgnorePatterns: ['node_modules/(?!(jose|cookie|content-disposition|oidc-provider)/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.ts$': '$1' },
};
