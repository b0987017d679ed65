import { Buffer as Shim, indexOfBytes } from '../../addin/shared/buffer-shim';

test('the Buffer shim finds byte sequences like Node’s Buffer#indexOf', () => {
  const enc = new TextEncoder();
  const cases: [string, string][] = [['<c r="A1"><f>SUM(B1)</f></c>', '<f'], ['<<<f', '<f'], ['<c>', '<f'], ['', '<f'], ['<', '<f'], ['ab<f', '<f']];
  for (const [hay, needle] of cases) {
    const h = enc.encode(hay);
    const n = enc.encode(needle);
    expect([hay, indexOfBytes(h, n)]).toEqual([hay, globalThis.Buffer.from(h).indexOf(n)]);
  }
  const big = new Uint8Array(100).fill(0x3c);
  big[60] = 0x66;
  expect(Shim.from(big.buffer, 10, 80).indexOf(new Uint8Array([0x3c, 0x66]))).toBe(49);
});
