import { APP_BOOTSTRAP_LISTENER, ApplicationRef, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withDisabledInitialNavigation } from '@angular/router';
import { provideInitialNavigationInNextTask, provideScrollToTopOnNavigation } from './app.config';

@Component({ template: '' })
class Blank {}

describe('provideScrollToTopOnNavigation', () => {
  let scrollTo: jest.SpyInstance;

  beforeEach(() => {
    scrollTo = jest.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
    history.scrollRestoration = 'auto';
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'list', component: Blank },
          { path: 'locked', component: Blank, canActivate: [() => false] },
        ]),
        provideScrollToTopOnNavigation(),
      ],
    });
  });

  afterEach(() => scrollTo.mockRestore());

  it('scrolls to the top when a navigation ends', async () => {
    await TestBed.inject(Router).navigateByUrl('/list');

    expect(scrollTo).toHaveBeenCalledWith(0, 0);
  });

  it('leaves the page where it is when a navigation is refused', async () => {
    await TestBed.inject(Router).navigateByUrl('/locked');

    expect(scrollTo).not.toHaveBeenCalled();
  });

  it('keeps the browser from restoring an old position on back and forward', () => {
    TestBed.inject(Router);

    expect(history.scrollRestoration).toBe('manual');
  });
});

describe('provideInitialNavigationInNextTask', () => {
  it('navigates to the URL once bootstrap has finished, in a task of its own', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: Blank }], withDisabledInitialNavigation()),
        provideInitialNavigationInNextTask(),
      ],
    });
    const router = TestBed.inject(Router);
    const events: string[] = [];
    router.events.subscribe((event) => events.push(event.constructor.name));

    for (const listener of TestBed.inject(APP_BOOTSTRAP_LISTENER)) {
      listener(undefined as never);
    }
    expect(events).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve));
    await TestBed.inject(ApplicationRef).whenStable();
    expect(router.navigated).toBe(true);
    expect(router.url).toBe('/');
  });
});
