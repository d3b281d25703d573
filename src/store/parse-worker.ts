/**
 * A child process of the parse pool (parse-pool.ts): reads each report file it is sent and
 * sends back the parsed report, or why the file is not a report. The index words are left
 * to the background indexer (index-worker.ts), so that the bot is ready sooner. It ends
 * when its parent goes.
 */
import { ReportFileError } from "../report/decode.ts";
import type { ParseJob, ParseOutcome } from "./parse-pool.ts";
import { readReport } from "./read-report.ts";

const send = process.send?.bind(process);
if (!send) throw new Error("parse-worker.ts runs as a child process of the parse pool");

process.on("message", (job: ParseJob) => {
  let outcome: ParseOutcome;
  try {
    const { parsed } = readReport(job.bytes, job.file, false);
    // Each figure's copy of its sentence is left here: the store keeps the sentence once.
    const figures = parsed.figures.map((f) => ({ ...f, sentence: "" }));
    outcome = { job: job.job, ok: true, read: { parsed: { ...parsed, figures }, words: null } };
  } catch (error) {
    if (!(error instanceof ReportFileError)) throw error;
    outcome = { job: job.job, ok: false, error: error.message };
  }
  send(outcome);
});
process.on("disconnect", () => process.exit(0));
