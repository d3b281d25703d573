import { readFileSync } from "node:fs";
import type { Answer } from "./answer.ts";

/**
 * The PNG of an answer's picture (a chart), or null when it has none or its file cannot be
 * read (the folder was emptied since): the answer then goes out as text alone.
 */
export function imageBytes(answer: Answer): Buffer | null {
  if (!answer.image) return null;
  try {
    return readFileSync(answer.image.path);
  } catch {
    return null;
  }
}
