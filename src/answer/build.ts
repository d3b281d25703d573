import type {
  Action,
  Answer,
  Block,
  ErrorInfo,
  FigureView,
  Paging,
  ReportRef,
  SectionRef,
} from "./answer.ts";
import { renderText } from "./text.ts";

export interface AnswerParts {
  title: string;
  blocks?: Block[];
  figures?: FigureView[];
  sections?: SectionRef[];
  report?: ReportRef | null;
  paging?: Paging | null;
  actions?: Action[];
  suggestions?: string[];
}

function build(command: string, ok: boolean, parts: AnswerParts, error: ErrorInfo | null): Answer {
  const answer: Omit<Answer, "text"> = {
    ok,
    command,
    title: parts.title,
    blocks: parts.blocks ?? [],
    figures: parts.figures ?? [],
    sections: parts.sections ?? [],
    report: parts.report ?? null,
    paging: parts.paging ?? null,
    actions: parts.actions ?? [],
    suggestions: parts.suggestions ?? [],
    error,
    cached: false,
  };
  return { ...answer, text: renderText(answer) };
}

/** A successful answer. */
export function answer(command: string, parts: AnswerParts): Answer {
  return build(command, true, parts, null);
}

/** A user-facing refusal or empty result: a value, never an exception. */
export function refusal(
  command: string,
  code: ErrorInfo["code"],
  message: string,
  parts: Partial<AnswerParts> = {},
): Answer {
  return build(command, false, { title: message, ...parts }, { code, message });
}

/** The command line of one page of an answer: "/stat 法律援助 page:2". */
export function pageLine(line: string, page: number): string {
  return `${line} page:${page}`;
}

/**
 * Splits items into pages; `page` is 1-based and clamped into range. `line` is the command
 * line that gives them, without its page ("/stat 法律援助").
 */
export function paginate<T>(
  items: readonly T[],
  page: number,
  perPage: number,
  line: string,
): { shown: T[]; startAt: number; paging: Paging | null } {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const current = Math.min(Math.max(1, page), pages);
  const start = (current - 1) * perPage;
  const shown = items.slice(start, start + perPage);
  if (pages === 1) return { shown, startAt: 1, paging: null };
  return {
    shown,
    startAt: start + 1,
    paging: {
      line,
      page: current,
      pages,
      total: items.length,
      next: current < pages ? { label: "更多 ›", command: pageLine(line, current + 1) } : null,
      previous: current > 1 ? { label: "‹ 上一页", command: pageLine(line, current - 1) } : null,
    },
  };
}
