import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';

/** The signed-in frame: top bar with navigation and sign-out, and the feature outlet. */
@Component({
  selector: 'pdm-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatButtonModule],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  protected readonly navigation = [
    { path: '/properties', label: 'Properties' },
    { path: '/api-keys', label: 'API keys' },
    { path: '/account', label: 'Account' },
  ] as const;
}
