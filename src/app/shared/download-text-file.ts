/**
 * Saves `text` as a file named `fileName` through a temporary object URL and link, the way a
 * browser downloads without a server round trip. The URL is revoked on the next task rather than
 * at once: some browsers start reading it only after the click handler returns, and revoking it
 * then keeps a secret (an API key, recovery codes) out of memory once it is on disk.
 */
export function downloadTextFile(document: Document, fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url));
}
