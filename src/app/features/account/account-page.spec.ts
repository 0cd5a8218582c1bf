import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { AccountPage } from './account-page';
import { ACCOUNT_URL, accountResponse, provideAccountTesting } from './account.testing';

describe('AccountPage', () => {
  let http: HttpTestingController;

  async function renderPage(account?: Parameters<typeof accountResponse>[0]): Promise<void> {
    await render(AccountPage, { providers: provideAccountTesting() });
    http = TestBed.inject(HttpTestingController);
    if (account) {
      http.expectOne(ACCOUNT_URL).flush(accountResponse(account));
      await screen.findByRole('heading', { name: 'Profile' });
    }
  }

  afterEach(() => http.verify());

  it('says it is loading until the account arrives', async () => {
    await renderPage();

    expect(screen.getByText('Loading your account…')).toBeInTheDocument();
    http.expectOne(ACCOUNT_URL);
  });

  it('shows name, e-mail and member since', async () => {
    await renderPage({});

    const profile = screen.getByRole('region', { name: 'Profile' });
    expect(profile).toHaveTextContent('Demo Media');
    expect(profile).toHaveTextContent('demo@paradarum.test');
    expect(profile).toHaveTextContent('January 15, 2024');
  });

  it('offers to turn two-factor on when it is off', async () => {
    await renderPage({ twoFactorEnabled: false });

    expect(screen.getByText(/Status:/)).toHaveTextContent('Status: Off');
    expect(screen.getByRole('button', { name: 'Turn on two-factor' })).toBeInTheDocument();
  });

  it('shows the codes left and offers regenerating and turning off when it is on', async () => {
    await renderPage({ twoFactorEnabled: true, recoveryCodesLeft: 7 });

    expect(screen.getByText(/Recovery codes left:/)).toHaveTextContent('Recovery codes left: 7');
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Regenerate recovery codes' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Turn off two-factor' })).toBeInTheDocument();
  });

  it('warns when two or fewer recovery codes remain, with the regenerate action', async () => {
    await renderPage({ twoFactorEnabled: true, recoveryCodesLeft: 2 });

    const warning = screen.getByRole('note');
    expect(warning).toHaveTextContent('Only 2 recovery codes left.');
    expect(screen.getAllByRole('button', { name: 'Regenerate recovery codes' })).toHaveLength(1);
  });

  it('says loading failed and loads again on request', async () => {
    await renderPage();
    http.expectOne(ACCOUNT_URL).flush(null, { status: 500, statusText: 'Server Error' });

    expect(await screen.findByRole('alert')).toHaveTextContent(/could not be loaded/);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    http.expectOne(ACCOUNT_URL).flush(accountResponse());
    expect(await screen.findByRole('heading', { name: 'Profile' })).toBeInTheDocument();
  });
});
