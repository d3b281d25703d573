/**
 * Charts on disk, keyed by report version like answers: a file is named after its report,
 * the report's version and a hash of the chart's SVG, so one chart is rendered once per
 * report version, and a changed drawing (other figures, newer drawing code) never finds an
 * old file. Writing a chart removes the files of the report's other versions, and the
 * folder keeps at most `maxFiles` charts, the least recently used going first.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { AnswerImage, ReportRef } from "../answer/answer.ts";
import { type Png, pngSize } from "./render.ts";

const HASH_LENGTH = 20;
/** A chart's file name: report, version, SVG hash (the report part may itself hold "-v"). */
const FILE_NAME = new RegExp(`^(.+)-v(\\d+)-[0-9a-f]{${HASH_LENGTH}}\\.png$`);

/** A report id as it stands in file names (ids are file names already; this keeps them plain). */
function fileSafe(reportId: string): string {
  return reportId.replace(/[^\p{L}\p{N}_-]/gu, "_");
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}

/** Width and height of a stored chart, or null when there is none (or it is damaged). */
function storedSize(path: string): { width: number; height: number } | null {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  try {
    const header = Buffer.alloc(24);
    readSync(fd, header, 0, header.length, 0);
    return pngSize(header);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a file aside and renames it into place, so no reader ever sees half a chart; when
 * the write fails (a full disk), the partial file is removed and the error thrown.
 */
function writeAtomically(path: string, data: Uint8Array): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created, or already gone: nothing is left behind either way.
    }
    throw error;
  }
}

export class ChartCache {
  constructor(
    readonly directory: string,
    private readonly maxFiles = 1000,
  ) {}

  /** The file a chart of this report version with this SVG is kept in. */
  pathFor(report: ReportRef, svg: string): string {
    const hash = createHash("sha256").update(svg).digest("hex").slice(0, HASH_LENGTH);
    return join(this.directory, `${fileSafe(report.id)}-v${report.version}-${hash}.png`);
  }

  /** The stored chart of this SVG, rendered and stored first when there is none. */
  obtain(
    report: ReportRef,
    svg: string,
    render: (svg: string) => Png,
  ): { image: AnswerImage; cached: boolean } {
    const path = this.pathFor(report, svg);
    const stored = storedSize(path);
    if (stored) {
      try {
        const now = new Date();
        utimesSync(path, now, now);
      } catch {
        // A read-only folder still serves its charts; only their LRU order stays as it was.
      }
      return { image: { path, ...stored }, cached: true };
    }
    const png = render(svg);
    mkdirSync(this.directory, { recursive: true });
    writeAtomically(path, png.data);
    this.prune(report);
    return { image: { path, width: png.width, height: png.height }, cached: false };
  }

  /** Removes the report's charts of other versions, then the oldest beyond `maxFiles`. */
  private prune(report: ReportRef): void {
    const id = fileSafe(report.id);
    const kept: { path: string; used: number }[] = [];
    for (const name of readdirSync(this.directory)) {
      const chart = FILE_NAME.exec(name);
      if (!chart) continue;
      const path = join(this.directory, name);
      if (chart[1] === id && Number(chart[2]) !== report.version) {
        this.remove(path);
        continue;
      }
      try {
        kept.push({ path, used: statSync(path).mtimeMs });
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    if (kept.length <= this.maxFiles) return;
    kept.sort((a, b) => a.used - b.used);
    for (const old of kept.slice(0, kept.length - this.maxFiles)) this.remove(old.path);
  }

  private remove(path: string): void {
    try {
      unlinkSync(path);
    } catch (error) {
      // Another process may have removed it first.
      if (!isMissing(error)) throw error;
    }
  }
}
