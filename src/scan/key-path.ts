import path from "node:path";

/**
 * The absolute path of a cache key's path: key paths are relative to the root with `/` (as
 * `path.relative` made them, so already normalized), or absolute outside the root. A cached hit turns
 * thousands of them back into paths, and `path.join` normalizing each one was a tenth of its time.
 */
export function fromKeyPath(root: string, key: string): string {
  if (path.sep !== "/") return path.isAbsolute(key) ? key : path.join(root, key);
  if (key.startsWith("/")) return key;
  if (key === "") return root;
  return root.endsWith("/") ? root + key : `${root}/${key}`;
}

/**
 * The cache key of a path: relative to `root` with `/` inside it, absolute outside it (a relative `file`
 * is taken from `root`). `fromKeyPath` turns it back.
 */
export function toKeyPath(root: string, file: string): string {
  const absolute = path.resolve(root, file);
  const relative = path.relative(root, absolute);
  return relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join("/");
}
