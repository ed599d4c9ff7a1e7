/**
 * A minimal GGUF v3 writer: the metadata value types and tensor types the test model needs.
 * Layout (ggml's gguf.md): header, key/value metadata, tensor infos, padding to the alignment,
 * then the tensor data, each tensor starting at an aligned offset relative to the data section.
 */

export type GgufValue =
  | { readonly type: 'u32'; readonly value: number }
  | { readonly type: 'i32'; readonly value: number }
  | { readonly type: 'f32'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'string[]'; readonly value: readonly string[] }
  | { readonly type: 'f32[]'; readonly value: readonly number[] }
  | { readonly type: 'i32[]'; readonly value: readonly number[] };

export type GgmlTensorType = 'f32' | 'f16';

export interface GgufTensor {
  readonly name: string;
  /** ggml order: the innermost (contiguous) dimension first. */
  readonly dims: readonly number[];
  readonly type: GgmlTensorType;
  /** Little-endian element bytes, exactly product(dims) × element size. */
  readonly data: Uint8Array;
}

export interface GgufFile {
  readonly metadata: ReadonlyArray<readonly [key: string, value: GgufValue]>;
  readonly tensors: readonly GgufTensor[];
  /** Written as `general.alignment`; tensor offsets and the data section are aligned to it. */
  readonly alignment: number;
}

const ggufMagic = 0x46554747; // "GGUF" read as a little-endian u32
const ggufVersion = 3;
const valueType = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9 } as const;
const tensorType: Record<GgmlTensorType, { id: number; bytes: number }> = { f32: { id: 0, bytes: 4 }, f16: { id: 1, bytes: 2 } };

/** A growable little-endian byte buffer. */
class ByteWriter {
  #bytes = new Uint8Array(1 << 16);
  #view = new DataView(this.#bytes.buffer);
  length = 0;

  #reserve(extra: number): void {
    if (this.length + extra <= this.#bytes.length) return;
    let size = this.#bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#bytes.subarray(0, this.length));
    this.#bytes = next;
    this.#view = new DataView(next.buffer);
  }

  u32(value: number): void {
    this.#reserve(4);
    this.#view.setUint32(this.length, value, true);
    this.length += 4;
  }

  i32(value: number): void {
    this.#reserve(4);
    this.#view.setInt32(this.length, value, true);
    this.length += 4;
  }

  u64(value: number): void {
    this.#reserve(8);
    this.#view.setBigUint64(this.length, BigInt(value), true);
    this.length += 8;
  }

  f32(value: number): void {
    this.#reserve(4);
    this.#view.setFloat32(this.length, value, true);
    this.length += 4;
  }

  bytes(data: Uint8Array): void {
    this.#reserve(data.length);
    this.#bytes.set(data, this.length);
    this.length += data.length;
  }

  string(value: string): void {
    const encoded = new TextEncoder().encode(value);
    this.u64(encoded.length);
    this.bytes(encoded);
  }

  padTo(alignment: number): void {
    const padding = (alignment - (this.length % alignment)) % alignment;
    this.#reserve(padding);
    this.length += padding; // the buffer is zero-filled
  }

  result(): Uint8Array {
    return this.#bytes.slice(0, this.length);
  }
}

function writeValue(out: ByteWriter, value: GgufValue): void {
  switch (value.type) {
    case 'u32':
      out.u32(valueType.u32);
      out.u32(value.value);
      return;
    case 'i32':
      out.u32(valueType.i32);
      out.i32(value.value);
      return;
    case 'f32':
      out.u32(valueType.f32);
      out.f32(value.value);
      return;
    case 'bool':
      out.u32(valueType.bool);
      out.bytes(Uint8Array.of(value.value ? 1 : 0));
      return;
    case 'string':
      out.u32(valueType.string);
      out.string(value.value);
      return;
    case 'string[]':
      out.u32(valueType.array);
      out.u32(valueType.string);
      out.u64(value.value.length);
      for (const item of value.value) out.string(item);
      return;
    case 'f32[]':
      out.u32(valueType.array);
      out.u32(valueType.f32);
      out.u64(value.value.length);
      for (const item of value.value) out.f32(item);
      return;
    case 'i32[]':
      out.u32(valueType.array);
      out.u32(valueType.i32);
      out.u64(value.value.length);
      for (const item of value.value) out.i32(item);
      return;
  }
}

export function encodeGguf(file: GgufFile): Uint8Array {
  const { alignment, tensors } = file;
  if (!Number.isInteger(alignment) || alignment < 1 || alignment % 8 !== 0) throw new Error(`GGUF alignment must be a positive multiple of 8, not ${alignment}.`);
  const metadata = [...file.metadata, ['general.alignment', { type: 'u32', value: alignment }] as const];
  const keys = new Set<string>();
  for (const [key] of metadata) {
    if (keys.has(key)) throw new Error(`GGUF metadata key "${key}" is given twice.`);
    keys.add(key);
  }

  const out = new ByteWriter();
  out.u32(ggufMagic);
  out.u32(ggufVersion);
  out.u64(tensors.length);
  out.u64(metadata.length);
  for (const [key, value] of metadata) {
    out.string(key);
    writeValue(out, value);
  }

  // The loader rejects gaps and overlaps: each tensor starts at the previous end, rounded up.
  let offset = 0;
  const offsets: number[] = [];
  for (const tensor of tensors) {
    const { id, bytes } = tensorType[tensor.type];
    const expected = tensor.dims.reduce((a, b) => a * b, 1) * bytes;
    if (tensor.data.length !== expected) throw new Error(`Tensor ${tensor.name} has ${tensor.data.length} bytes; its shape needs ${expected}.`);
    offsets.push(offset);
    out.string(tensor.name);
    out.u32(tensor.dims.length);
    for (const dim of tensor.dims) out.u64(dim);
    out.u32(id);
    out.u64(offset);
    offset += Math.ceil(tensor.data.length / alignment) * alignment;
  }

  out.padTo(alignment);
  const dataStart = out.length;
  tensors.forEach((tensor, i) => {
    out.padTo(alignment);
    if (out.length - dataStart !== offsets[i]) throw new Error(`Tensor ${tensor.name} landed at the wrong offset.`);
    out.bytes(tensor.data);
  });
  out.padTo(alignment);
  return out.result();
}
