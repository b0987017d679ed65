// Files the CLI tests put in answers folders.

/** What Excel leaves beside an open book: the user's name, padded, 165 bytes. */
export function lockFileBytes(user = 'tanaka'): Buffer {
  const b = Buffer.alloc(165, 0x20);
  b[0] = user.length;
  b.write(user, 1, 'latin1');
  return b;
}
