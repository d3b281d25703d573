/** A typed line split into command and arguments. */
export interface CommandLine {
  command: string;
  args: string;
}

/**
 * Reads "/stat@ReportBot 法律援助" as { command: "stat", args: "法律援助" }. A full-width
 * slash counts too. Text with no leading slash is a question: null.
 */
export function parseCommandLine(line: string): CommandLine | null {
  const m = /^\s*[/／]([^\s@]*)(?:@\S*)?(?:\s+([\s\S]*))?$/.exec(line);
  if (!m) return null;
  return { command: m[1] ?? "", args: (m[2] ?? "").trim() };
}

/** The bot username a group command is addressed to (/stat@ReportBot → ReportBot), if any. */
export function addressedTo(line: string): string | null {
  const m = /^\s*[/／][^\s@]*@(\S+)/.exec(line);
  return m?.[1] ?? null;
}
