import { inject, Injector, ProviderToken } from '@angular/core';

/**
 * A root service from a module fetched on first use (Material's dialog, its snackbar), so that
 * the page that may need it does not download it up front. The module is fetched once; a failed
 * fetch (offline) is not kept, so the next call tries again. Call in an injection context.
 *
 * ```ts
 * private readonly snackBar = lazyService(() =>
 *   import('@angular/material/snack-bar').then((m) => m.MatSnackBar),
 * );
 * ```
 */
export function lazyService<T>(load: () => Promise<ProviderToken<T>>): () => Promise<T> {
  const injector = inject(Injector);
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().then(
      (token) => injector.get(token),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
}
