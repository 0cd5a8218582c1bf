import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  PendingTasks,
  signal,
} from '@angular/core';
import { RUNTIME_CONFIG } from '../../core/config/runtime-config';
import { SnippetTabs } from './snippets/snippet-tabs';
import {
  API_KEY_PLACEHOLDER,
  PROPERTY_ID_PLACEHOLDER,
  SnippetOptions,
} from './snippets/snippet-options';

/**
 * "Use a key from your code": the purge snippets, with placeholders for the key and the property
 * (the page never holds a raw key). Rendered one task after the component is created, so that the
 * list above and the tabs (below the fold) are not one long task on a slow phone; the app is not
 * stable (`whenStable`, the tests) until they are there.
 */
@Component({
  selector: 'pdm-key-snippets',
  imports: [SnippetTabs],
  template: `
    @if (shown()) {
      <section aria-labelledby="snippets-heading">
        <h2 id="snippets-heading">Use a key from your code</h2>
        <p>
          Each snippet purges everything cached for a property. Replace
          <code>{{ keyPlaceholder }}</code> with one of your keys (its full value is shown once,
          when you create it) and <code>{{ propertyPlaceholder }}</code> with the id of one of your
          properties.
        </p>
        <pdm-snippet-tabs label="Purge snippets by language" [options]="options" />
      </section>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    section {
      margin-top: 32px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KeySnippets {
  protected readonly keyPlaceholder = API_KEY_PLACEHOLDER;
  protected readonly propertyPlaceholder = PROPERTY_ID_PLACEHOLDER;
  protected readonly options: SnippetOptions = {
    apiBaseUrl: inject(RUNTIME_CONFIG).apiBaseUrl,
    rawKey: API_KEY_PLACEHOLDER,
    propertyId: null,
  };
  protected readonly shown = signal(false);

  constructor() {
    const done = inject(PendingTasks).add();
    const timer = setTimeout(() => {
      this.shown.set(true);
      done();
    });
    inject(DestroyRef).onDestroy(() => {
      clearTimeout(timer);
      done();
    });
  }
}
