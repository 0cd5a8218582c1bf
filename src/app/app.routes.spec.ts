import { routes } from './app.routes';
import { authGuard, guestGuard } from './core/session/auth.guard';

describe("the app's routes", () => {
  it('keep every route but sign-in behind authGuard, child routes included', () => {
    const unguarded = routes.filter(
      (route) =>
        route.path !== 'login' &&
        (!route.canActivate?.includes(authGuard) ||
          (route.children !== undefined && !route.canActivateChild?.includes(authGuard))),
    );

    expect(routes.length).toBeGreaterThan(1);
    expect(unguarded).toEqual([]);
  });

  it('keep a signed-in user away from sign-in', () => {
    expect(routes.find((route) => route.path === 'login')?.canActivate).toContain(guestGuard);
  });
});
