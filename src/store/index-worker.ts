/**
 * The background indexer's child process (background-index.ts): on its own connection to
 * the database given as its argument (and the size cap, in bytes, if any), puts every stored report that is not in the
 * full-text index yet into it, one transaction each, then ends.
 */
import { z } from "zod";
import { capArgument, openDatabase } from "./db.ts";
import { ReportRepository } from "./reports.ts";

const path = z.string().min(1).parse(process.argv[2]);
const db = openDatabase(path, capArgument(process.argv[3]));
try {
  const repo = new ReportRepository(db);
  // Asked again after each round: reports stored meanwhile are taken too.
  for (let ids = repo.unindexed(); ids.length > 0; ids = repo.unindexed()) {
    for (const id of ids) repo.reindex(id);
  }
} finally {
  db.close();
}
process.exit(0);
