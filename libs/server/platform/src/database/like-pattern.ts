/**
 * A LIKE / ILIKE pattern matching text that contains `text` as typed: its own `%`, `_` and `\`
 * are escaped (PostgreSQL's default escape character is the backslash), so a search for "50%" looks
 * for "50%", not for anything starting with "50".
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
