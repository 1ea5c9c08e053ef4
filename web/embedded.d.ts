// Modules that scripts/build-browser.mjs makes at build time for the playground.
declare module "kiln-embedded:worker" {
  /** The Web Worker script (dist/browser/kiln-worker.js) as text. */
  const source: string;
  export default source;
}
declare module "kiln-embedded:examples" {
  /** examples/*.scm and web/examples/*.scm. */
  const examples: { name: string; source: string }[];
  export default examples;
}
