import iconv from "iconv-lite";

/** A report file that cannot be read as a report; the message names the file and why. */
export class ReportFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "ReportFileError";
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Turns a saved page into text. These sites serve UTF-8 (with or without BOM) or
 * GB18030/GBK; a file that is not valid UTF-8 is read as GB18030, a superset of GBK.
 */
export function decodeReport(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new ReportFileError(file, "the file is empty");
  if (looksBinary(bytes)) throw new ReportFileError(file, "the file is binary, not text");
  const hasBom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    text = iconv.decode(Buffer.from(body), "gb18030");
  }
  if (text.trim() === "") throw new ReportFileError(file, "the file holds no text");
  return text;
}

/** NUL bytes, or many control bytes in the first 4 KiB, mean this is no text file. */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > head.length * 0.05;
}
