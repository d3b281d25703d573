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
import { capArgument, isLockBusy, openDatabase, retryWhileBusy } from "./db.ts";
import { fileStorageProblem, storageFaultOf } from "./faults.ts";
import type { IngestJob, IngestReply } from "./ingest-pool.ts";
import { readReport } from "./read-report.ts";
import { readProblem, readReportContent } from "./report-files.ts";
import { ReportRepository } from "./reports.ts";

if (!process.send) throw new Error("ingest-worker.ts runs as a child process of the ingest pool");

function send(replies: IngestReply[]): void {
  process.send?.(replies);
}

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

/** A group of files parsed, waiting to be stored: the replies for those that failed, and the reports. */
interface ParsedGroup {
  replies: IngestReply[];
  reports: Parsed[];
}

function parseGroup(group: readonly IngestJob[]): ParsedGroup {
  const replies: IngestReply[] = [];
  const reports: Parsed[] = [];
  for (const job of group) {
    const result = parse(job);
    if ("parsed" in result) reports.push(result);
    else replies.push(result);
  }
  return { replies, reports };
}

const beginWrite = db.prepare("BEGIN IMMEDIATE");
const commit = db.prepare("COMMIT");

/**
 * Whether no other connection holds the write lock: taken and given back at once. Any
 * other error than SQLITE_BUSY, here or in giving the lock back, is left for the store to
 * meet, and to answer for each file.
 */
function writeLockFree(): boolean {
  try {
    beginWrite.run();
  } catch (error) {
    return !isLockBusy(error);
  }
  try {
    commit.run();
  } catch {
    if (db.inTransaction) db.exec("ROLLBACK");
  }
  return true;
}

// Groups sent and not yet parsed, and groups parsed and not yet stored, oldest first.
const received: IngestJob[][] = [];
const parsed: ParsedGroup[] = [];
let stepping = false;

/**
 * One step, then back to the event loop, so that the groups sent meanwhile come in: the
 * oldest parsed group is stored, unless the other worker holds the write lock and there is
 * a group to parse meanwhile. Waiting for the lock with the next group already sent cost
 * each worker ~0.4 s in a cold start of 1,000 reports; parsing it meanwhile took the start
 * from 6.8 to 6.0 s (medians of four, side by side). The lock may be taken by the other
 * worker between the look and the store: the store then waits for it, as it always did. A
 * group with nothing to store (every file failed) is answered as soon as it is parsed.
 */
function step(): void {
  stepping = false;
  const oldest = parsed[0];
  if (oldest && (received.length === 0 || writeLockFree())) {
    parsed.shift();
    send([...oldest.replies, ...store(oldest.reports)]);
  } else {
    const group = received.shift();
    if (group) {
      const done = parseGroup(group);
      if (done.reports.length > 0) parsed.push(done);
      else send(done.replies);
    }
  }
  if (parsed.length > 0 || received.length > 0) nextStep();
}

function nextStep(): void {
  if (stepping) return;
  stepping = true;
  setImmediate(step);
}

process.on("message", (group: IngestJob[]) => {
  received.push(group);
  nextStep();
});
process.on("disconnect", () => {
  db.close();
  process.exit(0);
});
