/**
 * Encodes a neutral Answer as one Discord embed: the title, the blocks as Markdown in the
 * description, figures as fields when they fit, and a footer naming the report, sections and
 * page. Report and user text is Markdown-escaped, and everything is cut to Discord's limits
 * (never inside a character, preferably between lines, always saying that it was cut).
 */
import type { APIEmbed, APIEmbedField } from "discord.js";
import type { Answer, Block, FigureView } from "../../answer/answer.ts";
import { sectionTag } from "../../answer/text.ts";

/** Discord's embed limits, in characters. */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Title, description, field names and values, and footer together. */
  total: 6000,
} as const;

const COLOR_ANSWER = 0x2f6fbd;
const COLOR_REFUSAL = 0x8a8f98;
const MARK = "…";
const SHOWN_SECTIONS = 3;

/** Cuts text to at most `max` characters, ending with "…" when cut, never splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - MARK.length;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}${MARK}`;
}

/** Joins lines into at most `max` characters, cutting between lines where it can. */
function fitLines(lines: readonly string[], max: number): string {
  const text = lines.join("\n").trim();
  if (text.length <= max) return text;
  const marker = `\n${MARK}`;
  const cut = text.lastIndexOf("\n", max - marker.length);
  return cut > 0 ? `${text.slice(0, cut)}${marker}` : clip(text, max);
}

/** The characters that can start Discord formatting, a mention (<@…>) or a masked link ([…](…)). */
const MARKDOWN = /[\\*_~|`>#[\]<-]/g;

/**
 * Report or user text as Discord Markdown that shows it as it is: a backslash before every
 * character that could start formatting, wherever it stands. discord.js's escapeMarkdown
 * leaves headings, lists, quotes, masked links and <@mentions> as they are, and takes
 * quadratic time on runs of ` or * (a third of a second for 4,000). A lone surrogate, which
 * Discord refuses as invalid UTF-8, becomes U+FFFD.
 */
export function escapeDiscordMarkdown(text: string): string {
  return text.toWellFormed().replace(MARKDOWN, "\\$&");
}

const esc = escapeDiscordMarkdown;

function change(f: FigureView): string {
  return f.change === "increase" ? " (增加)" : f.change === "decrease" ? " (减少)" : "";
}

/** The value as the report states it, with a qualifier (约, 余) not already in it, and what goes with it (增长7.5%, 成功率99 %). */
function shownValue(f: FigureView): string {
  const outer = f.qualifier && !f.raw.includes(f.qualifier) ? f.qualifier : "";
  return `**${esc(outer + f.raw)}**${change(f)}${f.related ? `, ${esc(f.related)}` : ""}`;
}

function where(sectionId: string, sectionTitle: string): string {
  return esc(sectionTag(sectionId, sectionTitle));
}

function figureField(f: FigureView, n: number): APIEmbedField {
  return {
    name: clip(`${n}. ${esc(f.label)}`, EMBED_LIMITS.fieldName),
    value: clip(
      `${shownValue(f)} ${where(f.sectionId, f.sectionTitle)}\n“${esc(f.sentence)}”`,
      EMBED_LIMITS.fieldValue,
    ),
  };
}

function blockLines(block: Block): string[] {
  switch (block.kind) {
    case "heading":
      return [`**${esc(block.text)}**`];
    case "paragraph":
      return block.text.split("\n").map(esc);
    case "list":
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : "•"} ${esc(item)}`);
    case "figures":
      return block.figures.flatMap((f, i) => [
        `${block.startAt + i}. ${esc(f.label)}: ${shownValue(f)} ${where(f.sectionId, f.sectionTitle)}`,
        `> ${esc(f.sentence)}`,
      ]);
    case "sentences":
      return block.sentences.map(
        (s, i) => `${block.startAt + i}. *${where(s.sectionId, s.sectionTitle)}* ${esc(s.text)}`,
      );
  }
}

function figureCount(answer: Answer): number {
  return answer.blocks.reduce((n, b) => n + (b.kind === "figures" ? b.figures.length : 0), 0);
}

/** The footer: report, sections and page, e.g. "忠县…报告 · 〔1.7〕 · 第1/3页, 共25项". */
function footerText(answer: Answer): string {
  const parts: string[] = [];
  if (answer.report) parts.push(answer.report.title);
  if (answer.sections.length > 0) {
    const ids = answer.sections.slice(0, SHOWN_SECTIONS).map((s) => s.id);
    const more = answer.sections.length > SHOWN_SECTIONS ? " …" : "";
    parts.push(`〔${ids.join(", ")}${more}〕`);
  }
  if (answer.paging && answer.paging.pages > 1) {
    parts.push(`第${answer.paging.page}/${answer.paging.pages}页, 共${answer.paging.total}项`);
  }
  // Footers show text as it is (no Markdown), so it is not escaped; only made well formed.
  return clip(parts.join(" · ").toWellFormed(), EMBED_LIMITS.footer);
}

/** The last field when some figures did not fit. */
function omittedField(count: number): APIEmbedField {
  return { name: MARK, value: `另有${count}项未显示, 请缩小查询范围。` };
}

/** Keeps fields in order while they fit in `room` characters, then says how many were left out. */
function fitFields(fields: readonly APIEmbedField[], room: number): APIEmbedField[] {
  const kept: APIEmbedField[] = [];
  let left = room;
  for (const [i, field] of fields.entries()) {
    const note = omittedField(fields.length - i);
    const noteSize = note.name.length + note.value.length;
    const size = field.name.length + field.value.length;
    // Room stays for the note unless this is the last field.
    if (size + (i < fields.length - 1 ? noteSize : 0) > left) {
      if (noteSize <= left) kept.push(note);
      break;
    }
    kept.push(field);
    left -= size;
  }
  return kept;
}

function figureFields(answer: Answer): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  for (const block of answer.blocks) {
    if (block.kind !== "figures") continue;
    fields.push(...block.figures.map((f, i) => figureField(f, block.startAt + i)));
  }
  return fields;
}

// A cached answer comes back as the same object on every hit (see Dispatcher): its embed is
// kept as long as the answer is, instead of being escaped and clipped again each time.
const rendered = new WeakMap<Answer, APIEmbed>();

/** The answer as one embed within Discord's limits. */
export function renderEmbed(answer: Answer): APIEmbed {
  let embed = rendered.get(answer);
  if (!embed) {
    embed = buildEmbed(answer);
    rendered.set(answer, embed);
  }
  return embed;
}

function buildEmbed(answer: Answer): APIEmbed {
  // The title line is not escaped: Discord renders few formats there, and not every escape.
  const fullTitle = answer.title.trim().toWellFormed();
  const title = clip(fullTitle || MARK, EMBED_LIMITS.title);
  const footer = footerText(answer);
  const asFields = figureCount(answer) <= EMBED_LIMITS.fields;
  const lines: string[] = [];
  // A title too long for the title line is given in full as the description's first line.
  if (fullTitle.length > EMBED_LIMITS.title) lines.push(esc(fullTitle), "");
  for (const block of answer.blocks) {
    if (asFields && block.kind === "figures") continue;
    lines.push(...blockLines(block), "");
  }
  if (answer.suggestions.length > 0) lines.push(`试试: ${answer.suggestions.map(esc).join(" · ")}`);

  let room = EMBED_LIMITS.total - title.length - footer.length;
  const description = fitLines(lines, Math.min(EMBED_LIMITS.description, room));
  room -= description.length;
  const fields = asFields ? fitFields(figureFields(answer), room) : [];

  const embed: APIEmbed = { title, color: answer.ok ? COLOR_ANSWER : COLOR_REFUSAL };
  if (description !== "") embed.description = description;
  if (fields.length > 0) embed.fields = fields;
  if (footer !== "") embed.footer = { text: footer };
  return embed;
}
