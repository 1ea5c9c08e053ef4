// What compiled code depends on, as one string: cache files and the precompiled image record it
// and are ignored when it differs. It covers the cache format, the value format, the opcode
// table (any change to an opcode's number, operands or inline meaning changes it), and the build
// id (a digest of the compiler's sources, written by scripts/precompile.mjs at build time), so
// a changed compiler never runs code an older one produced.

import { OPCODES } from "../bytecode/opcodes.js";
import { SERIAL_VERSION } from "../serial/values.js";
import { checksum } from "../serial/bytes.js";
import { BUILD_ID } from "../lib/generated/build-id.js";

/** Bumped when the layout of cache files or units changes. */
export const CACHE_FORMAT = 2;

const text = new TextEncoder();

/** Digest of the opcode table: names, operand kinds, inline builtins and generic replacements. */
export function opcodeDigest(): string {
  const table = Object.values(OPCODES).map((i) => `${i.name}(${i.operands.join(",")})${i.inline ?? ""}>${i.generic ?? ""}`).join(";");
  return checksum(text.encode(table)).toString(16).padStart(8, "0");
}

let memo: string | null = null;
export function compilerFingerprint(): string {
  return memo ??= `kiln-cache/${CACHE_FORMAT}/serial-${SERIAL_VERSION}/ops-${opcodeDigest()}/build-${BUILD_ID}`;
}
