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
    else src += escapeRe(ch);
  }
  const re = new RegExp(src + "$", "i");
  if (likeCache.size > 500) likeCache.clear();
  likeCache.set(key, re);
  return re;
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
