import { z } from "zod";
import type { Answer } from "../answer/answer.ts";
import type { Charts } from "../chart/index.ts";
import type { Chat } from "../chat.ts";
import type { AutocompleteSource } from "../query/autocomplete.ts";
import type { Knowledge } from "../query/knowledge.ts";
import type { ReportIndex } from "../query/report-index.ts";
import type { ChatSubscriptions } from "../reminders/subscriptions.ts";

export type { Chat, Platform } from "../chat.ts";

/** Text in the two languages the bot speaks. */
export interface Localized {
  zh: string;
  en: string;
}

/** One of the bot's two languages. */
export type Locale = keyof Localized;

/** A command as an adapter hands it over. */
export interface Invocation {
  command: string;
  /** The rest of the line as typed, or named options as a platform's form gave them. */
  args: string | Record<string, string | number | undefined>;
  chat: Chat;
  userId: string;
  locale: Locale;
  /** Whether the user may change this chat's settings (admin of a group, anyone in private). */
  isChatAdmin: boolean;
  /**
   * Asks the platform whether the user administers the chat, for when the update alone
   * cannot tell (a Telegram group member). Called only for commands that need an admin.
   */
  checkAdmin?: () => Promise<boolean>;
}

/** One option of a command: what adapters show, and how its value is checked. */
export interface OptionDef<T> {
  kind: "text" | "integer";
  description: Localized;
  required: boolean;
  /** Takes the rest of the line in typed form (keywords with spaces). */
  rest: boolean;
  /** Given as name:value in typed form (page:2) rather than by position. */
  named: boolean;
  choices?: readonly string[];
  autocomplete?: AutocompleteSource;
  schema: z.ZodType<T>;
}

/** Longest free text a command takes; longer input is refused politely. */
export const MAX_INPUT = 100;

/** Free text, trimmed, not empty, at most MAX_INPUT long (the refusal's words: src/command/arg-problems.ts). */
function textSchema() {
  return z.string().trim().min(1).max(MAX_INPUT);
}

/** A required free-text option that takes the rest of the line. */
export function requiredText(description: Localized, autocomplete?: AutocompleteSource): OptionDef<string> {
  return {
    kind: "text",
    description,
    required: true,
    rest: true,
    named: false,
    ...(autocomplete ? { autocomplete } : {}),
    schema: textSchema(),
  };
}

/** An optional free-text option that takes the rest of the line. */
export function optionalText(
  description: Localized,
  autocomplete?: AutocompleteSource,
): OptionDef<string | undefined> {
  return {
    kind: "text",
    description,
    required: false,
    rest: true,
    named: false,
    ...(autocomplete ? { autocomplete } : {}),
    schema: textSchema().optional(),
  };
}

/** An optional single word by position (daily, 09:00), with the choices a form may offer. */
export function optionalWord(
  description: Localized,
  choices?: readonly string[],
  autocomplete?: AutocompleteSource,
): OptionDef<string | undefined> {
  return {
    kind: "text",
    description,
    required: false,
    rest: false,
    named: false,
    ...(choices ? { choices } : {}),
    ...(autocomplete ? { autocomplete } : {}),
    schema: textSchema().optional(),
  };
}

/** The page of a long answer, given as page:N. */
export function pageOption(): OptionDef<number> {
  return {
    kind: "integer",
    description: { zh: "页码", en: "page number" },
    required: false,
    rest: false,
    named: true,
    schema: z.coerce.number().int().min(1).max(1000).default(1),
  };
}

export type Options = Record<string, OptionDef<unknown>>;
export type ArgsOf<O extends Options> = { [K in keyof O]: O[K] extends OptionDef<infer T> ? T : never };

/** What a command sees when it runs. */
export interface CommandContext {
  invocation: Invocation;
  /**
   * The chat's current report, when any report is loaded; or the one the arguments name
   * instead (see Command.namesReport).
   */
  report: ReportIndex | null;
  /** Whether `report` is one the arguments named rather than the chat's. */
  reportNamed: boolean;
  knowledge: Knowledge;
  /** The chat's reminder subscriptions. */
  subscriptions: ChatSubscriptions;
  /** Draws chart images (PNG files kept by report version). */
  charts: Charts;
  /** Every registered command, for /help. */
  commands: readonly AnyCommand[];
  cacheStats(): { hits: number; misses: number };
}

/** What a command that needs a report sees: the chat's report, always there. */
export interface ReportContext extends CommandContext {
  report: ReportIndex;
}

/**
 * A command, defined once for every platform. `R` is whether it needs a report: then the
 * dispatcher answers "no report loaded" for it, and `run` gets the report non-null.
 */
export interface Command<O extends Options = Options, R extends boolean = boolean> {
  /** Latin name: Telegram allows [a-z0-9_], Discord lower-case too. */
  name: string;
  /** Other names, Chinese ones included: /统计 → stat. */
  aliases?: readonly string[];
  description: Localized;
  /** Example lines for /help. */
  examples: readonly string[];
  options: O;
  /** Whether it reads the chat's report and has nothing to say without one. */
  needsReport?: R;
  /**
   * The report its answer reads when the arguments name another than the chat's (a
   * question about 清苑区2005年), else null. It is the context's `report`, and keys the cache.
   */
  namesReport?: (args: ArgsOf<O>, knowledge: Knowledge, chatReport: ReportIndex | null) => ReportIndex | null;
  /** Whether its answers may be served from the response cache (for these arguments). */
  cacheable: boolean | ((args: ArgsOf<O>) => boolean);
  /**
   * In a group or channel, only its admins may run it (subscriptions, settings); a function
   * when that depends on the arguments (/timezone shows the zone to anyone, sets it for admins).
   * Commands that are always admin-only are hidden from non-admins in Discord's menu.
   */
  adminOnly?: boolean | ((args: ArgsOf<O>) => boolean);
  run(ctx: R extends true ? ReportContext : CommandContext, args: ArgsOf<O>): Answer | Promise<Answer>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds commands of every option shape
export type AnyCommand = Command<any, boolean>;

/** Declares a command, keeping its argument types, and whether it has a report, tied to its definition. */
export function defineCommand<O extends Options, R extends boolean = false>(
  command: Command<O, R>,
): Command<O, R> {
  return command;
}
