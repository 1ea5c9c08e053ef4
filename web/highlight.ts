// Colours of the playground's Scheme highlighting. The legacy Scheme mode names its tokens
// builtin (special forms and standard procedures), keyword, atom (#t, characters), number,
// string, comment and bracket; StreamLanguage maps those names to these tags.

import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";

export const schemeHighlighting = syntaxHighlighting(HighlightStyle.define([
  { tag: [t.keyword, t.standard(t.variableName)], color: "#8a3ab9", fontWeight: "600" },
  { tag: t.comment, color: "#8c7b6b", fontStyle: "italic" },
  { tag: t.string, color: "#b3261e" },
  { tag: t.number, color: "#1a7f5a" },
  { tag: [t.atom, t.bool, t.character], color: "#c05a00" },
  { tag: t.bracket, color: "#9a8a7c" },
  { tag: t.variableName, color: "#1d3b6f" },
]));
