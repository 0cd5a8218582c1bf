import '@testing-library/jest-dom';
import { configure } from '@testing-library/dom';
import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv();

// findBy…/waitFor give up after 1 s by default. With both cores busy (two Jest workers, the mock
// server's suites spawning servers), a dialog can take longer than that to open, and a journey that
// is right fails. The per-test limit (jest.config.mjs) still bounds a test that waits forever.
// Set on Testing Library's DOM layer itself, so specs that never call render() get it too.
configure({ asyncUtilTimeout: 5000 });
