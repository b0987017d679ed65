// Node's zlib where there is one (several times faster than inflate/deflate in JavaScript),
// reached through process.getBuiltinModule so that the browser bundle sees no import and the
// callers fall back to fflate. Node 20.16+ has getBuiltinModule; zlib.crc32 needs 20.15+.
export interface NodeZlib {
  deflateRawSync?: (d: Uint8Array, o: { level: number }) => Uint8Array;
  inflateRawSync?: (d: Uint8Array, o: { maxOutputLength: number; chunkSize?: number }) => Uint8Array;
  crc32?: (d: Uint8Array) => number;
}

export function nodeZlib(): NodeZlib | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc?.getBuiltinModule?.('node:zlib') as NodeZlib | undefined;
}
