// Parse a GIFT file with gift-pegjs (a real GIFT reader) and print its questions as JSON.
// Usage: node parse_gift.js FILE. Exit status 1 with the parser's message on a syntax error.
"use strict";
const fs = require("fs");
const { parse } = require("gift-pegjs");

const file = process.argv[2];
try {
  process.stdout.write(JSON.stringify(parse(fs.readFileSync(file, "utf8"))));
} catch (error) {
  const where = error.location ? `${file}:${error.location.start.line}:${error.location.start.column}: ` : "";
  process.stderr.write(`${where}${error.message}\n`);
  process.exit(1);
}
