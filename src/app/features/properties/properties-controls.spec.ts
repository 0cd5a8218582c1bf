import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { PropertiesControls, SEARCH_DEBOUNCE_MS } from './properties-controls';

async function renderControls(query = '') {
  const search = jest.fn<void, [string]>();
  const view = await render(PropertiesControls, {
    inputs: { query, sort: 'name' },
    on: { queryChange: search },
  });
  const box = screen.getByRole('searchbox', { name: 'Search properties' });
  return { search, view, box };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 20));

describe('PropertiesControls', () => {
  it('hands on what was typed once typing pauses, not every keystroke', async () => {
    const { search, box } = await renderControls();

    await userEvent.type(box, 'blo');
    expect(search).not.toHaveBeenCalled();
    await pause();

    expect(search.mock.calls).toEqual([['blo']]);
  });

  it('leaves a keystroke typed since the pause in the box when the URL catches up late', async () => {
    const { search, view, box } = await renderControls();
    await userEvent.type(box, 'blo');
    await pause();
    expect(search).toHaveBeenCalledWith('blo');

    await userEvent.type(box, 'g');
    view.fixture.componentRef.setInput('query', 'blo');
    await view.fixture.whenStable();

    expect(box).toHaveValue('blog');
  });

  it('shows a search set from outside (Back, a bookmark), even the one it showed first', async () => {
    const { view, box } = await renderControls();
    await userEvent.type(box, 'blo');
    await pause();
    view.fixture.componentRef.setInput('query', 'blo');
    await view.fixture.whenStable();

    view.fixture.componentRef.setInput('query', '');
    await view.fixture.whenStable();

    expect(box).toHaveValue('');
  });
});
