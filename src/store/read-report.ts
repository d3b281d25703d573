import { readReportInput } from "../report/input.ts";
import { parseReport } from "../report/parse.ts";
import type { ParsedReport } from "../report/types.ts";
import { indexWords } from "./fts.ts";

/** A report file read and parsed, with the full-text index words of each sentence if asked for. */
export interface ReadReport {
  parsed: ParsedReport;
  words: string[] | null;
}

/**
 * The CPU-heavy part of ingest (decoding, reading a page, segmenting every sentence for the
 * index), in one function so it can run in a child process as well as inline. Throws
 * ReportFileError for a file that does not read as a report.
 */
export function readReport(bytes: Uint8Array, file: string, withWords = true): ReadReport {
  // A saved page (HTML, any charset) or a text file; a page that names its address keeps it as the source.
  const input = readReportInput(bytes, file);
  const parsed = parseReport(input.text, file, { sourceUrl: input.sourceUrl });
  return { parsed, words: withWords ? parsed.sentences.map((s) => indexWords(s.text)) : null };
}
