// Scheme value classes an embedder meets in converted values (src/interop/convert.ts): chars
// and exact rationals pass to JS as themselves.
export { Char } from "../runtime/values.js";
export { Ratnum } from "../runtime/numbers.js";
