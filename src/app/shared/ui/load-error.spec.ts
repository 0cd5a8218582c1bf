import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { LoadError } from './load-error';

describe('LoadError', () => {
  it('says what could not be loaded and why, as an alert', async () => {
    await render(LoadError, {
      inputs: { what: 'Your API keys', reason: 'The Paradarum API cannot be reached.' },
    });

    expect(screen.getByRole('alert')).toHaveTextContent(
      'Your API keys could not be loaded. The Paradarum API cannot be reached.',
    );
  });

  it('offers to try again', async () => {
    const retry = jest.fn();
    await render(LoadError, { inputs: { what: 'The history' }, on: { retry } });

    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));

    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('keeps the alert in place with "Trying again…" while the load runs again', async () => {
    const retry = jest.fn();
    await render(LoadError, {
      inputs: { what: 'Your account', reason: 'Offline.', retrying: true },
      on: { retry },
    });

    const button = screen.getByRole('button', { name: 'Trying again…' });
    await userEvent.setup().click(button);

    expect(screen.getByRole('alert')).toHaveTextContent('Error: Your account could not be loaded.');
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(retry).not.toHaveBeenCalled();
  });
});
