// The practice page's own inflater (templates/practice/inflate.js), used where a browser has no
// DecompressionStream: it must give back exactly what zlib deflated, at every level and block type.
// Run: node --test tests/js/ (tests/test_practice_js.py runs these from pytest).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const zlib = require("node:zlib");
const { inflate, inflateRaw } = require(path.join(__dirname, "..", "..", "templates", "practice", "inflate.js"));

function samples() {
  const text = JSON.stringify({
    questions: Array.from({ length: 400 }, (_, i) => ({ id: `deck:fact-${i}:fill_in`, prompt: `Which port, ${i}? _____ Ωμέγα Москва 台北 😀` })),
  });
  let seed = 7;
  const random = Buffer.alloc(70000);
  for (let i = 0; i < random.length; i++) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; random[i] = seed >> 16; }
  const runs = Buffer.alloc(100000, "ab"); // long matches far back
  return { empty: Buffer.alloc(0), one: Buffer.from("x"), text: Buffer.from(text, "utf8"), random, runs };
}

test("zlib data at every level inflates to the same bytes", () => {
  for (const [name, input] of Object.entries(samples())) {
    for (const level of [0, 1, 6, 9]) {
      const packed = zlib.deflateSync(input, { level });
      const out = inflate(new Uint8Array(packed));
      assert.equal(Buffer.compare(Buffer.from(out), input), 0, `${name} at level ${level}`);
    }
  }
});

test("fixed-code blocks (small inputs, Z_FIXED) and raw streams inflate too", () => {
  const { text } = samples();
  const fixed = zlib.deflateRawSync(text, { strategy: zlib.constants.Z_FIXED });
  assert.equal(Buffer.from(inflateRaw(new Uint8Array(fixed))).toString("utf8"), text.toString("utf8"));
  const tiny = zlib.deflateSync(Buffer.from("abcabcabc"));
  assert.equal(Buffer.from(inflate(new Uint8Array(tiny))).toString(), "abcabcabc");
});

test("damaged data is refused with a message, never a hang or garbage", () => {
  const packed = zlib.deflateSync(samples().text, { level: 9 });
  assert.throws(() => inflate(new Uint8Array(packed.subarray(0, packed.length >> 1))), /damaged data/);
  assert.throws(() => inflate(new Uint8Array([1, 2, 3])), /not zlib data/);
  const bad = Buffer.from(packed);
  bad[2] |= 0x06; // block type 3 does not exist
  assert.throws(() => inflate(new Uint8Array(bad)), /damaged data/);
});
