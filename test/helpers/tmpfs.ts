import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A small tmpfs: a real disk that fills up. Mounting needs root (CI runs as root) and a
 * system that allows it; `canMountTmpfs` says whether the tests that need one can run.
 */
export class Tmpfs {
  private constructor(readonly path: string) {}

  static mount(sizeKb: number): Tmpfs {
    const path = mkdtempSync(join(tmpdir(), "report-bot-tmpfs-"));
    const run = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKb}k`, "tmpfs", path], {
      encoding: "utf8",
    });
    if (run.status !== 0) {
      rmSync(path, { recursive: true, force: true });
      throw new Error(`cannot mount a tmpfs: ${run.stderr || run.error?.message}`);
    }
    return new Tmpfs(path);
  }

  /** A folder on it. */
  folder(name: string): string {
    const path = join(this.path, name);
    mkdirSync(path, { recursive: true });
    return path;
  }

  unmount(): void {
    spawnSync("umount", [this.path]);
    rmSync(this.path, { recursive: true, force: true });
  }
}

function probe(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    Tmpfs.mount(16).unmount();
    return true;
  } catch {
    return false;
  }
}

export const canMountTmpfs = probe();
