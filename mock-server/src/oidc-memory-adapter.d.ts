// The provider's own in-memory adapter; @types/oidc-provider types the package's public API only.
declare module 'oidc-provider/lib/adapters/memory_adapter.js' {
  /** The three calls the adapter makes on its store (the library's LRU, or one of ours). */
  export interface MemoryAdapterStorage {
    get(key: string): unknown;
    set(key: string, value: unknown, options?: { maxAge?: number }): unknown;
    delete(key: string): unknown;
  }
  const MemoryAdapter: new (
    model: string,
    storage: MemoryAdapterStorage,
    clockTolerance?: number,
  ) => import('oidc-provider').Adapter;
  export default MemoryAdapter;
}
