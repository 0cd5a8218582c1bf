// The floor of issue 25: a bare Angular app as `ng new` gives it (router, HttpClient, zoneless),
// folded into one file, whose one page fetches the account's properties as JSON and renders them
// in a table with @for. `npm run bench` serves it beside the panel and compares a signed-in
// panel page's start-up with this one's. The bench puts the demo account's JWT in sessionStorage
// under the panel's key, as it does for the panel.
import { Component, inject, provideBrowserGlobalErrorListeners } from '@angular/core';
import { HttpClient, HttpHeaders, provideHttpClient, withFetch } from '@angular/common/http';
import { toSignal } from '@angular/core/rxjs-interop';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideRouter, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';

interface Property {
  id: number;
  name: string;
  hostname: string;
  lastPurgedAt: string | null;
}

@Component({
  selector: 'app-properties',
  template: `
    <h1>Properties</h1>
    <table>
      <thead>
        <tr>
          <th>Name</th>
          <th>Hostname</th>
          <th>Last purge</th>
        </tr>
      </thead>
      <tbody>
        @for (property of properties(); track property.id) {
          <tr>
            <td>{{ property.name }}</td>
            <td>{{ property.hostname }}</td>
            <td>{{ property.lastPurgedAt ?? 'Never' }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
})
class PropertiesList {
  protected readonly properties = toSignal(
    inject(HttpClient)
      .get<{ data: Property[] }>('/api/property', {
        headers: new HttpHeaders({
          Authorization: `Bearer ${sessionStorage.getItem('paradarum.session') ?? ''}`,
        }),
      })
      .pipe(map((envelope) => envelope.data)),
    { initialValue: [] },
  );
}

@Component({
  selector: 'app-root',
  imports: [RouterOutlet],
  template: '<router-outlet />',
})
class App {}

bootstrapApplication(App, {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter([{ path: '**', component: PropertiesList }]),
    provideHttpClient(withFetch()),
  ],
}).catch((error: unknown) => console.error(error));
