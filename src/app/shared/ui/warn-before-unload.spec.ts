import { Component } from '@angular/core';
import { render } from '@testing-library/angular';
import { warnBeforeUnload } from './warn-before-unload';

@Component({ selector: 'pdm-secret', template: 'secret' })
class Secret {
  constructor() {
    warnBeforeUnload();
  }
}

function unload(): BeforeUnloadEvent {
  const event = new Event('beforeunload', { cancelable: true }) as BeforeUnloadEvent;
  window.dispatchEvent(event);
  return event;
}

describe('warnBeforeUnload', () => {
  it('asks before the tab is left while the component is shown', async () => {
    await render(Secret);

    expect(unload().defaultPrevented).toBe(true);
  });

  it('lets the tab go once the component is gone', async () => {
    const { fixture } = await render(Secret);

    fixture.destroy();

    expect(unload().defaultPrevented).toBe(false);
  });
});
