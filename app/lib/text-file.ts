/**
 * Turns the bytes of an uploaded text file into text, whatever office software saved it: UTF-8 with
 * or without a byte-order mark, UTF-16 (Excel's "Unicode text"), or Windows-1252 (Excel's plain "CSV"
 * on Western-European Windows). Pure, so every encoding is tested with real bytes.
 */
export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export type Decoded =
  | { ok: true; text: string; encoding: Encoding; bom: boolean }
  | { ok: false; found: "spreadsheet" | "opendocument" | "binary" };

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

export function decodeTextFile(bytes: Uint8Array): Decoded {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return decoded(bytes.subarray(3), "utf-8", true);
  if (startsWith(bytes, 0xff, 0xfe)) return decoded(bytes.subarray(2), "utf-16le", true);
  if (startsWith(bytes, 0xfe, 0xff)) return decoded(bytes.subarray(2), "utf-16be", true);
  // A zip (xlsx, ods) or an old binary workbook: say what it is, rather than "not readable".
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return { ok: false, found: isOpenDocument(bytes) ? "opendocument" : "spreadsheet" };
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return { ok: false, found: "spreadsheet" };

  // UTF-16 without a mark: text in Latin scripts has a zero byte in every other position.
  const sample = bytes.subarray(0, 4096);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? zeroEven++ : zeroOdd++;
  const half = sample.length / 2;
  if (half >= 2 && zeroOdd > half * 0.3 && zeroEven === 0) return decoded(bytes, "utf-16le", false);
  if (half >= 2 && zeroEven > half * 0.3 && zeroOdd === 0) return decoded(bytes, "utf-16be", false);
  if (zeroEven + zeroOdd > 0) return { ok: false, found: "binary" };

  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8", bom: false };
  } catch {
    // Not UTF-8: Windows-1252 maps every byte, so the caller shows a notice asking to check accents.
    return decoded(bytes, "windows-1252", false);
  }
}

function decoded(bytes: Uint8Array, encoding: Encoding, bom: boolean): Decoded {
  const text = new TextDecoder(encoding).decode(bytes);
  // Control characters other than tab and line ends mean this was not text after all.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return { ok: false, found: "binary" };
  return { ok: true, text, encoding, bom };
}

function isOpenDocument(bytes: Uint8Array): boolean {
  // An ODF zip stores its uncompressed "mimetype" entry first.
  return new TextDecoder("latin1").decode(bytes.subarray(30, 80)).includes("application/vnd.oasis.opendocument");
}
