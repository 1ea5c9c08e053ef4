// Where the persistent code cache keeps its entries: an interface the runtime uses (it imports
// no Node module) and the host implements (disk-store.ts for Node: one file per entry under
// the cache folder). Entries are whole images (image.ts: fingerprint and checksum included), so
// a store needs no format knowledge: it maps a key to bytes, best effort.

export interface CodeStore {
  /** The bytes stored under `key`, or null (absent, unreadable: never throws). */
  read(key: string): Uint8Array | null;
  /** Store `bytes` under `key`, atomically (readers see the old or the new entry, whole); never throws. */
  write(key: string, bytes: Uint8Array): void;
  /** Delete the entry under `key` (found damaged); never throws. */
  remove?(key: string): void;
  /** A collision-resistant digest of `text`, hex (the key of an entry, the hash of a source file). */
  hash(text: string): string;
  /** Read a file named by a dependency (an included file), or null. */
  readFile(path: string): string | null;
}
