/** Elements smaller than this are parsed whole; larger ones with outlined children, piece by piece. */
export const PIECE_BYTES = 16 * 1024;

/** Consecutive children of an element, parsed in one call: one parse per child would cost more in set-up than in parsing. */
export interface OutlineRun {
  /** Offset of the first child's `<` (of the text before it, when the run keeps text). */
  readonly start: number;
  /** Offset just after the last child (the end of the text after it, when the run keeps text). */
  readonly end: number;
  /** How many child elements the run holds (0: text, comments, CDATA or PIs only). */
  readonly count: number;
  /**
   * Whether the text, CDATA and the rest between the children is content: a run of an element
   * with mixed content covers it all, with no gap between runs.
   */
  readonly keepsText: boolean;
}

/** An element that is parsed piece by piece (or the root, which may be whole). */
export interface OutlinedElement {
  /** Offset of its `<`. */
  readonly start: number;
  /** Offset just after its start tag. */
  readonly contentStart: number;
  /** Offset just after its end tag (or of the self-closing start tag). */
  readonly end: number;
  /** How many child elements it has. */
  readonly childCount: number;
  /** Small enough, or without children: parse it in one piece. */
  readonly isWhole: boolean;
  /** Its children in document order, when not whole: runs of whole children, and the children split in turn. */
  readonly items: readonly OutlineItem[];
}

export type OutlineItem = OutlineRun | OutlinedElement;

/**
 * The element open at one depth while the outline is built: one per depth, reused for every
 * element there, so that a whole element (nearly all of them) costs no allocation. Its children
 * so far are `items`, then the run still growing.
 */
interface OpenElement {
  start: number;
  contentStart: number;
  /** Whether it holds text other than white space, a comment, CDATA or a PI. */
  mixed: boolean;
  childCount: number;
  items: OutlineItem[];
  runStart: number;
  runEnd: number;
  /** Children in the growing run; 0 when there is none. */
  runCount: number;
}

/**
 * The outline as the well-formedness pass builds it. It holds an item per run of about
 * PIECE_BYTES and one per element split in turn, never one per element: a hostile page of
 * millions of tiny elements costs no more outline than one of a few large ones.
 */
export interface OutlineBuilder {
  /** The open element at each depth reached so far (root = 0). */
  readonly open: OpenElement[];
  root: OutlinedElement | undefined;
}

// Literals rather than class instances: V8 keeps a literal's hidden class alive (see prefix-scopes.ts).
const newOpenElement = (): OpenElement => ({
  start: 0,
  contentStart: 0,
  mixed: false,
  childCount: 0,
  items: [],
  runStart: 0,
  runEnd: 0,
  runCount: 0,
});

export const newOutlineBuilder = (): OutlineBuilder => ({ open: [], root: undefined });

/** Notes an element opened at `depth` (at most one deeper than any open so far). */
export function openElement(
  builder: OutlineBuilder,
  depth: number,
  start: number,
  contentStart: number,
): void {
  let open = builder.open[depth];
  if (open === undefined) {
    open = newOpenElement();
    builder.open.push(open);
  }
  open.start = start;
  open.contentStart = contentStart;
  open.mixed = false;
  open.childCount = 0;
  open.runCount = 0;
}

/** Notes text other than white space, a comment, CDATA or a PI directly inside the element open at `depth`. */
export function markMixed(builder: OutlineBuilder, depth: number): void {
  if (depth >= 0) (builder.open[depth] as OpenElement).mixed = true;
}

/** The growing run of `open`, moved to its items. */
function endRun(open: OpenElement): void {
  if (open.runCount === 0) return;
  open.items.push({
    start: open.runStart,
    end: open.runEnd,
    count: open.runCount,
    keepsText: false,
  });
  open.runCount = 0;
}

/**
 * The items of a split element with mixed content, made to cover all of it, from `contentStart`
 * to `contentEnd`: its runs keep their text, and the text before, between and after the items
 * becomes runs of its own (rare: EM's elements hold text or elements, never both).
 */
function coveringItems(
  items: readonly OutlineItem[],
  contentStart: number,
  contentEnd: number,
): OutlineItem[] {
  const covering: OutlineItem[] = [];
  let covered = contentStart;
  for (const item of items) {
    if (item.start > covered)
      covering.push({ start: covered, end: item.start, count: 0, keepsText: true });
    covering.push('items' in item ? item : { ...item, keepsText: true });
    covered = item.end;
  }
  if (contentEnd > covered)
    covering.push({ start: covered, end: contentEnd, count: 0, keepsText: true });
  return covering;
}

/** Adds a child parsed whole to the element open at `depth`: to its run while that spans at most PIECE_BYTES. */
export function addWholeChild(
  builder: OutlineBuilder,
  depth: number,
  start: number,
  end: number,
): void {
  const open = builder.open[depth] as OpenElement;
  open.childCount++;
  if (open.runCount > 0 && end - open.runStart <= PIECE_BYTES) {
    open.runEnd = end;
    open.runCount++;
    return;
  }
  endRun(open);
  open.runStart = start;
  open.runEnd = end;
  open.runCount = 1;
}

/**
 * Notes the end of the element open at `depth`, whose end tag starts at `contentEnd` and ends
 * before `end`; what it held is dropped unless it is split in turn.
 */
export function closeElement(
  builder: OutlineBuilder,
  depth: number,
  contentEnd: number,
  end: number,
): void {
  const open = builder.open[depth] as OpenElement;
  const isWhole = open.childCount === 0 || end - open.start < PIECE_BYTES;
  if (isWhole && depth > 0) {
    addWholeChild(builder, depth - 1, open.start, end);
    if (open.items.length > 0) open.items = [];
    return;
  }
  if (!isWhole) endRun(open);
  const element: OutlinedElement = {
    start: open.start,
    contentStart: open.contentStart,
    end,
    childCount: open.childCount,
    isWhole,
    items: isWhole
      ? []
      : open.mixed
        ? coveringItems(open.items, open.contentStart, contentEnd)
        : open.items,
  };
  open.items = [];
  if (depth === 0) {
    builder.root = element;
    return;
  }
  const parent = builder.open[depth - 1] as OpenElement;
  parent.childCount++;
  endRun(parent);
  parent.items.push(element);
}
