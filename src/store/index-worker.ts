/**
 * The background indexer's child process (background-index.ts): on its own connection to
 * the database given as its argument (and the size cap, in bytes, if any), puts every stored report that is not in the
 * full-text index yet into it, one transaction each, then ends.
 */
import { z } from "zod";
import { capArgument, openDatabase } from "./db.ts";
import { storageFaultOf } from "./faults.ts";
import { ReportRepository } from "./reports.ts";

const path = z.string().min(1).parse(process.argv[2]);
const db = openDatabase(path, capArgument(process.argv[3]));
let fault: string | null = null;
try {
  const repo = new ReportRepository(db);
  // Asked again after each round: reports stored meanwhile are taken too.
  for (let ids = repo.unindexed(); ids.length > 0; ids = repo.unindexed()) {
    for (const id of ids) repo.reindex(id);
  }
} catch (error) {
  // The storage refusing a write (a full disk) is told to the parent, which logs it; the
  // reports left out are indexed at their first search, or by the next start's indexer.
  const refused = storageFaultOf(error, "full-text index", false);
  if (!refused) throw error;
  fault = `${refused.message} (${refused.code})`;
} finally {
  db.close();
}
const send = process.send?.bind(process);
// Ends once the message is on its way: exiting at once could lose it.
if (fault !== null && send) send({ fault }, () => process.exit(1));
else process.exit(fault === null ? 0 : 1);
