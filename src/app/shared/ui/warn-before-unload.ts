import { DestroyRef, inject } from '@angular/core';

/**
 * Asks the browser to confirm before the tab is closed or reloaded, for as long as the calling
 * component lives: for what is shown once (a new API key, recovery codes) and lost on leaving.
 * Call it in an injection context (a constructor or field initialiser).
 */
export function warnBeforeUnload(): void {
  const ask = (event: BeforeUnloadEvent) => {
    event.preventDefault();
    // Chrome before 119 and some others still need returnValue set to show the prompt.
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', ask);
  inject(DestroyRef).onDestroy(() => window.removeEventListener('beforeunload', ask));
}
