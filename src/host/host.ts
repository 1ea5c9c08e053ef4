// The core reaches the outside world only through this interface, so the same core runs under
// Node (src/host/node.ts) and in a browser or a sandbox (src/host/sandbox.ts).
//
// File methods are optional: a host without them (the sandbox) has no file system, and the
// file procedures of (scheme file) raise file errors there. A file method reports failure by
// returning null/false, or by throwing an Error whose message says why ("no such file or
// directory"); the core turns either into a Scheme file error naming the file.

export interface Host {
  /** Standard output and error, as text. */
  stdout(text: string): void;
  stderr(text: string): void;
  /** Read a whole text file, or return null when it cannot be read. Absent in a sandbox. */
  readFile?(path: string): string | null;
  /** Read a whole file as bytes, or null when it cannot be read. */
  readFileBytes?(path: string): Uint8Array | null;
  /** Write bytes to a file, creating it, replacing its contents unless `append`; false on failure. */
  writeFileBytes?(path: string, bytes: Uint8Array, append: boolean): boolean;
  /** Whether a file (or directory) exists at the path. */
  fileExists?(path: string): boolean;
  /** Delete a file; false when it cannot be deleted. */
  deleteFile?(path: string): boolean;
  /** Monotonic clock in milliseconds, and wall clock in seconds since the epoch. */
  monotonicMs(): number;
  wallSeconds(): number;
  /** The program's command line, as `(command-line)` returns it. */
  commandLine(): string[];
  /** Environment variables, when the host exposes them. */
  env?(): Record<string, string>;
  /** Resolve a path relative to a directory (for `include`). */
  resolvePath?(dir: string, file: string): string;
  dirname?(path: string): string;
}
