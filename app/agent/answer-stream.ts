const escapes: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Passes the answer on while the model writes it. Under the grammar the model writes the JSON
 * action `{"final": "…"}`: only the decoded text of that string goes on, and a tool action sends
 * nothing. With a native function-calling template the answer is plain text: it goes on as it
 * comes. Which one it is shows in the first character; the final answer of the action is the
 * authoritative text, this is only the live view of it.
 */
export function answerStream(emit: (text: string) => void): (chunk: string) => void {
  let raw = '';
  let mode: 'undecided' | 'json' | 'text' | 'done' = 'undecided';
  /** In json mode: where the answer string's undecoded rest starts in `raw`. */
  let at = -1;

  const findAnswerStart = (): void => {
    const match = /^\s*\{\s*"([^"]*)("?)/.exec(raw);
    if (match === null) {
      if (!/^\s*(\{\s*("[^"]*)?)?$/.test(raw)) mode = 'done';
      return;
    }
    if (match[2] === '' && 'final'.startsWith(match[1] ?? '')) return;
    if (match[1] !== 'final' || match[2] === '') {
      mode = 'done';
      return;
    }
    const value = /^\s*:\s*("?)/.exec(raw.slice(match[0].length));
    if (value === null) {
      if (!/^\s*(:\s*)?$/.test(raw.slice(match[0].length))) mode = 'done';
      return;
    }
    if (value[1] === '"') at = match[0].length + value[0].length;
  };

  const decode = (): void => {
    let text = '';
    let i = at;
    while (i < raw.length) {
      const c = raw[i] as string;
      if (c === '"') {
        mode = 'done';
        break;
      }
      if (c !== '\\') {
        text += c;
        i++;
        continue;
      }
      const kind = raw[i + 1];
      if (kind === undefined) break;
      if (kind === 'u') {
        const hex = raw.slice(i + 2, i + 6);
        if (hex.length < 4) break;
        text += String.fromCharCode(Number.parseInt(hex, 16));
        i += 6;
      } else {
        text += escapes[kind] ?? kind;
        i += 2;
      }
    }
    at = i;
    if (text !== '') emit(text);
  };

  return (chunk) => {
    if (mode === 'done' || chunk === '') return;
    if (mode === 'text') return emit(chunk);
    raw += chunk;
    if (mode === 'undecided') {
      const first = /\S/.exec(raw);
      if (first === null) return;
      if (first[0] !== '{') {
        mode = 'text';
        return emit(raw.slice(first.index));
      }
      mode = 'json';
    }
    if (at === -1) findAnswerStart();
    if (mode === 'json' && at !== -1) decode();
  };
}
