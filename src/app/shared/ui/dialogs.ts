import { Injectable, Type } from '@angular/core';
import type { MatDialog, MatDialogConfig, MatDialogRef } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import type { ConfirmDialogData } from './confirm-dialog';
import { lazyService } from './lazy-service';

/** A dialog component's module, fetched when the dialog first opens: `() => import('./x')…`. */
export type DialogLoader<T> = () => Promise<Type<T>>;

/**
 * Opens the panel's dialogs. Material's dialog and the CDK overlay under it (about 17 kB brotli),
 * and each dialog's own component, are fetched the first time a dialog opens, not with the page:
 * a list's first screen shows no dialog (`npm run bench`). Every dialog opens through here, so
 * {@link openCount} knows them all, those still loading included.
 */
@Injectable({ providedIn: 'root' })
export class Dialogs {
  private readonly matDialogService = lazyService(() =>
    import('@angular/material/dialog').then((m) => m.MatDialog),
  );
  /** Once loaded: what {@link openCount} reads. */
  private matDialog: MatDialog | null = null;
  /** Dialogs asked for whose code is still on its way. */
  private pending = 0;

  /** Dialogs open now, or asked for and still loading: a second one must not open over them. */
  openCount(): number {
    return this.pending + (this.matDialog?.openDialogs.length ?? 0);
  }

  /** Opens `load`'s component with `config` once both it and Material's dialog are loaded. */
  async open<T, D = unknown, R = unknown>(
    load: DialogLoader<T>,
    config?: MatDialogConfig<D>,
  ): Promise<MatDialogRef<T, R>> {
    this.pending++;
    try {
      const [dialog, component] = await Promise.all([this.load(), load()]);
      return dialog.open<T, D, R>(component, config);
    } finally {
      this.pending--;
    }
  }

  /** Asks {@link ConfirmDialog}'s question; true only when the user confirmed. */
  async confirm(data: ConfirmDialogData): Promise<boolean> {
    const dialogRef = await this.open<unknown, ConfirmDialogData, boolean>(
      () => import('./confirm-dialog').then((m) => m.ConfirmDialog),
      { data },
    );
    return (await firstValueFrom(dialogRef.afterClosed())) === true;
  }

  /**
   * Material's dialog service, loaded once. For a caller that must then open a dialog without
   * awaiting anything in between (the show-once key dialog gets its key synchronously).
   */
  load(): Promise<MatDialog> {
    return this.matDialogService().then((dialog) => (this.matDialog = dialog));
  }
}
