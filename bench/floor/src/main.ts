// The floor of issue 12: what `ng new` gives (router, HttpClient, zoneless, one outlet), folded
// into one file. `npm run bench` builds it beside the panel and compares what each costs.
import { Component, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideHttpClient, withFetch } from '@angular/common/http';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideRouter, RouterOutlet } from '@angular/router';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet],
  template: '<router-outlet />',
})
class App {}

bootstrapApplication(App, {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter([]),
    provideHttpClient(withFetch()),
  ],
}).catch((error: unknown) => console.error(error));
