import { fireEvent } from '@testing-library/angular';

/**
 * Presses Escape on the focused element as a browser does, `keyCode` 27 included. user-event
 * leaves `keyCode` at 0 while the CDK closes a dialog only on `keyCode === 27`, so
 * `userEvent.keyboard('{Escape}')` never reaches a dialog's Escape handling and a test that
 * a dialog "cannot be dismissed with Escape" would pass whatever the dialog does.
 */
export function pressEscape(): void {
  fireEvent.keyDown(document.activeElement ?? document.body, {
    key: 'Escape',
    code: 'Escape',
    keyCode: 27,
  });
}
