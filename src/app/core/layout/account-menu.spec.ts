import { provideRouter } from '@angular/router';
import { render, screen, waitFor } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { AccountMenu } from './account-menu';

async function renderMenu() {
  const signOut = jest.fn();
  await render(
    `<pdm-account-menu email="demo@paradarum.test" (signOut)="signOut()" />
     <button type="button">Elsewhere</button>`,
    { imports: [AccountMenu], componentProperties: { signOut }, providers: [provideRouter([])] },
  );
  const button = screen.getByRole('button', { name: 'Signed in as demo@paradarum.test' });
  return { user: userEvent.setup(), button, signOut };
}

const item = (name: string) => screen.getByRole('menuitem', { name });

describe('AccountMenu', () => {
  it('is a closed menu button named after who is signed in', async () => {
    const { button } = await renderMenu();

    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('opens on Enter with focus on its first item, the e-mail written in full above', async () => {
    const { user, button } = await renderMenu();

    button.focus();
    await user.keyboard('{Enter}');

    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('menu', { name: 'Signed in as demo@paradarum.test' })).toBeVisible();
    await waitFor(() => expect(item('Account settings')).toHaveFocus());
    expect(screen.getByText('demo@paradarum.test', { selector: '.address' })).toBeVisible();
  });

  it('opens on ArrowUp with focus on its last item', async () => {
    const { user, button } = await renderMenu();

    button.focus();
    await user.keyboard('{ArrowUp}');

    await waitFor(() => expect(item('Sign out')).toHaveFocus());
  });

  it('moves with the arrow keys, round at either end, and with Home and End', async () => {
    const { user, button } = await renderMenu();
    button.focus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(item('Account settings')).toHaveFocus());

    await user.keyboard('{ArrowDown}');
    expect(item('Sign out')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(item('Account settings')).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(item('Sign out')).toHaveFocus();
    await user.keyboard('{Home}');
    expect(item('Account settings')).toHaveFocus();
    await user.keyboard('{End}');
    expect(item('Sign out')).toHaveFocus();
  });

  it('closes on Escape and gives focus back to its button', async () => {
    const { user, button } = await renderMenu();
    await user.click(button);
    await waitFor(() => expect(item('Account settings')).toHaveFocus());

    await user.keyboard('{Escape}');

    expect(screen.queryByRole('menu')).toBeNull();
    expect(button).toHaveFocus();
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('closes when Tab moves on, and on a click elsewhere', async () => {
    const { user, button } = await renderMenu();
    await user.click(button);
    await waitFor(() => expect(item('Account settings')).toHaveFocus());

    await user.tab();
    expect(screen.queryByRole('menu')).toBeNull();

    await user.click(button);
    expect(screen.getByRole('menu')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('signs out from its item, and closes', async () => {
    const { user, button, signOut } = await renderMenu();
    await user.click(button);

    await user.click(item('Sign out'));

    expect(signOut).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('menu')).toBeNull();
  });
});
