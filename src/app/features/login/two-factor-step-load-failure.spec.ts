import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { provideTestRuntimeConfig, TEST_API_BASE_URL } from '../../testing/runtime-config';
import { LoginPage } from './login-page';

// As when the network drops, or a new deployment removed the chunk, before the code step.
jest.mock('./two-factor-challenge', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

describe('LoginPage, when the code step cannot load', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('goes back to e-mail and password, saying why', async () => {
    await render(LoginPage, {
      providers: [
        provideTestRuntimeConfig(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'demo@paradarum.test');
    await user.type(screen.getByLabelText('Password', { selector: 'input' }), 'secret{Enter}');

    TestBed.inject(HttpTestingController)
      .expectOne(`${TEST_API_BASE_URL}/Auth/Login`)
      .flush({
        succeeded: true,
        message: '',
        data: { RequiresTwoFactor: true, TwoFactorToken: 'challenge-123' },
      });

    const message = 'The code step could not load. Check your connection, then sign in again.';
    expect(await screen.findByText(message)).toBe(screen.getByRole('alert'));
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    expect(screen.getByLabelText('Password', { selector: 'input' })).toHaveValue('');
  });
});
