import presets from 'jest-preset-angular/presets/index.js';

const { createCjsPreset } = presets;

/** Two suites in one run: the panel's specs (jsdom, zoneless Angular) and the mock server's contract. */
export default {
  // The machine's two cores; Jest's default (cores - 1) leaves one idle.
  maxWorkers: 2,
  // A dialog journey typed with user-event takes seconds when the two cores are shared.
  testTimeout: 15000,
  projects: [
    {
      ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
      displayName: 'panel',
      rootDir: '.',
      roots: ['<rootDir>/src'],
      setupFilesAfterEnv: ['<rootDir>/src/setup-jest.ts'],
      // Angular, RxJS and @ngrx ship ES modules only.
      transformIgnorePatterns: ['node_modules/(?!.*\\.mjs$)'],
    },
    '<rootDir>/mock-server/jest.config.mjs',
  ],
};
