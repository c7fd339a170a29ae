/**
 * The few protocol-buffer wire types an ONNX file needs, written by hand: varints (wire type 0)
 * and length-delimited bytes (2) for strings, packed numbers and messages.
 * A message is a list of already-encoded fields, so nesting is concatenation.
 */

export type Field = Uint8Array;

function varint(value: number | bigint): number[] {
  // int64 fields take negative values as ten-byte two's complement; ONNX's here are never negative.
  let v = BigInt(value);
  if (v < 0n) throw new Error(`protobuf: negative varint ${v}`);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

const key = (field: number, wire: number) => varint((field << 3) | wire);

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An integer field (int32, int64, enum). */
export const int = (field: number, value: number): Field => Uint8Array.from([...key(field, 0), ...varint(value)]);

/** A bytes field, or a message field from its encoded fields. */
export function bytes(field: number, value: Uint8Array): Field {
  return concat([Uint8Array.from([...key(field, 2), ...varint(value.length)]), value]);
}

export const string = (field: number, value: string): Field => bytes(field, new TextEncoder().encode(value));

export const message = (field: number, fields: readonly Field[]): Field => bytes(field, concat(fields));
