import type { ChainRecord } from './store.ts';

/**
 * One link of the chain as a JSON line, used by archive files and the forwarder:
 * `{"seq":N,"prevMac":"…","mac":"…","event":{…}}`. The event is embedded as its stored canonical
 * bytes, so a reader gets plain JSON while a verifier can cut those exact bytes back out and check the
 * MAC without re-encoding anything.
 */
export function encodeChainLine(record: ChainRecord): string {
  return `{"seq":${record.seq},"prevMac":"${record.prevMac}","mac":"${record.mac}","event":${record.body}}`;
}

const head = /^\{"seq":(\d{1,16}),"prevMac":"([0-9a-f]{64})","mac":"([0-9a-f]{64})","event":/;

/** The record on a line written by encodeChainLine, or null when the line is not one. */
export function decodeChainLine(line: string): ChainRecord | null {
  const match = head.exec(line);
  if (match === null || !line.endsWith('}')) return null;
  const [prefix, seq, prevMac, mac] = match;
  if (seq === undefined || prevMac === undefined || mac === undefined) return null;
  return { seq: Number(seq), prevMac, mac, body: line.slice(prefix.length, -1) };
}
