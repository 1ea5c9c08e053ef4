// src/parallel/mailbox.ts, the browser pool's shared-memory mailbox, on one thread: messages of
// every size through a small ring (cut where it is full, continued when the reader makes room),
// byte arrays kept apart from the JSON, the ring's positions wrapping.

import { test } from "node:test";
import assert from "node:assert/strict";
import { MailboxReader, MailboxWriter, newMailbox, encodeMessage, decodeMessage } from "../../src/parallel/mailbox.js";

const bytes = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);

test("a message with byte arrays comes back the same, each array in a buffer of its own", () => {
  const m = { t: "result", id: 7, value: bytes(10, 1), failure: { kind: "raised", payload: bytes(3, 2), text: "é λ", backtrace: [{ name: "f", line: 1 }] } };
  const back = decodeMessage(encodeMessage(m)) as typeof m;
  assert.deepEqual(back, m);
  assert.ok(back.value instanceof Uint8Array && back.value.byteOffset === 0 && back.value.buffer.byteLength === 10);
});

test("messages larger than the ring get through, in order, as the reader makes room", () => {
  const sab = newMailbox(64);
  const writer = new MailboxWriter(sab);
  let rooms = 0;
  const reader = new MailboxReader(sab, () => { rooms++; writer.pump(); });
  const sent = [1, 500, 0, 63, 64, 65, 3000].map((n, i) => ({ t: "item", channel: i, bytes: bytes(n, i) }));
  for (const m of sent) writer.send(m);
  const got: unknown[] = [];
  for (let guard = 0; got.length < sent.length && guard < 10_000; guard++) {
    const m = reader.receive();
    if (m !== undefined) got.push(m);
  }
  assert.deepEqual(got, sent);
  assert.ok(rooms > 10, `the writer waited for room (${rooms} times)`);
  assert.equal(reader.receive(), undefined);
});

test("positions wrap around the ring many times", () => {
  const sab = newMailbox(32);
  const writer = new MailboxWriter(sab);
  const reader = new MailboxReader(sab, () => writer.pump());
  for (let i = 0; i < 2000; i++) {
    writer.send({ t: "stats", n: i });
    let m: unknown;
    while ((m = reader.receive()) === undefined) { /* the reader's room callback pumps */ }
    assert.deepEqual(m, { t: "stats", n: i });
  }
});
