/**
 * A child process of the ingest pool (ingest-pool.ts): on its own connection to the
 * database given as its argument (and the size cap, in bytes, if any), reads (unless sent
 * its content), parses and stores each report file it is sent,
 * and answers with what happened to it. The sentences are left for the background indexer
 * (index-worker.ts) to put in the full-text index, so that the bot is ready sooner. It
 * ends when its parent goes.
 */
import { z } from "zod";
import { ReportFileError } from "../report/decode.ts";
import { capArgument, openDatabase, retryWhileBusy } from "./db.ts";
import { storageFaultOf } from "./faults.ts";
import type { IngestJob, IngestReply } from "./ingest-pool.ts";
import { readReport } from "./read-report.ts";
import { readProblem, readReportContent } from "./report-files.ts";
import { ReportRepository } from "./reports.ts";

const send = process.send?.bind(process);
if (!send) throw new Error("ingest-worker.ts runs as a child process of the ingest pool");
const db = openDatabase(z.string().min(1).parse(process.argv[2]), capArgument(process.argv[3]));
// The write lock is waited for by retryWhileBusy, in shorter steps than SQLite's own.
db.pragma("busy_timeout = 0");
const repo = new ReportRepository(db);
repo.pauseCheckpoints();

process.on("message", (job: IngestJob) => {
  let reply: IngestReply;
  try {
    const content = job.content ?? readReportContent(job.file, job.maxFileBytes);
    const { parsed } = readReport(content.bytes, job.file, false);
    const file = { id: job.id, file: job.file, hash: content.hash, stamp: job.stamp };
    reply = { job: job.job, ok: true, ...retryWhileBusy(() => repo.saveFile(file, parsed, null)) };
  } catch (error) {
    // A file that cannot be read or is no report, or a report the storage refuses (a full
    // disk), fails alone.
    const problem = error instanceof ReportFileError ? error.message : readProblem(job.file, error);
    if (problem !== null) reply = { job: job.job, ok: false, error: problem };
    else {
      const fault = storageFaultOf(error, "reports", false);
      if (!fault) throw error;
      reply = { job: job.job, ok: false, error: `${job.file}: ${fault.message} (${fault.code})` };
    }
  }
  send(reply);
});
process.on("disconnect", () => {
  db.close();
  process.exit(0);
});
