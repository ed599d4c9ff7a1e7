import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createChainMac, genesisMac } from './chain-mac.ts';

describe('createChainMac', () => {
  it('is exactly HMAC-SHA256 keyed with the hex text of the secret', () => {
    const secret = randomBytes(32);
    const mac = createChainMac(secret);
    const body = '{"kind":"tool_call","summary":"é ✓ 𝄞","seq":1}';
    const expected = createHmac('sha256', secret.toString('hex')).update(genesisMac + body).digest('hex');
    expect(mac.event(genesisMac, body)).toBe(expected);
    expect(mac.text('x'.repeat(1000))).toBe(createHmac('sha256', secret.toString('hex')).update('x'.repeat(1000)).digest('hex'));
  });

  it('changes with the key, the content and the previous MAC', () => {
    const a = createChainMac(randomBytes(32));
    const b = createChainMac(randomBytes(32));
    expect(a.event(genesisMac, '{}')).not.toBe(b.event(genesisMac, '{}'));
    expect(a.event(genesisMac, '{}')).not.toBe(a.event(genesisMac, '{ }'));
    expect(a.event(genesisMac, '{}')).not.toBe(a.event('1'.repeat(64), '{}'));
  });

  it('wants a 32-byte key', () => {
    expect(() => createChainMac(randomBytes(16))).toThrow(/32 bytes/);
  });
});
