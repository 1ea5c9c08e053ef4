// Programs in the page's address: `#code=` followed by the program's UTF-8 text in base64url
// (RFC 4648 section 5, without padding), so a link holds the whole program and needs no server.

export function encodeProgram(source: string): string {
  const bytes = new TextEncoder().encode(source);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The program in a `#code=...` hash, or null when the hash holds none (or is malformed). */
export function decodeProgram(hash: string): string | null {
  const m = /^#?code=([A-Za-z0-9_-]*)$/.exec(hash);
  if (!m) return null;
  try {
    const binary = atob(m[1].replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
