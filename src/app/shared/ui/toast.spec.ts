import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { screen, waitFor } from '@testing-library/angular';
import { Toast } from './toast';

@Component({ template: '<p>A page</p>' })
class SomePage {}

async function showToastOn(url: string): Promise<RouterTestingHarness> {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([
        { path: 'properties', component: SomePage },
        { path: 'properties/:id', component: SomePage },
      ]),
    ],
  });
  const harness = await RouterTestingHarness.create(url);
  TestBed.inject(Toast).success('Purged everything on blog.demo-media.test.');
  expect(await screen.findByText('Purged everything on blog.demo-media.test.')).toBeVisible();
  return harness;
}

describe('Toast', () => {
  it('stays while the same page only changes its query', async () => {
    const harness = await showToastOn('/properties/1');

    await harness.navigateByUrl('/properties/1?tab=history');

    expect(screen.getByText('Purged everything on blog.demo-media.test.')).toBeInTheDocument();
  });

  it('goes when the user moves to another page', async () => {
    const harness = await showToastOn('/properties/1');

    await harness.navigateByUrl('/properties/2');

    await waitFor(() =>
      expect(
        screen.queryByText('Purged everything on blog.demo-media.test.'),
      ).not.toBeInTheDocument(),
    );
  });
});
