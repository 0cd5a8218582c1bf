import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { provideTestRuntimeConfig } from '../../testing/runtime-config';
import { LoginPage } from './login-page';

// As when the network drops, or a new deployment removed the chunk, between page and first focus.
jest.mock('./sign-in-form', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

describe('LoginPage, when the form code cannot load', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('says so, keeps what was typed and sends nothing', async () => {
    await render(LoginPage, {
      providers: [
        provideTestRuntimeConfig(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    const user = userEvent.setup();
    const email = screen.getByRole('textbox', { name: 'Email' });

    await user.type(email, 'demo@paradarum.test');
    await user.type(screen.getByLabelText('Password', { selector: 'input' }), 'secret{Enter}');

    const message = 'The sign-in form could not load. Check your connection, then try again.';
    expect(await screen.findByText(message)).toBe(screen.getByRole('alert'));
    expect(email).toHaveValue('demo@paradarum.test');
  });
});
