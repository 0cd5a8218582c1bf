import '@testing-library/jest-dom';
import { configure } from '@testing-library/angular';
import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv();

// findBy…/waitFor give up after 1 s by default. With both cores busy (two Jest workers, the mock
// server's suites spawning servers), a dialog can take longer than that to open, and a journey that
// is right fails. The per-test limit (jest.config.mjs) still bounds a test that waits forever.
configure({ dom: { asyncUtilTimeout: 5000 } });
