import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { BulkProgress, BulkProgressItem } from './bulk-progress';

const noun = { one: 'key', other: 'keys' };

function item(id: number, result: BulkProgressItem['result']): BulkProgressItem {
  return { id, label: `Key ${id}`, result };
}

const gone = { kind: 'failed', message: 'This key no longer exists.', gone: true } as const;
const refused = { kind: 'failed', message: 'Something went wrong on our side.' } as const;

async function renderProgress(items: readonly BulkProgressItem[]) {
  const retry = jest.fn();
  const reload = jest.fn();
  await render(BulkProgress, {
    inputs: { heading: 'Revoking 4 keys', verb: 'revoked', noun, items },
    on: { retry, reload },
  });
  return { retry, reload };
}

describe('BulkProgress', () => {
  it('says the failures once finished, as an alert with a hidden "Error:" prefix', async () => {
    await renderProgress([item(1, { kind: 'succeeded' }), item(2, refused), item(3, gone)]);

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Error: 1 key could not be revoked. 1 key no longer exists.');
    expect(screen.getByText('Error:')).toHaveClass('visually-hidden');
  });

  it('says nothing in an alert while items are still pending', async () => {
    await renderProgress([item(1, refused), item(2, { kind: 'pending' })]);

    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('retries only the failed items that can succeed, never those that no longer exist', async () => {
    const { retry, reload } = await renderProgress([
      item(1, refused),
      item(2, gone),
      item(3, refused),
      item(4, gone),
    ]);

    expect(screen.getByRole('alert')).toHaveTextContent('2 keys no longer exist.');
    await userEvent.click(screen.getByRole('button', { name: 'Retry 2 failed' }));

    expect(retry).toHaveBeenCalledWith([1, 3]);
    expect(reload).not.toHaveBeenCalled();
  });

  it('offers to reload the list, not to try again, when only gone items failed', async () => {
    const { retry, reload } = await renderProgress([item(1, { kind: 'succeeded' }), item(2, gone)]);

    expect(screen.getByRole('alert')).toHaveTextContent(
      '1 key no longer exists: reload the list to see what is left.',
    );
    expect(screen.queryByRole('button', { name: /Retry|Try again/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reload the list' }));

    expect(reload).toHaveBeenCalledTimes(1);
    expect(retry).not.toHaveBeenCalled();
  });
});
