import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { Dialogs } from './dialogs';

@Component({ template: '<h2>A dialog</h2><p>Its text</p>' })
class SomeDialog {}

const loadSomeDialog = () => Promise.resolve(SomeDialog);

describe('Dialogs', () => {
  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('opens the component once its module and Material’s dialog have loaded', async () => {
    const dialogs = TestBed.inject(Dialogs);

    await dialogs.open(loadSomeDialog, { ariaLabel: 'Some dialog' });

    expect(await screen.findByRole('dialog', { name: 'Some dialog' })).toHaveTextContent(
      'Its text',
    );
  });

  it('counts a dialog from the moment it is asked for, so a second one does not open over it', async () => {
    const dialogs = TestBed.inject(Dialogs);
    expect(dialogs.openCount()).toBe(0);

    const opening = dialogs.open(loadSomeDialog);
    expect(dialogs.openCount()).toBe(1);

    const dialogRef = await opening;
    expect(dialogs.openCount()).toBe(1);
    dialogRef.close();
    await new Promise((resolve) => dialogRef.afterClosed().subscribe(resolve));
    expect(dialogs.openCount()).toBe(0);
  });

  it('stops counting a dialog whose module failed to load', async () => {
    const dialogs = TestBed.inject(Dialogs);

    await expect(dialogs.open(() => Promise.reject(new Error('offline')))).rejects.toThrow(
      'offline',
    );

    expect(dialogs.openCount()).toBe(0);
  });

  it('asks a question and answers true only when the user confirms', async () => {
    const dialogs = TestBed.inject(Dialogs);
    const question = {
      title: 'Revoke “Deploy bot”?',
      message: 'Scripts using it stop working.',
      confirmLabel: 'Revoke key',
    };

    const confirmed = dialogs.confirm(question);
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke key' }));
    await expect(confirmed).resolves.toBe(true);

    const cancelled = dialogs.confirm(question);
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await expect(cancelled).resolves.toBe(false);
  });
});
