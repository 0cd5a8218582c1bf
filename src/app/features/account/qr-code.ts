import { ChangeDetectionStrategy, Component, input, resource } from '@angular/core';
import { ErrorBlock } from '../../shared/ui/error-block';
import { LoadingBar } from '../../shared/ui/loading-bar';

/**
 * Draws `value` as a QR code in the browser, as an SVG in a `data:` image (CSP allows
 * `img-src 'self' data:`). The `qrcode` package is imported here, on demand, so it stays out of
 * the initial bundle and loads only when someone sets up two-factor; no QR service is asked.
 */
@Component({
  selector: 'pdm-qr-code',
  imports: [ErrorBlock, LoadingBar],
  template: `
    @if (image.hasValue()) {
      <img [src]="image.value()" [alt]="alt()" width="200" height="200" />
    } @else if (image.error()) {
      <!-- No Try again: drawing again would fail the same way; the setup key is the way on. -->
      <pdm-error-block
        class="error"
        message="The QR code could not be drawn. Enter the setup key instead."
      />
    } @else {
      <pdm-loading-bar class="drawing" label="Drawing the QR code" />
    }
  `,
  styles: `
    :host {
      display: grid;
      place-items: center;
      min-width: 200px;
      min-height: 200px;
    }
    img {
      /* Quiet zone and dark-on-light stay readable by cameras even in a dark theme. */
      background: #fff;
    }
    .error {
      max-width: 240px;
    }
    .drawing {
      width: 120px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QrCode {
  /** The text to encode, e.g. an `otpauth://` URI. */
  readonly value = input.required<string>();
  /** The text alternative: what the code is and what to do without a camera. */
  readonly alt = input.required<string>();

  protected readonly image = resource({
    params: () => this.value(),
    loader: async ({ params }) => {
      // `qrcode` is CommonJS: bundled, its functions sit on the default export only.
      const { default: qrcode } = await import('qrcode');
      const svg = await qrcode.toString(params, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      });
      return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    },
  });
}
