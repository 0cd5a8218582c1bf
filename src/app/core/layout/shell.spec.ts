import { provideRouter } from '@angular/router';
import { render, screen, within } from '@testing-library/angular';
import { Shell } from './shell';

describe('Shell', () => {
  it('offers navigation to every feature by name', async () => {
    await render(Shell, { providers: [provideRouter([])] });

    const nav = screen.getByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => link.textContent?.trim())).toEqual([
      'Properties',
      'API keys',
      'Account',
    ]);
  });
});
