import { z } from "zod";
import type { AnyCommand, OptionDef } from "./types.ts";

const schemas = new WeakMap<AnyCommand, z.ZodType<Record<string, unknown>>>();

/** A zod schema for a command's whole argument object, built from its options (once per command). */
export function argsSchema(command: AnyCommand): z.ZodType<Record<string, unknown>> {
  const known = schemas.get(command);
  if (known) return known;
  const shape: Record<string, z.ZodType> = {};
  for (const [name, option] of Object.entries(command.options as Record<string, OptionDef<unknown>>)) {
    shape[name] = option.schema;
  }
  const schema = z.object(shape);
  schemas.set(command, schema);
  return schema;
}

/**
 * Turns a typed line into named values: name:value tokens for named options, then the
 * positional options in order, the last `rest` option taking what remains.
 */
export function splitTypedArgs(command: AnyCommand, line: string): Record<string, string> {
  const options = Object.entries(command.options as Record<string, OptionDef<unknown>>);
  const values: Record<string, string> = {};
  const words: string[] = [];
  for (const token of line.split(" ").filter((t) => t !== "")) {
    const named = /^([a-z_]+)[:：=](.+)$/.exec(token);
    const option = named ? options.find(([name, o]) => o.named && name === named[1]) : undefined;
    if (named && option) values[option[0]] = named[2] as string;
    else words.push(token);
  }
  const positional = options.filter(([, o]) => !o.named);
  positional.forEach(([name, option], i) => {
    if (words.length === 0) return;
    const isLast = i === positional.length - 1;
    values[name] = option.rest || isLast ? words.splice(0).join(" ") : (words.shift() as string);
  });
  return values;
}

/** The usage line of a command: /stat <关键词> [page:页码]. */
export function usageLine(command: AnyCommand, locale: "zh" | "en"): string {
  const parts = Object.entries(command.options as Record<string, OptionDef<unknown>>).map(([name, o]) => {
    const label = o.named ? `${name}:${o.description[locale]}` : o.description[locale];
    return o.required ? `<${label}>` : `[${label}]`;
  });
  return [`/${command.name}`, ...parts].join(" ");
}
