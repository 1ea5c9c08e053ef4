// The Kiln playground: a CodeMirror 6 editor with Scheme highlighting and bracket matching,
// the examples, Run and Stop, output, errors that highlight their line, the JIT's statistics,
// and a shareable address holding the program (share.ts). Programs run in a Web Worker
// (src/host/browser-worker.ts, embedded in this script by scripts/build-browser.mjs), so a
// long computation leaves the page responsive and Stop can end it.

import { EditorView, basicSetup } from "codemirror";
import { keymap, Decoration, DecorationSet } from "@codemirror/view";
import { StateEffect, StateField, Prec } from "@codemirror/state";
import { StreamLanguage } from "@codemirror/language";
import { scheme } from "@codemirror/legacy-modes/mode/scheme";
import { KilnWorker, WorkerLike } from "../src/host/browser-worker-client.js";
import type { WorkerRunResult } from "../src/host/browser-worker-client.js";
import { encodeProgram, decodeProgram } from "./share.js";
import { schemeHighlighting } from "./highlight.js";
import workerSource from "kiln-embedded:worker";
import builtinExamples from "kiln-embedded:examples";

const FILE = "playground.scm";
/** Output kept on the page; a runaway printer must not exhaust the tab's memory. */
const OUTPUT_LIMIT = 1_000_000;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const runButton = $<HTMLButtonElement>("run"), stopButton = $<HTMLButtonElement>("stop");
const shareButton = $<HTMLButtonElement>("share"), status = $("status"), output = $("output");
const examplesMenu = $<HTMLSelectElement>("examples"), stdin = $<HTMLTextAreaElement>("stdin");

// ---- Error line highlighting ----------------------------------------------------------------

const setErrorLine = StateEffect.define<number | null>();
const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (e.is(setErrorLine)) {
        if (e.value === null || e.value > tr.state.doc.lines) return Decoration.none;
        const line = tr.state.doc.line(e.value);
        return Decoration.set([Decoration.line({ class: "cm-error-line" }).range(line.from)]);
      }
    }
    return tr.docChanged ? Decoration.none : deco;  // editing clears the mark
  },
  provide: (f) => EditorView.decorations.from(f),
});

// ---- Editor ---------------------------------------------------------------------------------

const DEFAULT_PROGRAM = `;; Kiln playground: edit, then Run (Ctrl-Enter).
(import (scheme base) (scheme write))

(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))

(display "fib(25) = ")
(display (fib 25))
(newline)
`;

const editor = new EditorView({
  doc: decodeProgram(location.hash) ?? DEFAULT_PROGRAM,
  parent: $("editor"),
  extensions: [
    Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => { void run(); return true; } }])),
    basicSetup,
    StreamLanguage.define(scheme),
    schemeHighlighting,
    errorLine,
  ],
});

const source = (): string => editor.state.doc.toString();
function setSource(text: string): void {
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
}

// ---- Examples -------------------------------------------------------------------------------

for (const ex of builtinExamples) {
  const opt = document.createElement("option");
  opt.value = ex.name;
  opt.textContent = ex.name;
  examplesMenu.append(opt);
}
examplesMenu.addEventListener("change", () => {
  const ex = builtinExamples.find((e) => e.name === examplesMenu.value);
  if (ex) { setSource(ex.source); clearOutput(); }
});

// ---- Output ---------------------------------------------------------------------------------

let outputSize = 0;
function clearOutput(): void { output.textContent = ""; outputSize = 0; }
function print(text: string, kind?: "err" | "value" | "note"): void {
  if (outputSize > OUTPUT_LIMIT) return;
  outputSize += text.length;
  if (outputSize > OUTPUT_LIMIT) text = text.slice(0, Math.max(0, text.length - (outputSize - OUTPUT_LIMIT))) + "\n[output truncated]\n";
  const last = output.lastChild;
  if (!kind && last instanceof Text) last.appendData(text);   // plain output: one growing text node
  else if (!kind) output.append(text);
  else {
    const span = document.createElement("span");
    span.className = kind;
    span.textContent = text;
    output.append(span);
  }
  output.scrollTop = output.scrollHeight;
}

function showStats(r: WorkerRunResult): void {
  $("stat-compiled").textContent = String(r.stats.compiled);
  $("stat-compile-ms").textContent = `${r.stats.compileMs.toFixed(1)} ms`;
  $("stat-deopts").textContent = String(r.stats.deopts);
  $("stat-run-ms").textContent = `${r.ms.toFixed(1)} ms`;
}

// ---- Running --------------------------------------------------------------------------------

function spawn(): WorkerLike {
  const url = URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" }));
  return new Worker(url, { name: "kiln" }) as unknown as WorkerLike;
}

const kiln = new KilnWorker({ spawn, stdout: (t) => print(t), stderr: (t) => print(t, "err") });
status.textContent = "ready";

function setRunning(running: boolean): void {
  runButton.disabled = running;
  stopButton.disabled = !running;
  document.body.dataset.state = running ? "running" : "idle";
}

async function run(): Promise<WorkerRunResult | null> {
  if (kiln.busy) return null;
  clearOutput();
  delete document.body.dataset.lastResult;
  editor.dispatch({ effects: setErrorLine.of(null) });
  setRunning(true);
  status.textContent = "running…";
  let r: WorkerRunResult;
  try {
    r = await kiln.run(source(), { file: FILE, stdin: stdin.value });
  } catch (e) {
    print(`${(e as Error).message}\n`, "err");
    setRunning(false);
    status.textContent = "failed";
    return null;
  }
  if (r.ok && r.value !== "" && r.value !== "#<unspecified>") print(`${outputSize && !output.textContent!.endsWith("\n") ? "\n" : ""}⇒ ${r.value}\n`, "value");
  if (!r.ok) print(r.error, r.interrupted ? "note" : "err");
  if (r.position) {
    const line = r.position.line;
    editor.dispatch({
      effects: [setErrorLine.of(line), EditorView.scrollIntoView(editor.state.doc.line(Math.min(line, editor.state.doc.lines)).from, { y: "center" })],
    });
  }
  showStats(r);
  status.textContent = r.restarted ? "stopped (worker restarted)" : r.interrupted ? "stopped" : r.ok ? `done in ${r.ms.toFixed(0)} ms` : "error";
  setRunning(false);
  document.body.dataset.lastResult = r.ok ? "ok" : r.interrupted ? "stopped" : "error";
  return r;
}

async function stop(): Promise<void> {
  stopButton.disabled = true;
  status.textContent = "stopping…";
  await kiln.stop();
}

function share(): string {
  const url = `${location.href.split("#")[0]}#code=${encodeProgram(source())}`;
  history.replaceState(null, "", url);
  void navigator.clipboard?.writeText(url).then(() => { status.textContent = "link copied"; }, () => {});
  status.textContent = "link in the address bar";
  return url;
}

runButton.addEventListener("click", () => { void run(); });
stopButton.addEventListener("click", () => { void stop(); });
shareButton.addEventListener("click", share);
window.addEventListener("hashchange", () => {
  const program = decodeProgram(location.hash);
  if (program !== null && program !== source()) setSource(program);
});
setRunning(false);

// For tests and the console: the playground's state without scraping the editor.
(window as unknown as { playground: unknown }).playground = { run, stop, share, source, setSource, worker: kiln };
