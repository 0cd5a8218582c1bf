import { MatDialog } from '@angular/material/dialog';
import { TestBed } from '@angular/core/testing';
import { screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { firstValueFrom } from 'rxjs';
import { ConfirmDialog, ConfirmDialogData } from './confirm-dialog';

const purgeAll: ConfirmDialogData = {
  title: 'Purge everything on cdn.example?',
  message: 'Your origin will take the load until the cache refills.',
  confirmLabel: 'Purge everything',
  destructive: true,
};

/** Opens the dialog the way features do, through the real MatDialog service. */
function openDialog(data: ConfirmDialogData = purgeAll) {
  const dialogRef = TestBed.inject(MatDialog).open(ConfirmDialog, { data });
  TestBed.tick();
  return firstValueFrom(dialogRef.afterClosed());
}

describe('ConfirmDialog', () => {
  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('is a dialog named by its title, showing the message', async () => {
    void openDialog();

    const dialog = await screen.findByRole('dialog', { name: 'Purge everything on cdn.example?' });
    expect(dialog).toHaveTextContent('Your origin will take the load until the cache refills.');
  });

  it('closes with true when the user confirms', async () => {
    const closed = openDialog();

    await userEvent.click(await screen.findByRole('button', { name: 'Purge everything' }));

    await expect(closed).resolves.toBe(true);
  });

  it('closes with false when the user cancels', async () => {
    const closed = openDialog();

    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));

    await expect(closed).resolves.toBe(false);
  });

  it('shows markup in the message as text', async () => {
    void openDialog({ ...purgeAll, message: '<img src=x onerror=alert(1)>' });

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(dialog.querySelector('img')).toBeNull();
  });
});
