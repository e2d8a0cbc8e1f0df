/**
 * Joins path elements the way Go's `filepath.Join` does on Linux: empty elements are dropped and the
 * result is cleaned (`//`, `.` and `..` resolved lexically). Flyte builds every secret path with it, so
 * the paths podsecrets writes must come out byte for byte the same.
 */
export function joinPath(...elements: string[]): string {
  const joined = elements.filter((element) => element !== '').join('/');
  return joined === '' ? '' : cleanPath(joined);
}

const UNCLEAN = /\/\/|(?:^|\/)\.\.?(?:\/|$)|.\/$/;

/** Go's `path.Clean`: the shortest lexically equivalent path. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  // Most paths are clean already (no empty, "." or ".." element, no trailing slash): Clean returns them as they are.
  if (!UNCLEAN.test(path)) return path;
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(segment);
  }
  const body = out.join('/');
  if (rooted) return `/${body}`;
  return body === '' ? '.' : body;
}
