import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { provideScrollToTopOnNavigation } from './app.config';

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
