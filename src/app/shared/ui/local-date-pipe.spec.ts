import { LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LocalDatePipe } from './local-date-pipe';

describe('LocalDatePipe', () => {
  function pipeFor(locale: string): LocalDatePipe {
    TestBed.configureTestingModule({ providers: [{ provide: LOCALE_ID, useValue: locale }] });
    return TestBed.runInInjectionContext(() => new LocalDatePipe());
  }

  it('formats a date with the given options in the page locale', () => {
    const pipe = pipeFor('en-US');

    const text = pipe.transform(new Date('2024-01-15T10:00:00Z'), {
      dateStyle: 'long',
      timeZone: 'UTC',
    });

    expect(text).toBe('January 15, 2024');
  });

  it('follows LOCALE_ID', () => {
    const pipe = pipeFor('de-DE');

    const text = pipe.transform('2024-01-15T10:00:00Z', { dateStyle: 'long', timeZone: 'UTC' });

    expect(text).toBe('15. Januar 2024');
  });

  it('gives an empty string for a missing or invalid date', () => {
    const pipe = pipeFor('en-US');

    expect(pipe.transform(null, { dateStyle: 'long' })).toBe('');
    expect(pipe.transform('not a date', { dateStyle: 'long' })).toBe('');
  });
});
