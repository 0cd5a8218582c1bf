import { HttpRequest } from '@angular/common/http';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { waitFor } from '@testing-library/angular';

/**
 * Waits until exactly `count` open requests match, then takes them.
 *
 * `HttpTestingController.match` removes what it returns, so calling it inside `waitFor` loses the
 * requests seen on a retry that was too early (three of four issued: those three are gone and the
 * count can never reach four). Counting goes through a predicate that always answers false, which
 * leaves every request open until the count is right.
 */
export async function takeOpenRequests(
  http: HttpTestingController,
  matches: (request: HttpRequest<unknown>) => boolean,
  count: number,
): Promise<TestRequest[]> {
  await waitFor(() => {
    let open = 0;
    http.match((request) => {
      if (matches(request)) open += 1;
      return false;
    });
    expect(open).toBe(count);
  });
  return http.match(matches);
}
