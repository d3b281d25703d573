/**
 * A child process of the ingest pool (ingest-pool.ts): on its own connection to the
 * database given as its argument (and the size cap, in bytes, if any), reads (unless sent
 * its content), parses and stores each group of report files it is sent, the group in one
 * transaction, and answers with what happened to each file. The sentences are left for the
 * background indexer (index-worker.ts) to put in the full-text index, so that the bot is
 * ready sooner. It ends when its parent goes.
 */

import { z } from "zod";
import { ReportFileError } from "../report/decode.ts";
import type { ParsedReport } from "../report/types.ts";
import { capArgument, openDatabase, retryWhileBusy } from "./db.ts";
import { fileStorageProblem, storageFaultOf } from "./faults.ts";
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

/** A file parsed, waiting for its group's transaction. */
interface Parsed {
  job: IngestJob;
  hash: string;
  parsed: ParsedReport;
}

/** Reads and parses a file; a file that cannot be read or is no report is a reply. */
function parse(job: IngestJob): Parsed | IngestReply {
  try {
    const content = job.content ?? readReportContent(job.file, job.maxFileBytes);
    return { job, hash: content.hash, parsed: readReport(content.bytes, job.file, false).parsed };
  } catch (error) {
    const problem = error instanceof ReportFileError ? error.message : readProblem(job.file, error);
    if (problem === null) throw error;
    return { job: job.job, ok: false, error: problem };
  }
}

/**
 * Stores the parsed files in one transaction, each in its own savepoint: a report the
 * storage refuses (larger than the room left under the cap) fails alone. When SQLite has
 * given up the whole transaction instead (as it does on SQLITE_FULL), the files are
 * stored again one transaction each, so that those that fit are kept.
 */
function store(files: readonly Parsed[]): IngestReply[] {
  if (files.length === 0) return [];
  try {
    return retryWhileBusy(() =>
      db
        .transaction(() =>
          files.map(({ job, hash, parsed }): IngestReply => {
            try {
              const file = { id: job.id, file: job.file, hash, stamp: job.stamp };
              return { job: job.job, ok: true, ...repo.saveFile(file, parsed, null) };
            } catch (error) {
              const problem = fileStorageProblem(job.file, error);
              if (problem === null || !db.inTransaction) throw error;
              return { job: job.job, ok: false, error: problem };
            }
          }),
        )
        .immediate(),
    );
  } catch (error) {
    if (files.length > 1 && storageFaultOf(error, "reports", false) !== null)
      return files.flatMap((file) => store([file]));
    return files.map(({ job }) => {
      const problem = fileStorageProblem(job.file, error);
      if (problem === null) throw error;
      return { job: job.job, ok: false, error: problem };
    });
  }
}

process.on("message", (group: IngestJob[]) => {
  const replies: IngestReply[] = [];
  const parsed: Parsed[] = [];
  for (const job of group) {
    const result = parse(job);
    if ("parsed" in result) parsed.push(result);
    else replies.push(result);
  }
  send([...replies, ...store(parsed)]);
});
process.on("disconnect", () => {
  db.close();
  process.exit(0);
});
