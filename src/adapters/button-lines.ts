/**
 * The command lines behind buttons. A button carries the line it runs when the platform's
 * button data can hold it; a longer line is kept in a small in-memory LRU map and the
 * button carries a short key instead. Telegram and Discord differ only in what fits.
 */
import { randomBytes } from "node:crypto";

const LINE_PREFIX = "c:";
const KEY_PREFIX = "k:";

/** Maps button data to command lines and back; remembers the most recent long lines. */
export class ButtonLines {
  private readonly lines = new Map<string, string>();
  // Keys from an earlier process must not find this process's lines.
  private readonly boot = randomBytes(3).toString("hex");
  private counter = 0;

  constructor(
    /** Whether the platform takes this as a button's data. */
    private readonly fits: (data: string) => boolean,
    private readonly capacity: number,
  ) {}

  /** The button data for a command line: the line itself when it fits, else a key. */
  encode(command: string): string {
    // Platforms refuse a lone surrogate (not UTF-8); it would not come back the same anyway.
    const line = command.toWellFormed();
    const direct = LINE_PREFIX + line;
    if (this.fits(direct)) return direct;
    const key = `${KEY_PREFIX}${this.boot}${(this.counter++).toString(36)}`;
    this.lines.set(key, line);
    if (this.lines.size > this.capacity) {
      const oldest = this.lines.keys().next();
      if (!oldest.done) this.lines.delete(oldest.value);
    }
    return key;
  }

  /** The command line behind a button, or null when its key has expired (or the data is foreign). */
  decode(data: string): string | null {
    if (data.startsWith(LINE_PREFIX)) return data.slice(LINE_PREFIX.length);
    const line = this.lines.get(data);
    if (line === undefined) return null;
    // Used again: it becomes the most recent.
    this.lines.delete(data);
    this.lines.set(data, line);
    return line;
  }
}
