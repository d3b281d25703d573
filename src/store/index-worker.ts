/**
 * The background indexer's thread (background-index.ts): on its own connection to the
 * database, puts every stored report that is not in the full-text index yet into it, one
 * transaction each, and posts "done".
 */
import { parentPort, workerData } from "node:worker_threads";
import { z } from "zod";
import { openDatabase } from "./db.ts";
import { ReportRepository } from "./reports.ts";

const { path } = z.object({ path: z.string() }).parse(workerData);
const db = openDatabase(path);
try {
  const repo = new ReportRepository(db);
  // Asked again after each round: reports stored meanwhile are taken too.
  for (let ids = repo.unindexed(); ids.length > 0; ids = repo.unindexed()) {
    for (const id of ids) repo.reindex(id);
  }
} finally {
  db.close();
}
parentPort?.postMessage("done");
