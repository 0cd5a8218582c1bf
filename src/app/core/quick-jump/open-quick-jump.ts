import type { MatDialogRef } from '@angular/material/dialog';
import { Dialogs } from '../../shared/ui/dialogs';
import type { QuickJumpDialog } from './quick-jump-dialog';

/** Opens the quick-jump box near the top, where the eye expects a search. */
export function openQuickJump(dialogs: Dialogs): Promise<MatDialogRef<QuickJumpDialog>> {
  return dialogs.open(() => import('./quick-jump-dialog').then((m) => m.QuickJumpDialog), {
    ariaLabel: 'Quick jump',
    width: '640px',
    maxWidth: 'calc(100vw - 32px)',
    position: { top: '10vh' },
    // The combobox itself, by selector: it is where typing starts.
    autoFocus: '#quick-jump-input',
  });
}

/** Is the keystroke typed into something editable, where `/` is text and not a shortcut? */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}
