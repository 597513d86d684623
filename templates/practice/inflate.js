/* Inflate (RFC 1950/1951) for browsers without DecompressionStream (Safari before 16.4, Firefox
 * before 113): the practice page's data is zlib-deflated, and this reads it. Canonical Huffman
 * codes decoded a bit at a time: small and plain rather than fast; modern browsers use their own.
 * Node: module.exports; browser: window.RutwInflate.
 */
(function (root) {
  "use strict";

  var LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  var LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  var DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
  var DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  var CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

  function fail(what) { throw new Error("damaged data: " + what); }

  /** A canonical Huffman code from its code lengths: how many codes of each length, symbols in code order. */
  function Code(lengths) {
    this.counts = new Uint16Array(16);
    this.symbols = new Uint16Array(lengths.length);
    var offsets = new Uint16Array(16);
    var i;
    for (i = 0; i < lengths.length; i++) this.counts[lengths[i]]++;
    this.counts[0] = 0;
    for (i = 1; i < 16; i++) offsets[i] = offsets[i - 1] + this.counts[i - 1];
    for (i = 0; i < lengths.length; i++) if (lengths[i]) this.symbols[offsets[lengths[i]]++] = i;
  }

  function Reader(bytes, start) {
    this.bytes = bytes;
    this.pos = start;
    this.bits = 0; // bit buffer, least significant bit first
    this.count = 0; // bits in the buffer
    this.out = new Uint8Array(Math.max(1024, bytes.length * 4));
    this.size = 0;
  }
  Reader.prototype.need = function (n) {
    while (this.count < n) {
      if (this.pos >= this.bytes.length) fail("it ends too early");
      this.bits |= this.bytes[this.pos++] << this.count;
      this.count += 8;
    }
  };
  Reader.prototype.take = function (n) {
    if (n === 0) return 0;
    this.need(n);
    var value = this.bits & ((1 << n) - 1);
    this.bits >>>= n;
    this.count -= n;
    return value;
  };
  /** One symbol: codes are read most significant bit first, one bit at a time. */
  Reader.prototype.symbol = function (code) {
    var value = 0, first = 0, index = 0;
    for (var length = 1; length < 16; length++) {
      value |= this.take(1);
      var count = code.counts[length];
      if (value - first < count) return code.symbols[index + value - first];
      index += count;
      first = (first + count) << 1;
      value <<= 1;
    }
    return fail("an unknown code");
  };
  Reader.prototype.room = function (n) {
    if (this.size + n <= this.out.length) return;
    var bigger = new Uint8Array(Math.max(this.out.length * 2, this.size + n));
    bigger.set(this.out.subarray(0, this.size));
    this.out = bigger;
  };

  Reader.prototype.stored = function () {
    this.bits = 0; // the rest of this byte is padding
    this.count = 0;
    if (this.pos + 4 > this.bytes.length) fail("it ends too early");
    var length = this.bytes[this.pos] | (this.bytes[this.pos + 1] << 8);
    var check = this.bytes[this.pos + 2] | (this.bytes[this.pos + 3] << 8);
    if ((length ^ 0xffff) !== check) fail("a stored block's length");
    this.pos += 4;
    if (this.pos + length > this.bytes.length) fail("it ends too early");
    this.room(length);
    this.out.set(this.bytes.subarray(this.pos, this.pos + length), this.size);
    this.size += length;
    this.pos += length;
  };

  Reader.prototype.codes = function (literals, distances) {
    for (;;) {
      var sym = this.symbol(literals);
      if (sym < 256) {
        this.room(1);
        this.out[this.size++] = sym;
      } else if (sym === 256) {
        return;
      } else {
        sym -= 257;
        if (sym >= 29) fail("a length code");
        var length = LENGTH_BASE[sym] + this.take(LENGTH_EXTRA[sym]);
        var d = this.symbol(distances);
        if (d >= 30) fail("a distance code");
        var distance = DISTANCE_BASE[d] + this.take(DISTANCE_EXTRA[d]);
        if (distance > this.size) fail("a distance too far back");
        this.room(length);
        for (var k = 0; k < length; k++) {
          this.out[this.size] = this.out[this.size - distance];
          this.size++;
        }
      }
    }
  };

  var FIXED = null;
  function fixedCodes() {
    if (FIXED) return FIXED;
    var lengths = new Uint8Array(288);
    for (var i = 0; i < 288; i++) lengths[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
    var distances = new Uint8Array(30);
    distances.fill(5);
    FIXED = [new Code(lengths), new Code(distances)];
    return FIXED;
  }

  Reader.prototype.dynamic = function () {
    var nLiterals = this.take(5) + 257;
    var nDistances = this.take(5) + 1;
    var nLengths = this.take(4) + 4;
    var lengthLengths = new Uint8Array(19);
    for (var i = 0; i < nLengths; i++) lengthLengths[CODE_LENGTH_ORDER[i]] = this.take(3);
    var lengthCode = new Code(lengthLengths);
    var lengths = new Uint8Array(nLiterals + nDistances);
    var n = 0;
    while (n < lengths.length) {
      var sym = this.symbol(lengthCode);
      if (sym < 16) {
        lengths[n++] = sym;
        continue;
      }
      var repeat, value = 0;
      if (sym === 16) {
        if (n === 0) fail("a repeat with nothing before it");
        value = lengths[n - 1];
        repeat = 3 + this.take(2);
      } else if (sym === 17) {
        repeat = 3 + this.take(3);
      } else {
        repeat = 11 + this.take(7);
      }
      if (n + repeat > lengths.length) fail("too many code lengths");
      while (repeat--) lengths[n++] = value;
    }
    if (!lengths[256]) fail("no end-of-block code");
    return [new Code(lengths.subarray(0, nLiterals)), new Code(lengths.subarray(nLiterals))];
  };

  /** The bytes of a raw deflate stream starting at `start`. */
  function inflateRaw(bytes, start) {
    var reader = new Reader(bytes, start || 0);
    var last;
    do {
      last = reader.take(1);
      var type = reader.take(2);
      if (type === 0) reader.stored();
      else if (type === 1) reader.codes.apply(reader, fixedCodes());
      else if (type === 2) reader.codes.apply(reader, reader.dynamic());
      else fail("an unknown block type");
    } while (!last);
    return reader.out.subarray(0, reader.size);
  }

  /** The bytes of a zlib stream (a two-byte header, deflate data, a checksum that is not checked). */
  function inflate(bytes) {
    if (bytes.length < 2 || (bytes[0] & 0x0f) !== 8 || ((bytes[0] << 8) | bytes[1]) % 31 !== 0) fail("not zlib data");
    if (bytes[1] & 0x20) fail("a preset dictionary");
    return inflateRaw(bytes, 2);
  }

  var api = { inflate: inflate, inflateRaw: inflateRaw };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.RutwInflate = api;
})(this);
