/**
 * What is wrong with a command's arguments, said in plain words with a usage line and
 * examples. The words come from the option that failed and the kind of failure, never from
 * the checker's own messages ("Invalid input: expected string…"), which are for developers.
 */
import type { z } from "zod";
import { usageLine } from "./args.ts";
import { type AnyCommand, type Locale, MAX_INPUT, type OptionDef } from "./types.ts";

export interface ArgumentProblem {
  code: "too_long" | "bad_input";
  message: string;
}

/** How many of a command's examples a refusal shows. */
const EXAMPLES_SHOWN = 3;

type Issue = z.core.$ZodIssue;

/** The failure of one option, in words; `missing` when nothing usable was given. */
function optionProblem(
  issue: Issue,
  option: OptionDef<unknown> | undefined,
  locale: Locale,
): { missing: boolean; tooLong: boolean; words: string } {
  const zh = locale === "zh";
  const label = option?.description[locale] ?? (zh ? "参数" : "argument");
  if (option?.kind === "integer") {
    const bound =
      "minimum" in issue ? Number(issue.minimum) : "maximum" in issue ? Number(issue.maximum) : null;
    if (issue.code === "too_small" && bound !== null)
      return {
        missing: false,
        tooLong: false,
        words: zh ? `${label}从${bound}开始` : `the ${label} starts at ${bound}`,
      };
    if (issue.code === "too_big" && bound !== null)
      return {
        missing: false,
        tooLong: false,
        words: zh ? `${label}最大是${bound}` : `the ${label} is at most ${bound}`,
      };
    return {
      missing: false,
      tooLong: false,
      words: zh ? `${label}要写成整数` : `the ${label} must be a whole number`,
    };
  }
  if (issue.code === "too_big")
    return {
      missing: false,
      tooLong: true,
      words: zh
        ? `${label}太长了 (最多${MAX_INPUT}个字)`
        : `the ${label} is too long (at most ${MAX_INPUT} characters)`,
    };
  // Nothing given, only spaces, or something that is no text at all (a form's number).
  return { missing: true, tooLong: false, words: label };
}

/**
 * The refusal for arguments that did not pass their checks: what is missing or wrong, the
 * usage line and a few examples, e.g. "请在 /stat 后面写上关键词, 例如: /stat 法律援助 · …".
 */
export function argumentProblem(
  command: AnyCommand,
  issues: readonly Issue[],
  locale: Locale,
): ArgumentProblem {
  const zh = locale === "zh";
  const options = command.options as Record<string, OptionDef<unknown>>;
  const first = issues[0];
  const name = typeof first?.path[0] === "string" ? first.path[0] : "";
  const problem = first
    ? optionProblem(first, options[name], locale)
    : { missing: false, tooLong: false, words: zh ? "参数不对" : "the arguments are not right" };
  const examples = command.examples.slice(0, EXAMPLES_SHOWN).join(" · ");
  const usage = usageLine(command, locale);
  const message = problem.missing
    ? zh
      ? `请在 /${command.name} 后面写上${problem.words}, 例如: ${examples}。用法: ${usage}`
      : `Please add the ${problem.words} after /${command.name}, e.g. ${examples}. Usage: ${usage}`
    : zh
      ? `${problem.words}。用法: ${usage}, 例如: ${examples}`
      : `Sorry, ${problem.words}. Usage: ${usage}, e.g. ${examples}`;
  return { code: problem.tooLong ? "too_long" : "bad_input", message };
}
