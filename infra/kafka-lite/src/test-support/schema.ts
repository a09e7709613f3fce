import { Reader, Writer } from '../protocol/codec';

/**
 * A small transcription of Kafka's message JSON schemas (clients/src/main/resources/common/message): fields with
 * the versions they exist in, encoded and decoded generically — independent of the broker's handlers, so a test
 * can check every advertised version's layout byte for byte.
 */
type Scalar = 'int8' | 'int16' | 'int32' | 'int64' | 'bool' | 'string' | 'nstring' | 'bytes' | 'nbytes';
export type FieldType = Scalar | { array: Field[] | 'int32' | 'string'; nullable?: boolean };
export interface Field {
  name: string;
  type: FieldType;
  from: number;
  to: number;
}

export const f = (name: string, type: FieldType, from = 0, to = 99): Field => ({ name, type, from, to });
export const arr = (fields: Field[] | 'int32' | 'string', nullable = false): FieldType => ({
  array: fields,
  nullable,
});

export type Value = number | boolean | string | null | Buffer | Value[] | { [k: string]: Value };
type Struct = { [k: string]: Value };

const defaults: Record<Scalar, Value> = {
  int8: 0,
  int16: 0,
  int32: 0,
  int64: 0,
  bool: false,
  string: '',
  nstring: null,
  bytes: Buffer.alloc(0),
  nbytes: null,
};

function encodeValue(w: Writer, type: FieldType, value: Value | undefined, v: number): void {
  if (typeof type === 'string') {
    const x = value === undefined ? defaults[type] : value;
    if (type === 'int8') w.int8(x as number);
    else if (type === 'int16') w.int16(x as number);
    else if (type === 'int32') w.int32(x as number);
    else if (type === 'int64') w.int64(x as number);
    else if (type === 'bool') w.bool(x as boolean);
    else if (type === 'string' || type === 'nstring') w.string(x as string | null);
    else w.bytes(x as Buffer | null);
    return;
  }
  const items = value === undefined ? (type.nullable ? null : []) : (value as Value[] | null);
  w.array(items, (w, item) => {
    if (type.array === 'int32') w.int32(item as number);
    else if (type.array === 'string') w.string(item as string);
    else encodeStruct(w, type.array, item as Struct, v);
  });
}

export function encodeStruct(w: Writer, fields: Field[], value: Struct, v: number): Writer {
  for (const field of fields)
    if (v >= field.from && v <= field.to) encodeValue(w, field.type, value[field.name], v);
  return w.tags();
}

function decodeValue(r: Reader, type: FieldType, v: number): Value {
  if (typeof type === 'string') {
    if (type === 'int8') return r.int8();
    if (type === 'int16') return r.int16();
    if (type === 'int32') return r.int32();
    if (type === 'int64') return r.int64();
    if (type === 'bool') return r.bool();
    if (type === 'string' || type === 'nstring') return r.nullableString();
    return r.nullableBytes();
  }
  return r.nullableArray((r) => {
    if (type.array === 'int32') return r.int32();
    if (type.array === 'string') return r.string();
    return decodeStruct(r, type.array, v);
  });
}

export function decodeStruct(r: Reader, fields: Field[], v: number): Struct {
  const out: Struct = {};
  for (const field of fields)
    if (v >= field.from && v <= field.to) out[field.name] = decodeValue(r, field.type, v);
  r.tags();
  return out;
}
