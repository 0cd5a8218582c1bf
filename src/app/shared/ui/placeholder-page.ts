import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Stands in for a feature whose issue has not landed yet, and says so. */
@Component({
  selector: 'pdm-placeholder-page',
  template: `
    <h1>{{ title() }}</h1>
    <p role="note">This page is a placeholder: the feature is not built yet.</p>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlaceholderPage {
  readonly title = input.required<string>();
}
