/** Keeps the first `limit` bytes of a stream and counts the rest, which it drops. */
export class CappedOutput {
  readonly limit: number;
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private total = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  push(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.kept >= this.limit) return;
    const part = chunk.subarray(0, this.limit - this.kept);
    this.chunks.push(part);
    this.kept += part.length;
  }

  get truncated(): boolean {
    return this.total > this.kept;
  }

  get totalBytes(): number {
    return this.total;
  }

  buffer(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** The kept bytes as UTF-8, with a marker saying how much was dropped. */
  text(): string {
    const text = this.buffer().toString('utf8');
    return this.truncated ? `${text}\n[… Warden dropped ${this.total - this.kept} bytes of output beyond the ${this.limit}-byte limit]` : text;
  }
}
