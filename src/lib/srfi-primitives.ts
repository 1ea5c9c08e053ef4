// Host-implemented helpers for the SRFI libraries (src/lib/libraries/srfi/*.sld): the parts
// that are much faster in JavaScript (bitwise operations on bigints, hashing). The libraries
// themselves are Scheme and export these under their SRFI names.

import { PrimSpec } from "../runtime/primitive.js";

export const srfiPrimitives: PrimSpec[] = [];
