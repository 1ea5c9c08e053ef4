// The core reaches the outside world only through this interface, so the same core runs under
// Node (src/host/node.ts) and in a browser or a sandbox (src/host/sandbox.ts).

export interface Host {
  /** Standard output and error, as text. */
  stdout(text: string): void;
  stderr(text: string): void;
  /** Read a whole text file, or return null when it cannot be read. Absent in a sandbox. */
  readFile?(path: string): string | null;
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
