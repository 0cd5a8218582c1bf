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
});
