import { createHash } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  type Stats,
  statSync,
} from "node:fs";
import { basename, extname, join, relative } from "node:path";
import { PARSER_VERSION } from "../report/parse.ts";

const REPORT_EXTENSIONS = new Set([".txt", ".text", ".htm", ".html"]);

/** The largest report file read when no limit is given: 20 MB. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * A report's id: its path under the reports folder (or its file name) without extension,
 * in lower case, with anything but letters, digits, _ and - turned into -, so safe for
 * commands: `fazhi/longhua-2019.txt` → `fazhi-longhua-2019`.
 */
export function reportIdFor(file: string, root?: string): string {
  const name = root === undefined ? basename(file) : relative(root, file);
  return name
    .slice(0, name.length - extname(name).length)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_-]+/gu, "-");
}

/** A report file and the id it is stored under. */
export interface ReportFile {
  file: string;
  id: string;
}

/** A file with a report's name that is not read, and why. */
export interface RefusedFile extends ReportFile {
  reason: string;
}

/** What a reports folder holds. */
export interface FolderListing {
  /** False when the folder does not exist (or is not a folder): nothing can be said of its reports. */
  exists: boolean;
  /** Regular files within the size limit, sorted by path. */
  files: ReportFile[];
  /** Files with a report's name that are not read: not regular files, or too large. */
  refused: RefusedFile[];
}

/** What kind of thing a path is that is not a regular file, for a warning. */
function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isDirectory()) return "a folder";
  return "not a regular file";
}

/** Why a file is not read, or null when it is read. Only stats are looked at: a FIFO is never opened. */
export function refusalOf(stats: Stats, maxBytes: number): string | null {
  if (!stats.isFile()) return `${kindOf(stats)}, not a regular file: skipped without being opened`;
  if (stats.size > maxBytes)
    return `${mb(stats.size)} MB, more than the limit of ${mb(maxBytes)} MB (REPORT_MAX_MB): skipped`;
  return null;
}

const mb = (bytes: number) => String(Math.round((bytes / 1048576) * 10) / 10);

/**
 * The report files in a folder and its sub-folders (hidden ones left out), sorted by path.
 * Only regular files no larger than `maxBytes` are listed to be read; anything else with a
 * report's name (a FIFO, a device, a socket, a huge file) is listed as refused.
 */
export function listReportFiles(dir: string, maxBytes = DEFAULT_MAX_FILE_BYTES): FolderListing {
  if (!(statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false))
    return { exists: false, files: [], refused: [] };
  const files: ReportFile[] = [];
  const refused: RefusedFile[] = [];
  // Folders already listed, by device and inode: a symbolic link back up the tree is not followed again.
  const listed = new Set<string>();
  const visit = (folder: string) => {
    const stats = statSync(folder, { throwIfNoEntry: false });
    const key = stats ? `${stats.dev}:${stats.ino}` : folder;
    if (listed.has(key)) return;
    listed.add(key);
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => cmp(a.name, b.name))) {
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      // A symbolic link counts as what it points at; a broken one is left out.
      const linked = entry.isSymbolicLink() ? statSync(path, { throwIfNoEntry: false }) : undefined;
      if (entry.isSymbolicLink() && !linked) continue;
      if (entry.isDirectory() || linked?.isDirectory()) {
        visit(path);
        continue;
      }
      if (!REPORT_EXTENSIONS.has(extname(entry.name).toLowerCase())) continue;
      // stat, never open: opening a FIFO waits for a writer.
      const target = linked ?? statSync(path, { throwIfNoEntry: false });
      if (!target) continue;
      const reason = refusalOf(target, maxBytes);
      if (reason === null) files.push({ file: path, id: reportIdFor(path, dir) });
      else refused.push({ file: path, id: reportIdFor(path, dir), reason });
    }
  };
  visit(dir);
  const byPath = (a: ReportFile, b: ReportFile) => cmp(a.file, b.file);
  return { exists: true, files: files.sort(byPath), refused: refused.sort(byPath) };
}

/** Code-unit order: the same on every machine and locale. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The report files in a folder and its sub-folders that are read, sorted by path. */
export function reportFiles(dir: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReportFile[] {
  return listReportFiles(dir, maxBytes).files;
}

/** A file that changed under the reader into something that may not be read. */
export class RefusedFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "RefusedFileError";
  }
}

/**
 * Reads a report file whole, checking on the open file that it is still a regular file
 * within the limit: it may have been replaced since the folder was listed. Opened without
 * blocking, so even a FIFO put there meanwhile does not hold the reader.
 */
export function readReportFile(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Buffer {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    const reason = refusalOf(stats, maxBytes);
    if (reason !== null) throw new RefusedFileError(file, reason);
    const bytes = Buffer.alloc(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return read === bytes.length ? bytes : bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** A report file as read: its bytes, and their hash with the parser's version (a new parser reads every file again). */
export interface FileContent {
  bytes: Uint8Array;
  hash: string;
}

/** Reads a report file (see readReportFile) and hashes what was read. */
export function readReportContent(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): FileContent {
  const bytes = readReportFile(file, maxBytes);
  return {
    bytes,
    hash: createHash("sha256").update(`parser ${PARSER_VERSION}\n`).update(bytes).digest("hex"),
  };
}

/**
 * What went wrong reading a report file, for a warning naming it: refused (no longer a
 * regular file within the limit) or a system error (gone, not readable); null for
 * anything else.
 */
export function readProblem(file: string, error: unknown): string | null {
  if (error instanceof RefusedFileError) return error.message;
  if (error instanceof Error && "syscall" in error && "code" in error)
    return `${file}: ${error.message} (${String(error.code)})`;
  return null;
}
