import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { SnippetTabs } from './snippet-tabs';

const LABELS = [
  'curl',
  'PowerShell',
  'Node.js',
  'Python (urllib)',
  'Python (requests)',
  'PHP',
  'GitHub Actions',
];

const OPTIONS = { apiBaseUrl: 'https://api.example.test/api', rawKey: 'pdm_abc', propertyId: 7 };

async function renderTabs(): Promise<void> {
  await render(SnippetTabs, { inputs: { label: 'Purge snippets by language', options: OPTIONS } });
}

function tab(name: string): HTMLElement {
  return screen.getByRole('tab', { name });
}

/** Focuses the selected tab the way a keyboard user does: Tab from before the widget. */
async function tabIntoList(): Promise<void> {
  await userEvent.tab();
}

describe('SnippetTabs', () => {
  it('names the tab list and offers one tab per language, the first selected', async () => {
    await renderTabs();

    const list = screen.getByRole('tablist', { name: 'Purge snippets by language' });

    expect(
      within(list)
        .getAllByRole('tab')
        .map((each) => each.textContent?.trim()),
    ).toEqual(LABELS);
    expect(tab('curl')).toHaveAttribute('aria-selected', 'true');
    expect(tab('PHP')).toHaveAttribute('aria-selected', 'false');
  });

  it('makes only the selected tab a Tab stop, then Tab goes on into the snippet', async () => {
    await renderTabs();

    await tabIntoList();

    expect(tab('curl')).toHaveFocus();
    expect(screen.getAllByRole('tab').filter((each) => each.tabIndex === 0)).toEqual([tab('curl')]);
    await userEvent.tab();
    expect(screen.getByRole('region', { name: 'curl snippet' })).toHaveFocus();
  });

  it('moves to and selects the next tab with ArrowRight, wrapping from the last to the first', async () => {
    await renderTabs();
    await tabIntoList();

    await userEvent.keyboard('{ArrowRight}');

    expect(tab('PowerShell')).toHaveFocus();
    expect(tab('PowerShell')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('region', { name: 'PowerShell snippet' })).toBeInTheDocument();

    await userEvent.keyboard('{End}{ArrowRight}');

    expect(tab('curl')).toHaveFocus();
    expect(tab('curl')).toHaveAttribute('aria-selected', 'true');
  });

  it('wraps from the first tab to the last with ArrowLeft', async () => {
    await renderTabs();
    await tabIntoList();

    await userEvent.keyboard('{ArrowLeft}');

    expect(tab('GitHub Actions')).toHaveFocus();
    expect(tab('GitHub Actions')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('region', { name: 'GitHub Actions snippet' })).toBeInTheDocument();
  });

  it('jumps to the last tab with End and back to the first with Home', async () => {
    await renderTabs();
    await tabIntoList();

    await userEvent.keyboard('{End}');

    expect(tab('GitHub Actions')).toHaveFocus();
    expect(tab('GitHub Actions')).toHaveAttribute('aria-selected', 'true');

    await userEvent.keyboard('{Home}');

    expect(tab('curl')).toHaveFocus();
    expect(tab('curl')).toHaveAttribute('aria-selected', 'true');
  });

  it('keeps only the newly selected tab tabbable after the selection moves', async () => {
    await renderTabs();
    await tabIntoList();

    await userEvent.keyboard('{ArrowRight}{ArrowRight}');

    expect(screen.getAllByRole('tab').filter((each) => each.tabIndex === 0)).toEqual([
      tab('Node.js'),
    ]);
    expect(tab('curl')).toHaveAttribute('aria-selected', 'false');
  });

  it('shows one panel, labelled by the selected tab and controlled by every tab', async () => {
    await renderTabs();

    await userEvent.click(tab('PHP'));

    const panel = screen.getByRole('tabpanel', { name: 'PHP' });
    expect(screen.getAllByRole('tabpanel')).toHaveLength(1);
    expect(
      screen.getAllByRole('tab').every((each) => each.getAttribute('aria-controls') === panel.id),
    ).toBe(true);
    expect(within(panel).getByRole('region', { name: 'PHP snippet' }).textContent).toContain(
      `$apiKey = 'pdm_abc';`,
    );
    expect(within(panel).getByRole('button', { name: 'Copy PHP snippet' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'curl snippet' })).toBeNull();
  });

  it('gives each instance its own ids, so two on one screen never share a panel', async () => {
    await render(
      `<pdm-snippet-tabs label="On the page" [options]="options" />
       <pdm-snippet-tabs label="In the dialog" [options]="options" />`,
      { imports: [SnippetTabs], componentProperties: { options: OPTIONS } },
    );

    const panels = screen.getAllByRole('tabpanel', { name: 'curl' });

    expect(panels).toHaveLength(2);
    expect(panels[0].id).not.toBe(panels[1].id);
    const [first, second] = screen.getAllByRole('tab', { name: 'curl' });
    expect(first.id).not.toBe(second.id);
  });
});
