import type { Answer, FigureView } from "../../src/answer/answer.ts";

/** The figures an answer shows, in order, from all its figure blocks. */
export function shownFigures(answer: Answer): FigureView[] {
  return answer.blocks.flatMap((b) => (b.kind === "figures" ? b.figures : []));
}

/** The first figure (as written) that a question gets in a report, after switching the chat to it. */
export async function firstFigureIn(
  ask: (line: string) => Promise<Answer>,
  report: string,
  question: string,
): Promise<string | undefined> {
  await ask(`/report ${report}`);
  return shownFigures(await ask(question))[0]?.raw;
}
