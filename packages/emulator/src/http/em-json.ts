import { type RootElementName, type RootValue, toJson } from '@vbem/model';

/**
 * A body as EM's JSON writes it: the model's JSON mapping, plus what EM writes for a list it
 * never fills. The model holds every list (empty when absent); EM leaves a QueryResult's own
 * `Links` unset, so its JSON has `"Links": null` (captured answer, em-api.md §c), as its XML has
 * no `<Links>`.
 */
export function emJson<Root extends RootElementName>(
  root: Root,
  value: RootValue<Root>,
  emVersion: 12 | 13,
): unknown {
  const casing = emVersion === 13 ? 'camel' : 'pascal';
  const json = toJson(root, value, { casing, microseconds: emVersion === 13 });
  if (root === 'QueryResult') {
    const links = casing === 'camel' ? 'links' : 'Links';
    const result = json as Record<string, unknown>;
    if (Array.isArray(result[links]) && (result[links] as unknown[]).length === 0)
      result[links] = null;
  }
  return json;
}
