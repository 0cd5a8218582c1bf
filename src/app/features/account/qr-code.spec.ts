let mockQrcodeLoaded = false;
jest.mock('qrcode', () => {
  mockQrcodeLoaded = true;
  return jest.requireActual('qrcode');
});

describe('QrCode', () => {
  it('leaves the qrcode package out of the two-factor wizard until a code is drawn', async () => {
    await jest.isolateModulesAsync(async () => {
      await import('./enable-two-factor-dialog');
    });

    expect(mockQrcodeLoaded).toBe(false);
  });
});
