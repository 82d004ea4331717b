/**
 * Whether a JSON text names a key twice in one object. `JSON.parse` keeps the last silently; the YAML
 * reader (config/yaml-text.ts) finds it with a position but takes seconds on a map of thousands of
 * entries. One pass over the text, one key set per open object: linear in the text.
 */
export function hasDuplicateKeys(text: string): boolean {
  const objects: Array<Set<string> | undefined> = [];
  let expectingKey = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const keys = objects[objects.length - 1];
      if (expectingKey && keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) return true;
        keys.add(key);
      }
      expectingKey = false;
      i = end;
    } else if (char === '{') {
      objects.push(new Set());
      expectingKey = true;
    } else if (char === '[') {
      objects.push(undefined);
    } else if (char === '}' || char === ']') {
      objects.pop();
    } else if (char === ',') {
      expectingKey = objects[objects.length - 1] !== undefined;
    }
  }
  return false;
}
