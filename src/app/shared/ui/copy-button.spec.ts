import { Clipboard } from '@angular/cdk/clipboard';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { CopyButton } from './copy-button';

async function renderCopyButton(clipboardWorks: boolean, inputs: Record<string, unknown> = {}) {
  const copy = jest.fn().mockReturnValue(clipboardWorks);
  const copied = jest.fn();
  await render(CopyButton, {
    inputs: { text: 'pdm_secret', label: 'Copy key', ...inputs },
    on: { copied },
    providers: [{ provide: Clipboard, useValue: { copy } }],
  });
  return { copy, copied };
}

describe('CopyButton', () => {
  it('puts the text on the clipboard', async () => {
    const { copy } = await renderCopyButton(true);

    await userEvent.click(screen.getByRole('button', { name: 'Copy key' }));

    expect(copy).toHaveBeenCalledWith('pdm_secret');
  });

  it('announces "Copied" and emits true when the browser copies', async () => {
    const { copied } = await renderCopyButton(true);

    await userEvent.click(screen.getByRole('button', { name: 'Copy key' }));

    expect(screen.getByRole('status')).toHaveTextContent('Copied');
    expect(copied).toHaveBeenCalledWith(true);
  });

  it('says the failure as an error (alert, hidden "Error:") and emits false when the browser refuses', async () => {
    const { copied } = await renderCopyButton(false);

    await userEvent.click(screen.getByRole('button', { name: 'Copy key' }));

    expect(screen.getByRole('alert')).toHaveTextContent(
      'Error: Copy failed: select the text and copy it by hand',
    );
    expect(screen.getByText('Error:')).toHaveClass('visually-hidden');
    expect(screen.getByRole('status').textContent).toBe('');
    expect(copied).toHaveBeenCalledWith(false);
  });

  it('offers no Try again after a failure: copying by hand is the way on', async () => {
    await renderCopyButton(false);

    await userEvent.click(screen.getByRole('button', { name: 'Copy key' }));

    expect(screen.getAllByRole('button').map((button) => button.textContent?.trim())).toEqual([
      'Copy key',
    ]);
  });

  it('uses the host wording for a failure when given', async () => {
    await renderCopyButton(false, {
      failedMessage: 'Copy failed: select the key and copy it by hand',
    });

    await userEvent.click(screen.getByRole('button', { name: 'Copy key' }));

    expect(screen.getByRole('alert')).toHaveTextContent(
      'Copy failed: select the key and copy it by hand',
    );
  });

  it('keeps the live region in place before anything happened, so the first result is announced', async () => {
    await renderCopyButton(true);

    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('clears "Copied" after a few seconds', async () => {
    jest.useFakeTimers();
    try {
      const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
      await renderCopyButton(true);
      await user.click(screen.getByRole('button', { name: 'Copy key' }));

      jest.advanceTimersByTime(5000);
      await Promise.resolve();

      expect(screen.getByRole('status').textContent).toBe('');
    } finally {
      jest.useRealTimers();
    }
  });
});
