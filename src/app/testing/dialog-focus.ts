import { waitFor } from '@testing-library/angular';

/**
 * Waits until a just-opened dialog has taken its initial focus. The CDK focus trap moves focus
 * after the dialog renders; on a busy machine that can land in the middle of the next user-event
 * (taking focus back from a field, or focusing inside a change detection run: NG0101), so a spec
 * lets it settle before it types or clicks, as a person would.
 */
export function dialogFocusSettled(dialog: HTMLElement): Promise<void> {
  return waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
}
