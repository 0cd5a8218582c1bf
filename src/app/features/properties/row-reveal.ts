import {
  DestroyRef,
  effect,
  inject,
  PendingTasks,
  type Signal,
  signal,
  untracked,
} from '@angular/core';

/**
 * How many of a list's rows to render. When the list first arrives (`arrived()`), `perTask` rows
 * (about a phone's screenful) show at once and the rest follows `perTask` more per task, so that
 * no single task renders 50 rows on a slow phone (Lighthouse's blocking time); after that every
 * row renders (`Infinity`). The app is not stable (`whenStable`, the tests) until all of them are
 * there. Call in an injection context.
 */
export function revealRows(
  arrived: () => boolean,
  rowCount: () => number,
  perTask: number,
): Signal<number> {
  const shown = signal(perTask);
  const pendingTasks = inject(PendingTasks);
  const destroyRef = inject(DestroyRef);
  // Only starts the tasks, once: they, one screenful each, set the count.
  const start = effect(() => {
    if (arrived()) {
      start.destroy();
      untracked(() => {
        const done = pendingTasks.add();
        const step = () => {
          if (destroyRef.destroyed || shown() >= rowCount()) {
            shown.set(Infinity);
            done();
            return;
          }
          shown.update((count) => count + perTask);
          // Queued after the render this update schedules, so each screenful is its own task.
          setTimeout(step);
        };
        setTimeout(step);
      });
    }
  });
  return shown.asReadonly();
}
