import { Clipboard } from '@angular/cdk/clipboard';
import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { RecoveryCodes } from './recovery-codes';
import { TEST_RECOVERY_CODES } from './account.testing';

describe('RecoveryCodes', () => {
  async function renderCodes() {
    const storedChange = jest.fn();
    const copy = jest.fn().mockReturnValue(true);
    await render(RecoveryCodes, {
      inputs: { codes: TEST_RECOVERY_CODES, email: 'demo@paradarum.test' },
      on: { stored: storedChange },
      providers: [{ provide: Clipboard, useValue: { copy } }],
    });
    return { storedChange, copy };
  }

  function readText(blob: Blob): Promise<string> {
    return new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(blob);
    });
  }

  afterEach(() => jest.restoreAllMocks());

  it('lists every code', async () => {
    await renderCodes();

    const list = screen.getByRole('list', { name: 'Recovery codes' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(10);
  });

  it('copies all codes, one per line', async () => {
    const { copy } = await renderCodes();

    await userEvent.click(screen.getByRole('button', { name: 'Copy all codes' }));

    expect(copy).toHaveBeenCalledWith(TEST_RECOVERY_CODES.join('\n'));
  });

  it('downloads the codes as a text file', async () => {
    await renderCodes();
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:codes');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toBe('paradarum-recovery-codes.txt');
      expect(this.href).toBe('blob:codes');
    });

    await userEvent.click(screen.getByRole('button', { name: 'Download .txt' }));

    expect(click).toHaveBeenCalledTimes(1);
    const text = await readText(createObjectURL.mock.calls[0][0]);
    expect(text).toContain(TEST_RECOVERY_CODES.join('\n'));
  });

  it('prints through the browser', async () => {
    await renderCodes();
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);

    await userEvent.click(screen.getByRole('button', { name: 'Print' }));

    expect(print).toHaveBeenCalledTimes(1);
  });

  it('reports when the user says the codes are stored', async () => {
    const { storedChange } = await renderCodes();

    await userEvent.click(screen.getByRole('checkbox', { name: 'I have stored these codes' }));

    expect(storedChange).toHaveBeenCalledWith(true);
  });

  it('asks the browser to confirm before the tab, and the only copy, is closed', async () => {
    await renderCodes();
    const leaving = new Event('beforeunload', { cancelable: true });

    window.dispatchEvent(leaving);

    expect(leaving.defaultPrevented).toBe(true);
  });
});
