/** Elements smaller than this are parsed whole; larger ones with outlined children, piece by piece. */
export const PIECE_BYTES = 16 * 1024;

/** Elements this close to the root (root = 0) are outlined: their children are grouped into runs. */
export const OUTLINED_DEPTH = 3;

/** Consecutive children of an element, parsed in one call: one parse per child would cost more in set-up than in parsing. */
export interface OutlineRun {
  /** Offset of the first child's `<`. */
  readonly start: number;
  /** Offset just after the last child. */
  readonly end: number;
  /** How many children the run holds. */
  readonly count: number;
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
  /** Small enough, without children, or with text, a comment, CDATA or a PI between them: parse it in one piece. */
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
  /** The open element at each depth from 0 to OUTLINED_DEPTH. */
  readonly open: readonly OpenElement[];
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

export const newOutlineBuilder = (): OutlineBuilder => ({
  open: Array.from({ length: OUTLINED_DEPTH + 1 }, newOpenElement),
  root: undefined,
});

/** Notes an element opened at `depth` (at most OUTLINED_DEPTH). */
export function openElement(
  builder: OutlineBuilder,
  depth: number,
  start: number,
  contentStart: number,
): void {
  const open = builder.open[depth] as OpenElement;
  open.start = start;
  open.contentStart = contentStart;
  open.mixed = false;
  open.childCount = 0;
  open.runCount = 0;
}

/** Notes text other than white space, a comment, CDATA or a PI directly inside the element open at `depth`. */
export function markMixed(builder: OutlineBuilder, depth: number): void {
  // Elements at OUTLINED_DEPTH have no outlined children, so they are whole anyway.
  if (depth >= 0 && depth < OUTLINED_DEPTH) (builder.open[depth] as OpenElement).mixed = true;
}

/** The growing run of `open`, moved to its items. */
function endRun(open: OpenElement): void {
  if (open.runCount === 0) return;
  open.items.push({ start: open.runStart, end: open.runEnd, count: open.runCount });
  open.runCount = 0;
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

/** Notes the end of the element open at `depth`; what it held is dropped unless it is split in turn. */
export function closeElement(builder: OutlineBuilder, depth: number, end: number): void {
  const open = builder.open[depth] as OpenElement;
  const isWhole = open.mixed || open.childCount === 0 || end - open.start < PIECE_BYTES;
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
    items: isWhole ? [] : open.items,
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
