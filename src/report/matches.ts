/**
 * Every match of a global pattern in a text, in order, as `text.matchAll(pattern)` gives them.
 * matchAll makes a new RegExp object on every call; the parser runs its patterns on every
 * sentence and clause of a report, so the shared pattern is rewound and run instead.
 */
export function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    found.push(m);
    // An empty match does not move on by itself (matchAll steps over it the same way).
    if (m[0] === "")
      pattern.lastIndex += pattern.unicode && (text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1;
  }
  pattern.lastIndex = 0;
  return found;
}
