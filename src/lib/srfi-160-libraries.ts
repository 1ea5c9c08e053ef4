// SRFI 160's libraries, derived from one table: the element tags and the procedure names (with
// @ for the tag). The library texts (srfi 160 @), (srfi 160 base), (scheme vector @) and the
// shared export lists srfi/160/@-exports.scm are made here and embedded beside the library
// files (scripts/embed-prelude.mjs), so no per-type file is written by hand. This module
// imports nothing: the generated prelude module loads it early.
//
//   HOST_PROCEDURES    the primitives %TAGvector-... of src/lib/srfi-160.ts (one generic
//                      implementation over its element table)
//   SCHEME_PROCEDURES  the higher-order ones, written once in Scheme over the element tag in
//                      src/lib/libraries/srfi/160/at.sld: (define f64vector-map (%@vector-map 'f64 "f64vector-map"))

export const SRFI160_TAGS = ["s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64", "c64", "c128"] as const;

export const HOST_PROCEDURES = [
  "@?", "@vector?", "make-@vector", "@vector", "@vector-ref", "@vector-set!", "@vector-length",
  "@vector->list", "list->@vector", "@vector->vector", "vector->@vector", "@vector-copy",
  "@vector-copy!", "@vector-fill!", "@vector-append", "@vector=", "@vector-empty?",
  "@vector-reverse-copy", "@vector-concatenate", "@vector-append-subvectors", "@vector-take",
  "@vector-take-right", "@vector-drop", "@vector-drop-right", "@vector-segment", "@vector-swap!",
  "@vector-reverse!", "@vector-reverse-copy!", "reverse-@vector->list", "reverse-list->@vector",
] as const;

export const SCHEME_PROCEDURES = [
  "@vector-unfold", "@vector-unfold-right", "@vector-unfold!", "@vector-unfold-right!",
  "@vector-fold", "@vector-fold-right", "@vector-map", "@vector-map!", "@vector-for-each",
  "@vector-count", "@vector-cumulate", "@vector-take-while", "@vector-take-while-right",
  "@vector-drop-while", "@vector-drop-while-right", "@vector-index", "@vector-index-right",
  "@vector-skip", "@vector-skip-right", "@vector-any", "@vector-every", "@vector-partition",
  "@vector-filter", "@vector-remove", "make-@vector-generator", "write-@vector", "@vector-comparator",
] as const;

/** Other names for host procedures: SRFI 160's notation section calls @vector-reverse-copy! so. */
const ALIASES: readonly (readonly [string, string])[] = [["reverse-@vector-copy!", "@vector-reverse-copy!"]];

/** The procedures (srfi 160 base) exports for every type: SRFI 4's eight and @?. */
const BASE = ["@?", "@vector?", "make-@vector", "@vector", "@vector-ref", "@vector-set!", "@vector-length", "@vector->list", "list->@vector"];

const at = (name: string, tag: string): string => name.replace("@", tag);

/** Every name (srfi 160 TAG) exports. */
export function srfi160Exports(tag: string): string[] {
  return [...HOST_PROCEDURES, ...ALIASES.map(([a]) => a), ...SCHEME_PROCEDURES].map((n) => at(n, tag));
}

function typeLibrary(tag: string): string {
  const defs = [
    ...HOST_PROCEDURES.map((n) => `(define ${at(n, tag)} %${at(n, tag)})`),
    ...ALIASES.map(([a, b]) => `(define ${at(a, tag)} %${at(b, tag)})`),
    ...SCHEME_PROCEDURES.map((n) => `(define ${at(n, tag)} (%${n} '${tag} "${at(n, tag)}"))`),
  ];
  return `(define-library (srfi 160 ${tag})\n (include-library-declarations "${tag}-exports.scm")\n` +
    ` (import (scheme base) (srfi 160 at))\n (begin\n  ${defs.join("\n  ")}))\n`;
}

/** Library files by path under src/lib/libraries, as scripts/embed-prelude.mjs embeds them. */
export function srfi160LibraryFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of SRFI160_TAGS) {
    out[`srfi/160/${tag}-exports.scm`] = `(export ${srfi160Exports(tag).join(" ")})\n`;
    out[`srfi/160/${tag}.sld`] = typeLibrary(tag);
    out[`scheme/vector/${tag}.sld`] = `(define-library (scheme vector ${tag})\n (import (srfi 160 ${tag}))\n` +
      ` (include-library-declarations "../../srfi/160/${tag}-exports.scm"))\n`;
  }
  out["srfi/160/base.sld"] = `(define-library (srfi 160 base)\n (export ${SRFI160_TAGS.flatMap((t) => BASE.map((n) => at(n, t))).join(" ")})\n` +
    ` (import ${SRFI160_TAGS.map((t) => `(srfi 160 ${t})`).join(" ")}))\n`;
  return out;
}
