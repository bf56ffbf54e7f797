// The key is kept for the browser tab only (sessionStorage): closing the tab forgets it.
const STORAGE_KEY = 'status-console.api-key';

export interface KeyStorage {
  read(): string | null;
  write(key: string): void;
  clear(): void;
}

export const keyStorage = (storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): KeyStorage => ({
  read: () => {
    const key = storage.getItem(STORAGE_KEY);
    return key && key.trim().length > 0 ? key.trim() : null;
  },
  write: (key) => storage.setItem(STORAGE_KEY, key.trim()),
  clear: () => storage.removeItem(STORAGE_KEY),
});
