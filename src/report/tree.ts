/**
 * Where a node sits in a report's section tree. A figure or sentence is cited by its
 * heading section — the part or sub-section — even when it sits in an enumerated item
 * (一是…) or a deeper heading, because that is what a reader finds in the outline.
 */

/** The fields of a node that decide its heading section. */
export interface TreeNode {
  id: string;
  parentId: string | null;
  depth: number;
  inline: boolean;
}

/** The heading section of a node: itself, or its nearest ancestor that is a part or sub-section. */
export function headingNode<N extends TreeNode>(node: N, byId: ReadonlyMap<string, N>): N {
  let n: N | undefined = node;
  while (n && (n.inline || n.depth > 2) && n.parentId) n = byId.get(n.parentId);
  return n ?? node;
}
