/**
 * Reads multipart/form-data request bodies for the fakes: grammY sends files (sendPhoto)
 * this way, and discord.js sends attachments with the JSON in a `payload_json` field.
 */
import type { IncomingHttpHeaders } from "node:http";

/** A file sent in a form, under the field name it was sent as. */
export interface UploadedFile {
  field: string;
  filename: string;
  data: Buffer;
}

/** A form's text fields and files, in the order sent. */
export interface Form {
  fields: Map<string, string>;
  files: UploadedFile[];
}

const CRLF = Buffer.from("\r\n");
const HEADERS_END = Buffer.from("\r\n\r\n");

/** The boundary of a multipart/form-data body, or null for any other body. */
export function multipartBoundary(headers: IncomingHttpHeaders): string | null {
  const type = headers["content-type"] ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) return null;
  return /boundary="?([^";]+)"?/i.exec(type)?.[1] ?? null;
}

/** Splits a multipart body into fields and files; throws on a body that is not well formed. */
export function parseMultipart(body: Buffer, boundary: string): Form {
  const delimiter = Buffer.from(`--${boundary}`);
  const form: Form = { fields: new Map(), files: [] };
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error("multipart: no boundary in the body");
  for (;;) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") return form;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), start);
    if (next < 0) throw new Error("multipart: a part is not closed");
    const part = body.subarray(start + CRLF.length, next);
    const split = part.indexOf(HEADERS_END);
    if (split < 0) throw new Error("multipart: a part has no headers");
    const headers = part.subarray(0, split).toString("utf8");
    const data = part.subarray(split + HEADERS_END.length);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) throw new Error("multipart: a part has no name");
    // grammY writes the file name unquoted, browsers and discord.js quoted.
    const filename = /filename=(?:"([^"]*)"|([^;\r\n]+))/i.exec(headers);
    if (filename) form.files.push({ field: name, filename: filename[1] ?? filename[2] ?? "", data });
    else form.fields.set(name, data.toString("utf8"));
    at = next + CRLF.length;
  }
}

/** Width and height of a PNG from its header, or null when the data is no PNG. */
export function pngSize(data: Buffer): { width: number; height: number } | null {
  if (data.length < 24 || data.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a") return null;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}
