// @ts-check
import eslint from '@eslint/js';
import angular from 'angular-eslint';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-*/',
      '.angular/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'mock-server/data/',
      'e2e/.tmp/',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [
      eslint.configs.recommended,
      ...tseslint.configs.recommended,
      ...tseslint.configs.stylistic,
    ],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'pdm', style: 'camelCase' },
      ],
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'pdm', style: 'kebab-case' },
      ],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
      '@angular-eslint/prefer-signals': 'error',
    },
  },
  {
    // The architecture of conventions.md as errors. A feature folder is one element, so its own
    // files import each other freely; importing another feature is a dependency between two
    // elements of type "feature", which no policy allows. The app root (main.ts, app.ts,
    // app.config.ts, app.routes.ts) is deliberately no element: it composes everything, and
    // app.routes.ts must lazily import the features. Keeping it out of core/ is what lets core
    // be forbidden to import features at all.
    files: ['src/**/*.ts', 'mock-server/**/*.ts', 'e2e/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.mjs', '.js'] } },
      'boundaries/include': ['src/**/*.ts', 'mock-server/**/*.ts', 'e2e/**/*.ts'],
      'boundaries/elements': [
        { type: 'core', pattern: 'src/app/core' },
        { type: 'feature', pattern: 'src/app/features/*', capture: ['name'] },
        { type: 'shared', pattern: 'src/app/shared' },
        { type: 'testing', pattern: 'src/app/testing' },
        // Before mock-server, which would otherwise claim it: the one launcher both test runners use.
        { type: 'mock-launcher', pattern: 'mock-server/testing' },
        { type: 'mock-server', pattern: 'mock-server' },
        { type: 'e2e', pattern: 'e2e' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            {
              from: { element: { type: 'app' } },
              allow: {
                to: { element: { types: { anyOf: ['app', 'core', 'feature', 'shared'] } } },
              },
            },
            {
              from: { element: { type: 'core' } },
              allow: { to: { element: { types: { anyOf: ['core', 'shared', 'testing'] } } } },
            },
            {
              from: { element: { type: 'feature' } },
              allow: { to: { element: { types: { anyOf: ['core', 'shared', 'testing'] } } } },
            },
            {
              from: { element: { type: 'shared' } },
              allow: { to: { element: { types: { anyOf: ['shared', 'testing'] } } } },
            },
            {
              // Specs that run the panel's snippets against the real mock API start it as e2e does.
              from: { element: { type: 'testing' } },
              allow: {
                to: {
                  element: { types: { anyOf: ['core', 'shared', 'testing', 'mock-launcher'] } },
                },
              },
            },
            {
              from: { element: { type: 'mock-server' } },
              allow: { to: { element: { type: 'mock-server' } } },
            },
            {
              // The journeys sign in as the mock's demo accounts.
              from: { element: { type: 'e2e' } },
              allow: {
                to: { element: { types: { anyOf: ['e2e', 'mock-server', 'mock-launcher'] } } },
              },
            },
          ],
        },
      ],
    },
  },
  {
    // The sign-in page is what every visitor loads first: its form code and the two-factor step
    // arrive on demand (import()), so a static import here would add ~18 kB brotli to it.
    files: ['src/app/features/login/login-page.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        ...[
          '@angular/forms',
          '@angular/forms/signals',
          './sign-in-form',
          './two-factor-challenge',
        ].map((name) => ({
          name,
          allowTypeImports: true,
          message: 'Load it with import() when it is needed: the sign-in page must stay light.',
        })),
      ],
    },
  },
  {
    files: ['src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
    rules: {
      '@angular-eslint/template/prefer-control-flow': 'error',
      '@angular-eslint/template/prefer-self-closing-tags': 'error',
    },
  },
  {
    files: ['mock-server/**/*.ts', 'scripts/**/*.mjs', 'e2e/**/*.ts', '*.mjs', '*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly' },
    },
  },
);
