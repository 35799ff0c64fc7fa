import type { RootElementName } from '@vbem/model';
import { EM_NAMESPACE, encode } from '@vbem/xml';
import { emJson } from './em-json.js';
import { type ListAnswer, type ListItems, type ListRootName, listFieldOf } from './list-answer.js';

/** A list body in pieces: it is `head`, the items' texts with `separator` between them, `tail`. */
export interface ListBodyParts<Item> {
  readonly head: string;
  readonly separator: string;
  readonly tail: string;
  item(item: Item): string;
}

/**
 * The text of one item, as the encoder writes it inside a list: the list type encoded with that
 * item alone, its own start and end cut off. The same encoder as for a whole body, so the same
 * bytes; XML or EM's JSON as `json` says.
 */
function itemWriter<List extends ListRootName>(
  list: List,
  json: boolean,
  emVersion: 12 | 13,
): (item: ListItems[List]) => string {
  const field = listFieldOf(list);
  const text = (items: ListItems[List][]): string =>
    json
      ? JSON.stringify(emJson(list, { [field]: items } as never, emVersion))
      : encode(list, { [field]: items } as never, { declaration: false });
  const empty = json ? JSON.stringify(emJson(list, { [field]: [] } as never, emVersion)) : '';
  const start = json ? empty.slice(0, -']}'.length) : `<${list} xmlns="${EM_NAMESPACE}">`;
  const end = json ? ']}' : `</${list}>`;
  return (item) => {
    const alone = text([item]);
    if (!alone.startsWith(start) || !alone.endsWith(end))
      throw new Error(`${list} with one item is not written as ${start}…${end}`);
    return alone.slice(start.length, alone.length - end.length);
  };
}

/**
 * The pieces of `answer`'s body: the whole body made with `first` alone, split around that
 * item's text. What comes before the list (start tags, `{"Refs":`) cannot hold a whole item, so
 * the first place the text is found is the item's own.
 */
export function listBodyParts<Root extends RootElementName, List extends ListRootName>(
  answer: ListAnswer<Root, List>,
  first: ListItems[List],
  json: boolean,
  emVersion: 12 | 13,
): ListBodyParts<ListItems[List]> {
  const item = itemWriter(answer.list, json, emVersion);
  const value = answer.build([first]);
  const whole = json
    ? JSON.stringify(emJson(answer.root, value, emVersion))
    : encode(answer.root, value);
  const firstText = item(first);
  const at = whole.indexOf(firstText);
  if (at < 0) throw new Error(`the ${answer.root} body does not hold its ${answer.list} item`);
  return {
    head: whole.slice(0, at),
    separator: json ? ',' : '',
    tail: whole.slice(at + firstText.length),
    item,
  };
}

/** The body of `parts` with `items`, in chunks of at least `size` characters (but the last). */
export function* listBodyChunks<Item>(
  parts: ListBodyParts<Item>,
  items: Iterable<Item>,
  size: number,
): Generator<string, void> {
  let chunk = parts.head;
  let separator = '';
  for (const item of items) {
    chunk += separator + parts.item(item);
    separator = parts.separator;
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + parts.tail;
}
