// The provider's own in-memory adapter; @types/oidc-provider types the package's public API only.
declare module 'oidc-provider/lib/adapters/memory_adapter.js' {
  export function createMemoryAdapter(
    clockTolerance?: number,
  ): import('oidc-provider').AdapterFactory;
}
