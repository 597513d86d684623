// The grader port against the Python grader: every row of the fixture that
// tests/test_practice_js.py writes (the labelled grading corpus and probes of every typed
// question of the bundled page, each with the Python verdict) must get the same outcome and
// reason, and each key's derived tables must equal the Python key's own.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const G = require(path.join(__dirname, "..", "..", "templates", "practice", "grader.js"));

const fixture = process.env.RUTW_PRACTICE_FIXTURE;
const skip = fixture ? false : "no fixture: run `pytest tests/test_practice_js.py`, which writes it and runs these tests";
const data = fixture ? JSON.parse(fs.readFileSync(fixture, "utf-8")) : null;

test("every answer gets the Python grader's verdict (outcome and reason)", { skip }, () => {
  const tables = new G.Tables(data.tables);
  const disagree = [];
  for (const row of data.rows) {
    const v = tables.key(row.id).grade(row.answer);
    if (v.outcome !== row.outcome || v.reason !== row.reason) {
      disagree.push(`${row.id} ${JSON.stringify(row.answer)}: python ${row.outcome} (${row.reason}), js ${v.outcome} (${v.reason})`);
    }
  }
  assert.ok(data.rows.length > 0);
  assert.deepEqual(disagree, []);
});

test("each key's refused forms, lookups and opposites equal the Python key's", { skip }, () => {
  const tables = new G.Tables(data.tables);
  const form = (f) => [f.words.join(" "), f.exact.map((e) => (e ? "1" : "0")).join(""), f.shown, f.reason];
  for (const [id, want] of Object.entries(data.keys)) {
    const key = tables.key(id);
    assert.deepEqual(key.refused.map(form), want.refused, id);
    assert.deepEqual([...key.exact].map(([t, f]) => [t, ...form(f)]), want.exact, id);
    assert.deepEqual([...key.joined].map(([t, f]) => [t, ...form(f)]), want.joined, id);
    assert.deepEqual([...key.opposites], want.opposites, id);
  }
});
