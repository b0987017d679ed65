// Writes the container Excel uses for a password-protected workbook (MS-OFFCRYPTO, agile):
// an OLE file with EncryptionInfo and EncryptedPackage streams. The package bytes are
// random, not a real cipher text: readers must refuse the file from its structure alone.
// LibreOffice 7.4 ignores the Password option when converting to .xlsx, hence this.
// Usage: node encrypted-cfb.js OUT.xlsx
'use strict';
const fs = require('node:fs');
const XLSX = require('xlsx');

let seed = 20251121;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
const bytes = (n) => Buffer.from(Array.from({ length: n }, rnd));
const b64 = (n) => bytes(n).toString('base64');

const descriptor =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
  `<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(16)}"/>` +
  `<dataIntegrity encryptedHmacKey="${b64(64)}" encryptedHmacValue="${b64(64)}"/>` +
  '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
  `<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(16)}" encryptedVerifierHashInput="${b64(16)}" encryptedVerifierHashValue="${b64(64)}" encryptedKeyValue="${b64(32)}"/>` +
  '</keyEncryptor></keyEncryptors></encryption>';
// Version 4.4, flags 0x40 (agile), then the XML.
const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from(descriptor, 'utf8')]);
const size = Buffer.alloc(8);
size.writeUInt32LE(5697, 0);
const pkg = Buffer.concat([size, bytes(5712)]);

const cfb = XLSX.CFB.utils.cfb_new();
XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', info);
XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', pkg);
fs.writeFileSync(process.argv[2], XLSX.CFB.write(cfb, { type: 'buffer', fileType: 'cfb' }));
