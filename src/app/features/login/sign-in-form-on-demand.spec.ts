import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { provideTestRuntimeConfig } from '../../testing/runtime-config';
import { LoginPage } from './login-page';

// Counts loads of the form's module, which must wait for the visitor: it brings @angular/forms.
const mockFormModuleLoads = jest.fn();
jest.mock('./sign-in-form', () => {
  mockFormModuleLoads();
  return jest.requireActual('./sign-in-form');
});

describe('LoginPage, before anyone touches the form', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the page without the form code and loads it on the first focus', async () => {
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

    expect(mockFormModuleLoads).not.toHaveBeenCalled();

    await user.click(email);
    await user.tab();

    expect(mockFormModuleLoads).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Enter your email address.')).toBeVisible();
  });
});
