/**
 * `node scripts/make-test-model.ts [--out FILE] [--seed N] [--type f16|f32] [--force]`: writes
 * the tiny llama-architecture test model (app/model/tiny-gguf.ts), a few hundred KB of seeded
 * random weights that node-llama-cpp loads on the CPU in milliseconds. Same seed, same bytes.
 * It never overwrites a file unless --force is given.
 */
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeTinyModel } from '../app/model/tiny-gguf.ts';

export const defaultOut = 'warden-test-model.gguf';

const usage = 'Usage: node scripts/make-test-model.ts [--out FILE.gguf] [--seed N] [--type f16|f32] [--force]';

/** Runs the command; returns the exit code (messages go to `log` and `error`). */
export function makeTestModel(argv: readonly string[], log = console.log, error = console.error): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        out: { type: 'string', default: defaultOut },
        seed: { type: 'string', default: '1' },
        type: { type: 'string', default: 'f16' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    error(`${(e as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    log(usage);
    return 0;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    error(`--seed must be an integer from 0 to 4294967295.\n${usage}`);
    return 2;
  }
  if (values.type !== 'f16' && values.type !== 'f32') {
    error(`--type must be f16 or f32.\n${usage}`);
    return 2;
  }
  const out = resolve(values.out);
  if (!out.toLowerCase().endsWith('.gguf')) {
    error(`--out must name a .gguf file.\n${usage}`);
    return 2;
  }
  if (existsSync(out) && !values.force) {
    error(`${out} already exists; pass --force to replace it.`);
    return 1;
  }
  const started = performance.now();
  const bytes = makeTinyModel({ seed, type: values.type });
  writeFileSync(out, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  log(`${out}: ${bytes.length.toLocaleString('en-US')} bytes, ${values.type.toUpperCase()}, seed ${seed}, sha256 ${sha256} (${(performance.now() - started).toFixed(0)} ms)`);
  return 0;
}

if (import.meta.main) process.exitCode = makeTestModel(process.argv.slice(2));
