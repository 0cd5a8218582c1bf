import { render, screen } from '@testing-library/angular';

let mockQrcodeLoaded = false;
let mockQrcodeFails = false;
jest.mock('qrcode', () => {
  mockQrcodeLoaded = true;
  const actual = jest.requireActual('qrcode');
  return {
    ...actual,
    toString: (...args: unknown[]) =>
      mockQrcodeFails ? Promise.reject(new Error('too long')) : actual.toString(...args),
  };
});

describe('QrCode', () => {
  it('leaves the qrcode package out of the two-factor wizard until a code is drawn', async () => {
    await jest.isolateModulesAsync(async () => {
      await import('./enable-two-factor-dialog');
    });

    expect(mockQrcodeLoaded).toBe(false);
  });

  it('says in the error style that the code could not be drawn, pointing to the setup key', async () => {
    mockQrcodeFails = true;
    try {
      const { QrCode } = await import('./qr-code');
      await render(QrCode, { inputs: { value: 'otpauth://totp/x', alt: 'QR code' } });

      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(
        'Error: The QR code could not be drawn. Enter the setup key instead.',
      );
      expect(screen.getByText('Error:')).toHaveClass('visually-hidden');
      expect(screen.queryByRole('button')).not.toBeInTheDocument();
    } finally {
      mockQrcodeFails = false;
    }
  });
});
