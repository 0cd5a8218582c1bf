import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { ok } from '../../testing/api-envelope';
import { provideTestRuntimeConfig, TEST_API_BASE_URL } from '../../testing/runtime-config';
import { Dialogs } from '../../shared/ui/dialogs';
import { OverviewPage } from './overview-page';
import { accountDto, daysAgo, keyDto, propertyDto } from './overview.testing';

const DEMO_ACCOUNT = accountDto();
const SECURE_ACCOUNT = { ...DEMO_ACCOUNT, twoFactorEnabled: true, recoveryCodesLeft: 8 };
const IDLE_KEY = keyDto(1, { name: 'CMS purge plugin', createdAt: daysAgo(700), lastUsedAt: null });
const SERVER_ERROR = { status: 500, statusText: 'Internal Server Error' };

type Answer = { body: unknown } | 'fails';

async function renderPage(answers: { account: Answer; keys: Answer; properties: Answer }) {
  await render(OverviewPage, {
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestRuntimeConfig(),
      provideRouter([]),
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const answer = (path: string, with_: Answer) => {
    const request = http.expectOne(`${TEST_API_BASE_URL}/${path}`);
    if (with_ === 'fails') {
      request.flush(null, SERVER_ERROR);
    } else {
      request.flush(ok(with_.body));
    }
  };
  answer('account', answers.account);
  answer('apikey', answers.keys);
  answer('property', answers.properties);
  await screen.findByRole('heading', { level: 1, name: 'Overview' });
  return { http, user: userEvent.setup() };
}

function attentionSection() {
  return screen.getByRole('region', { name: /Needs your attention/ });
}

describe('OverviewPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists what needs attention, each with a link to where it is fixed', async () => {
    await renderPage({
      account: { body: DEMO_ACCOUNT },
      keys: { body: [IDLE_KEY] },
      properties: { body: [] },
    });

    const attention = await screen.findByRole('region', { name: /Needs your attention/ });
    expect(
      within(attention).getByRole('heading', { name: 'Two-factor authentication is off' }),
    ).toBeInTheDocument();
    expect(within(attention).getByRole('link', { name: 'Turn on two-factor' })).toHaveAttribute(
      'href',
      '/account',
    );
    expect(
      within(attention).getByRole('heading', { name: '1 API key looks idle' }),
    ).toBeInTheDocument();
    expect(
      within(attention).getByText(/“CMS purge plugin” has never been used/),
    ).toBeInTheDocument();
    expect(within(attention).getByRole('link', { name: 'Review the idle key' })).toHaveAttribute(
      'href',
      '/api-keys?order=stale-first',
    );
    expect(screen.queryByText('Nothing needs your attention')).toBeNull();
  });

  it('says so plainly when nothing needs attention', async () => {
    await renderPage({
      account: { body: SECURE_ACCOUNT },
      keys: { body: [keyDto(1)] },
      properties: { body: [] },
    });

    const allClear = await screen.findByRole('region', { name: 'Nothing needs your attention' });
    expect(allClear).toHaveTextContent('you have 8 recovery codes');
    expect(screen.queryByRole('region', { name: /Needs your attention/ })).toBeNull();
  });

  it('shows the account figures at a glance, each a link to its page', async () => {
    await renderPage({
      account: { body: DEMO_ACCOUNT },
      keys: { body: [IDLE_KEY, keyDto(2), keyDto(3, { revokedAt: daysAgo(1) })] },
      properties: {
        body: [propertyDto(1, 'Blog', null), propertyDto(2, 'Shop', daysAgo(2))],
      },
    });

    const glance = screen.getByRole('region', { name: 'At a glance' });
    expect(within(glance).getByRole('link', { name: /^Properties 2 Last purge/ })).toHaveAttribute(
      'href',
      '/properties',
    );
    expect(
      within(glance).getByRole('link', { name: /^Active API keys 2 Last used/ }),
    ).toBeInTheDocument();
    expect(
      within(glance).getByRole('link', { name: 'Two-factor Off Password only' }),
    ).toBeInTheDocument();
  });

  it('lists the properties purged most recently, each linking to its page', async () => {
    await renderPage({
      account: { body: DEMO_ACCOUNT },
      keys: { body: [] },
      properties: {
        body: [
          propertyDto(1, 'Blog', daysAgo(3)),
          propertyDto(2, 'Shop', daysAgo(1)),
          propertyDto(3, 'Docs', null),
        ],
      },
    });

    const purged = within(screen.getByRole('region', { name: 'Recently purged' }));
    const links = purged.getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Shop', '/properties/2'],
      ['Blog', '/properties/1'],
    ]);
  });

  it('says what to do when there are no properties or nothing was purged yet', async () => {
    await renderPage({
      account: { body: DEMO_ACCOUNT },
      keys: { body: [] },
      properties: { body: [] },
    });

    expect(screen.getByRole('heading', { name: 'No properties yet' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^Active API keys 0/ })).toBeInTheDocument();
  });

  it('shows what loaded when the account fails, and Try again asks for the account alone', async () => {
    const { http, user } = await renderPage({
      account: 'fails',
      keys: { body: [IDLE_KEY] },
      properties: { body: [propertyDto(1, 'Blog', daysAgo(1))] },
    });

    const alert = within(attentionSection()).getByRole('alert');
    expect(alert).toHaveTextContent('Your account could not be loaded.');
    expect(
      within(attentionSection()).getByRole('heading', { name: '1 API key looks idle' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Blog' })).toBeInTheDocument();

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    http.expectOne(`${TEST_API_BASE_URL}/account`).flush(ok(DEMO_ACCOUNT));
    expect(
      await screen.findByRole('heading', { name: 'Two-factor authentication is off' }),
    ).toBeInTheDocument();
  });

  it('shows what loaded when the keys fail, never claiming that nothing needs attention', async () => {
    await renderPage({
      account: { body: SECURE_ACCOUNT },
      keys: 'fails',
      properties: { body: [] },
    });

    expect(within(attentionSection()).getByRole('alert')).toHaveTextContent(
      'Your API keys could not be loaded.',
    );
    expect(screen.queryByText('Nothing needs your attention')).toBeNull();
    expect(
      screen.getByRole('link', { name: 'Two-factor On 8 recovery codes left' }),
    ).toBeInTheDocument();
  });

  it('shows what needs attention when only the properties fail', async () => {
    await renderPage({
      account: { body: DEMO_ACCOUNT },
      keys: { body: [] },
      properties: 'fails',
    });

    const purged = within(screen.getByRole('region', { name: 'Recently purged' }));
    expect(purged.getByRole('alert')).toHaveTextContent('Your properties could not be loaded.');
    expect(
      screen.getByRole('heading', { name: 'Two-factor authentication is off' }),
    ).toBeInTheDocument();
  });

  it('opens the quick-jump box to find a property', async () => {
    const { user } = await renderPage({
      account: { body: DEMO_ACCOUNT },
      keys: { body: [] },
      properties: { body: [] },
    });
    const open = jest
      .spyOn(TestBed.inject(Dialogs), 'open')
      .mockReturnValue(new Promise(() => undefined));

    await user.click(screen.getByRole('button', { name: 'Find a property' }));

    expect(open).toHaveBeenCalledWith(
      expect.any(Function),
      expect.objectContaining({ ariaLabel: 'Quick jump' }),
    );
    expect(screen.getByRole('link', { name: 'Create an API key' })).toHaveAttribute(
      'href',
      '/api-keys?create=1',
    );
  });
});
