/**
 * Big-endian readers and writers for the Kafka wire types. A reader or writer made `flexible` (KIP-482: the
 * versions a message's JSON schema lists under flexibleVersions) encodes strings, bytes and arrays in their
 * compact form (unsigned-varint length + 1, 0 = null) and `tags()` reads or writes a tagged-field section;
 * otherwise `tags()` is a no-op, so one handler body serves both encodings.
 */

export class ProtocolError extends Error {}

export class Reader {
  pos = 0;
  constructor(
    readonly buf: Buffer,
    readonly flexible = false,
  ) {}

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new ProtocolError(`frame too short: need ${n} at ${this.pos}`);
  }
  int8(): number {
    this.need(1);
    return this.buf.readInt8(this.pos++);
  }
  bool(): boolean {
    return this.int8() !== 0;
  }
  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  /** int64 as a JS number: offsets and timestamps here stay far below 2^53. */
  int64(): number {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return Number(v);
  }
  uvarint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.int8() & 0xff;
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
    throw new ProtocolError('unsigned varint longer than 5 bytes');
  }
  /** A compact length: the varint holds length + 1, so 0 stands for null (-1 here). */
  private compactLength(): number {
    return this.uvarint() - 1;
  }
  /** Skips a tagged-field section (no tag this broker reads is defined); a no-op when not flexible. */
  tags(): this {
    if (!this.flexible) return this;
    const n = this.uvarint();
    for (let i = 0; i < n; i++) {
      this.uvarint(); // tag
      const size = this.uvarint();
      this.need(size);
      this.pos += size;
    }
    return this;
  }
  nullableString(): string | null {
    const len = this.flexible ? this.compactLength() : this.int16();
    if (len < 0) return null;
    this.need(len);
    const s = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len;
    return s;
  }
  string(): string {
    const s = this.nullableString();
    if (s === null) throw new ProtocolError('unexpected null string');
    return s;
  }
  /** A non-compact int16-prefixed string even in flexible mode (the client id of request header v2). */
  classicNullableString(): string | null {
    const len = this.int16();
    if (len < 0) return null;
    this.need(len);
    const s = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len;
    return s;
  }
  nullableBytes(): Buffer | null {
    const len = this.flexible ? this.compactLength() : this.int32();
    if (len < 0) return null;
    this.need(len);
    const b = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return b;
  }
  bytes(): Buffer {
    return this.nullableBytes() ?? Buffer.alloc(0);
  }
  nullableArray<T>(item: (r: Reader) => T): T[] | null {
    const n = this.flexible ? this.compactLength() : this.int32();
    if (n < 0) return null;
    // Each element needs at least one byte, so a huge count in a short frame is malformed, not an allocation.
    if (n > this.buf.length - this.pos) throw new ProtocolError(`array length ${n} exceeds frame`);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item(this));
    return out;
  }
  array<T>(item: (r: Reader) => T): T[] {
    return this.nullableArray(item) ?? [];
  }
}

/** Collects small fields in a growing scratch buffer and large payloads as separate chunks (no copying). */
export class Writer {
  constructor(readonly flexible = false) {}
  private chunks: Buffer[] = [];
  private scratch = Buffer.allocUnsafe(256);
  private used = 0;
  private flushedLength = 0;

  private room(n: number): void {
    if (this.used + n <= this.scratch.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, this.used + n));
    this.scratch.copy(next, 0, 0, this.used);
    this.scratch = next;
  }
  int8(v: number): this {
    this.room(1);
    this.scratch.writeInt8(v, this.used);
    this.used += 1;
    return this;
  }
  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }
  int16(v: number): this {
    this.room(2);
    this.scratch.writeInt16BE(v, this.used);
    this.used += 2;
    return this;
  }
  int32(v: number): this {
    this.room(4);
    this.scratch.writeInt32BE(v, this.used);
    this.used += 4;
    return this;
  }
  int64(v: number): this {
    this.room(8);
    this.scratch.writeBigInt64BE(BigInt(v), this.used);
    this.used += 8;
    return this;
  }
  uvarint(v: number): this {
    let rest = v;
    while (rest >= 0x80) {
      this.uint8((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    return this.uint8(rest);
  }
  private uint8(b: number): this {
    this.room(1);
    this.scratch[this.used++] = b;
    return this;
  }
  /** An empty tagged-field section in flexible mode; nothing otherwise. */
  tags(): this {
    return this.flexible ? this.uvarint(0) : this;
  }
  /** The length prefix of a nullable string/bytes/array (-1 = null) in this writer's encoding. */
  private length16(n: number): this {
    return this.flexible ? this.uvarint(n + 1) : this.int16(n);
  }
  /** The length prefix of bytes whose content follows in raw chunks (Fetch records). */
  bytesLength(n: number): this {
    return this.flexible ? this.uvarint(n + 1) : this.int32(n);
  }
  string(s: string | null): this {
    if (s === null) return this.length16(-1);
    const len = Buffer.byteLength(s);
    this.length16(len);
    this.room(len);
    this.scratch.write(s, this.used, 'utf8');
    this.used += len;
    return this;
  }
  bytes(b: Buffer | null): this {
    if (b === null) return this.bytesLength(-1);
    this.bytesLength(b.length);
    return this.raw(b);
  }
  raw(b: Buffer): this {
    if (b.length < 512) {
      this.room(b.length);
      b.copy(this.scratch, this.used);
      this.used += b.length;
      return this;
    }
    this.cut();
    this.chunks.push(b);
    this.flushedLength += b.length;
    return this;
  }
  array<T>(items: readonly T[] | null, item: (w: Writer, v: T) => void): this {
    if (items === null) return this.bytesLength(-1);
    this.bytesLength(items.length);
    for (const v of items) item(this, v);
    return this;
  }
  get length(): number {
    return this.flushedLength + this.used;
  }
  private cut(): void {
    if (this.used === 0) return;
    this.chunks.push(this.scratch.subarray(0, this.used));
    this.flushedLength += this.used;
    this.scratch = this.scratch.subarray(this.used);
    this.used = 0;
    if (this.scratch.length < 64) this.scratch = Buffer.allocUnsafe(256);
  }
  toChunks(): Buffer[] {
    this.cut();
    return this.chunks;
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.toChunks());
  }
}
