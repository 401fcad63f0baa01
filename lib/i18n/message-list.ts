/**
 * A list of paragraphs from the message files (`t.raw('paragraphs')`). The files hold JSON
 * arrays; once next-intl precompiles them for the build, an array arrives as an object keyed
 * "0", "1"… — this reads both, in order.
 */
export function messageList(raw: unknown): string[] {
  const items = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw) : [];
  return items.filter((item): item is string => typeof item === 'string');
}
