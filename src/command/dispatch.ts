import type { Answer } from "../answer/answer.ts";
import { pageLine, refusal } from "../answer/build.ts";
import type { Charts } from "../chart/index.ts";
import { chatKey } from "../chat.ts";
import { autocomplete, type Choice } from "../query/autocomplete.ts";
import type { Knowledge } from "../query/knowledge.ts";
import { TIME_ZONES } from "../reminders/schedule.ts";
import type { ChatSubscriptions } from "../reminders/subscriptions.ts";
import type { ResponseCache } from "../store/cache.ts";
import { StorageWriteError } from "../store/faults.ts";
import { normalizeText } from "../text/normalize.ts";
import { argumentProblem } from "./arg-problems.ts";
import { argsSchema, splitTypedArgs } from "./args.ts";
import { PagedConversations, type PageTurn, pageAfter, pageTurn } from "./conversation.ts";
import { parseCommandLine } from "./line.ts";
import type { Registry } from "./registry.ts";
import { type AnyCommand, type Invocation, MAX_INPUT, type Options } from "./types.ts";

/** Argument lines whose checked form is kept; beyond that the memory starts afresh. */
const PARSED_ARGS_KEPT = 2_000;

/** Edit distance, for pointing a mistyped command at the nearest real one. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/**
 * The one way in for every platform: finds the command, checks its arguments (a bad
 * argument is an answer with a usage line, not an exception), serves from the response
 * cache when it can, and otherwise runs the command.
 */
export class Dispatcher {
  private readonly parsedArgs = new Map<string, ReturnType<ReturnType<typeof argsSchema>["safeParse"]>>();
  /** Answers given, by command, since start (for /metrics). */
  readonly answered = new Map<string, number>();
  /** Each chat's last paged answer, for 下一页 and page:2 sent alone. */
  private readonly conversations = new PagedConversations();

  private readonly knowledge: Knowledge;
  private readonly cache: ResponseCache;
  private readonly subscriptions: ChatSubscriptions;
  private readonly charts: Charts;

  constructor(
    readonly registry: Registry,
    parts: { knowledge: Knowledge; cache: ResponseCache; subscriptions: ChatSubscriptions; charts: Charts },
  ) {
    this.knowledge = parts.knowledge;
    this.cache = parts.cache;
    this.subscriptions = parts.subscriptions;
    this.charts = parts.charts;
  }

  async handle(invocation: Invocation): Promise<Answer> {
    const chat = chatKey(invocation.chat);
    const turn = this.pageTurnOf(invocation, chat);
    const answer = turn ? await this.turnPage(turn, invocation, chat) : await this.answer(invocation);
    this.conversations.remember(chat, answer);
    this.answered.set(answer.command, (this.answered.get(answer.command) ?? 0) + 1);
    return answer;
  }

  /**
   * Whether the invocation only turns the page of the chat's last paged answer: a question
   * that is just 下一页, 更多, 第2页 or page:2, or a command's page:N without its other
   * arguments when that command gave the last paged answer (/stat page:2 after /stat 件).
   */
  private pageTurnOf(invocation: Invocation, chat: string): PageTurn | null {
    const command = this.registry.find(commandName(invocation.command));
    if (!command || typeof invocation.args !== "string") return null;
    if (command.name === "ask") return pageTurn(invocation.args);
    const turn = pageTurn(invocation.args);
    const last = this.conversations.lastPaged(chat);
    return turn?.kind === "page" && last?.line.startsWith(`/${command.name} `) ? turn : null;
  }

  /** The page a turn asks for, as its command line answers it; or why there is none. */
  private async turnPage(turn: PageTurn, invocation: Invocation, chat: string): Promise<Answer> {
    const name = commandName(invocation.command);
    const last = this.conversations.lastPaged(chat);
    if (!last) {
      return refusal(
        name,
        "no_content",
        "还没有可以翻页的回答。先查点什么, 例如: /stat 法律援助 或 /search 公证, 再发“下一页”。",
      );
    }
    const page = pageAfter(turn, last);
    if (page < 1 || page > last.pages) {
      const where = page < 1 ? "已经是第一页了" : `已经是最后一页了 (共${last.pages}页)`;
      return refusal(name, "no_content", `${where}。回到第1页: ${pageLine(last.line, 1)}`, {
        suggestions: [pageLine(last.line, 1)],
      });
    }
    const line = parseCommandLine(pageLine(last.line, page));
    if (!line) throw new Error(`a paged answer's command line is no command: ${last.line}`);
    return this.answer({ ...invocation, command: line.command, args: line.args });
  }

  /** The title of the report a chat reads, or null when none is loaded (for a platform's greeting). */
  reportTitle(chat: Invocation["chat"]): string | null {
    return this.knowledge.current(chatKey(chat))?.report.title ?? null;
  }

  /**
   * The choices to offer while the user types an option of a command (autocomplete): figure
   * labels, section ids, report ids or zone names, as the option says; none for an option
   * that offers none.
   */
  choices(
    invocation: Pick<Invocation, "command" | "chat">,
    option: string,
    typed: string,
    limit = 25,
  ): Choice[] {
    const command = this.registry.find(commandName(invocation.command));
    const source = (command?.options as Options | undefined)?.[option]?.autocomplete;
    if (!source) return [];
    const sources = {
      report: this.knowledge.current(chatKey(invocation.chat)),
      reports: this.knowledge.reports(),
      timezones: TIME_ZONES,
    };
    return autocomplete(source, typed, sources, limit);
  }

  private async answer(invocation: Invocation): Promise<Answer> {
    const name = commandName(invocation.command);
    const command = this.registry.find(name);
    if (!command) return this.unknown(name);

    const raw = invocation.args;
    if (typeof raw === "string" && raw.length > MAX_INPUT * 2) {
      return refusal(command.name, "too_long", `输入太长了 (最多${MAX_INPUT}个字), 请缩短后再试。`);
    }
    const parsed = this.parseArgs(command, raw);
    if (!parsed.success) {
      const problem = argumentProblem(command, parsed.error.issues, invocation.locale);
      return refusal(command.name, problem.code, problem.message);
    }
    const needsAdmin =
      typeof command.adminOnly === "function" ? command.adminOnly(parsed.data) : command.adminOnly === true;
    if (needsAdmin && invocation.chat.kind !== "private" && !(await isAdmin(invocation))) {
      return refusal(command.name, "forbidden", "只有本群或频道的管理员可以这样做。");
    }
    const chatReport = this.knowledge.current(chatKey(invocation.chat));
    const named = command.namesReport?.(parsed.data, this.knowledge, chatReport) ?? null;
    const report = named ?? chatReport;
    if (command.needsReport && !report) {
      return refusal(
        command.name,
        "no_report",
        this.knowledge.loadingCount() > 0
          ? "报告正在载入, 请稍候再试。"
          : "还没有加载任何报告。请把报告文件放进 REPORTS_DIR 后重启。",
      );
    }
    const cacheable =
      typeof command.cacheable === "function" ? command.cacheable(parsed.data) : command.cacheable;
    const key = cacheable
      ? JSON.stringify([
          command.name,
          parsed.data,
          report?.report.id ?? null,
          report?.report.version ?? 0,
          invocation.locale,
        ])
      : null;
    if (key) {
      // Only this dispatcher writes the cache, and only Answers.
      const hit = this.cache.get(key) as Answer | null;
      // The same object on every hit, never changed: renderers may keep its rendering.
      if (hit !== null) return hit;
    }
    let answer: Answer;
    try {
      answer = await command.run(
        {
          invocation,
          report,
          reportNamed: named !== null,
          knowledge: this.knowledge,
          subscriptions: this.subscriptions,
          charts: this.charts,
          commands: this.registry.commands,
          cacheStats: () => this.cache.stats(),
        },
        parsed.data,
      );
    } catch (error) {
      if (error instanceof StorageWriteError) return notSaved(command.name, error);
      throw error;
    }
    // A "nothing found" is a result worth keeping; a refusal of bad input is not.
    if (key && (answer.ok || answer.error?.code === "not_found")) {
      this.cache.put(key, report?.report.id ?? "", { ...answer, cached: true });
    }
    return answer;
  }

  /**
   * A plain message (no slash) is a question, asked as /ask asks it: cached, refused and
   * counted like any command.
   */
  async handleQuestion(text: string, base: Omit<Invocation, "command" | "args">): Promise<Answer> {
    return this.handle({ ...base, command: "ask", args: text });
  }

  /** A typed line: a command, or a question when it has no leading slash. */
  async handleLine(line: string, base: Omit<Invocation, "command" | "args">): Promise<Answer> {
    const parsed = parseCommandLine(line);
    if (!parsed) return this.handleQuestion(line, base);
    return this.handle({ ...base, command: parsed.command, args: parsed.args });
  }

  /**
   * The command's arguments, folded and checked: once per distinct line, as the same
   * questions come again and again and checking costs more than answering from the cache.
   */
  private parseArgs(command: AnyCommand, raw: Invocation["args"]) {
    const line = `${command.name}\n${typeof raw === "string" ? raw : JSON.stringify(raw)}`;
    let parsed = this.parsedArgs.get(line);
    if (!parsed) {
      const given =
        typeof raw === "string" ? splitTypedArgs(command, normalizeText(raw)) : normalizeNamed(raw);
      parsed = argsSchema(command).safeParse(given);
      if (this.parsedArgs.size >= PARSED_ARGS_KEPT) this.parsedArgs.clear();
      this.parsedArgs.set(line, parsed);
    }
    return parsed;
  }

  private unknown(name: string): Answer {
    const nearest = this.registry
      .names()
      .map((n) => ({ n, d: distance(name, n) }))
      .sort((a, b) => a.d - b.d)[0];
    const close = nearest && nearest.d <= Math.max(1, Math.floor(name.length / 3)) ? nearest.n : null;
    const shown = name.length > 30 ? `${name.slice(0, 30)}…` : name;
    return refusal(
      shown,
      "unknown_command",
      `没有 /${shown} 这个命令。${close ? `你是不是想用 /${close}? ` : ""}发送 /help 查看全部命令。`,
      { suggestions: close ? [`/${close}`, "/help"] : ["/help"] },
    );
  }
}

/** A command's name as typed, folded and without its slash. */
function commandName(typed: string): string {
  return normalizeText(typed).replace(/^\//, "");
}

/** What the user calls each kind of data the store may fail to save. */
const UNSAVED: Record<string, string> = { subscriptions: "订阅", "chat settings": "设置" };

/** The refusal of a change the storage could not save (the store has recorded the cause). */
function notSaved(command: string, error: StorageWriteError): Answer {
  const what = UNSAVED[error.fault.during] ?? "更改";
  const why = error.fault.kind === "full" ? "存储空间已满" : "数据库暂时无法写入";
  return refusal(command, "not_saved", `${why}, ${what}未保存。请稍后再试, 或告知管理员。`);
}

/** The user's rights in the chat: known from the update, or asked of the platform. */
async function isAdmin(invocation: Invocation): Promise<boolean> {
  return invocation.isChatAdmin || ((await invocation.checkAdmin?.()) ?? false);
}

/** Named options from a platform form, with text folded like typed input. */
function normalizeNamed(args: Record<string, string | number | undefined>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === "string" ? normalizeText(v) : v]),
  );
}
