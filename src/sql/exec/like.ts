/**
 * LIKE and GLOB patterns as regular expressions.
 *
 * @module
 */

const likeCache = new Map<string, RegExp>();

/**
 * Converts a LIKE pattern to a regular expression (case-insensitive for
 * ASCII, `%` and `_` wildcards, optional escape character).
 *
 * @example
 * ```ts
 * likeToRegExp("a%").test("ABC"); // true
 * ```
 */
export function likeToRegExp(pattern: string, escape?: string): RegExp {
  const key = pattern + "\u0000" + (escape ?? "");
  const hit = likeCache.get(key);
  if (hit) return hit;
  let src = "^";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (escape !== undefined && ch === escape && i + 1 < pattern.length) {
      src += escapeRe(pattern[++i]);
    } else if (ch === "%") src += "[\\s\\S]*";
    else if (ch === "_") src += "[\\s\\S]";
    else src += foldAscii(ch);
  }
  // Not the `i` flag: it also folds non-ASCII letters (Ó, ó), LIKE does not.
  const re = new RegExp(src + "$");
  if (likeCache.size > 500) likeCache.clear();
  likeCache.set(key, re);
  return re;
}

function foldAscii(ch: string): string {
  const lo = ch.toLowerCase(), up = ch.toUpperCase();
  return /^[a-z]$/.test(lo) && /^[A-Z]$/.test(up)
    ? `[${lo}${up}]`
    : escapeRe(ch);
}

/**
 * Converts a GLOB pattern to a regular expression (case-sensitive, `*`, `?`, `[...]`).
 *
 * @example
 * ```ts
 * globToRegExp("a*").test("abc"); // true
 * ```
 */
export function globToRegExp(pattern: string): RegExp {
  let src = "^";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*") src += "[\\s\\S]*";
    else if (ch === "?") src += "[\\s\\S]";
    else if (ch === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) src += "\\[";
      else {
        let body = pattern.slice(i + 1, end);
        if (body.startsWith("^")) {
          body = "^" + body.slice(1).replace(/[\\\]]/g, "\\$&");
        } else body = body.replace(/[\\\]]/g, "\\$&");
        src += "[" + body + "]";
        i = end;
      }
    } else src += escapeRe(ch);
  }
  return new RegExp(src + "$");
}

function escapeRe(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? "\\" + ch : ch;
}

/**
 * For a LIKE pattern that is printable ASCII text followed by one or more
 * `%` (and no `_`), that text lower-cased; otherwise `null`. Such a
 * pattern is a case-insensitive prefix test, cheaper than a regular
 * expression.
 *
 * @example
 * ```ts
 * asciiLikePrefix("Row 1%"); // "row 1"
 * asciiLikePrefix("a_%"); // null
 * ```
 */
export function asciiLikePrefix(pattern: string): string | null {
  let end = pattern.length;
  while (end > 0 && pattern[end - 1] === "%") end--;
  if (end === pattern.length) return null;
  for (let i = 0; i < end; i++) {
    const ch = pattern.charCodeAt(i);
    if (ch < 0x20 || ch > 0x7e || ch === 0x25 || ch === 0x5f) return null;
  }
  return pattern.slice(0, end).toLowerCase();
}

/**
 * True when `text` starts with `lowerPrefix` (from
 * {@linkcode asciiLikePrefix}), ignoring ASCII case only, as LIKE does: a
 * non-ASCII character never equals an ASCII one.
 *
 * @example
 * ```ts
 * hasAsciiPrefix("ROW 12", "row 1"); // true
 * ```
 */
export function hasAsciiPrefix(text: string, lowerPrefix: string): boolean {
  const n = lowerPrefix.length;
  if (text.length < n) return false;
  for (let i = 0; i < n; i++) {
    let ch = text.charCodeAt(i);
    if (ch >= 0x41 && ch <= 0x5a) ch += 0x20;
    if (ch !== lowerPrefix.charCodeAt(i)) return false;
  }
  return true;
}
