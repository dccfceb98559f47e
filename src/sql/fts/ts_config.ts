/**
 * Text-search configurations: how text turns into lexemes.
 *
 * @module
 */

import { eng } from "stopword";
import stem from "wink-porter2-stemmer";
import { UnknownTsConfigError } from "./errors.ts";

/** The names {@linkcode resolveTsConfig} accepts. */
export type TsConfigName = "english" | "simple";

/**
 * The configuration used when none is given.
 *
 * @example
 * ```ts
 * import { DEFAULT_TS_CONFIG } from "./ts_config.ts";
 * console.log(DEFAULT_TS_CONFIG); // "english"
 * ```
 */
export const DEFAULT_TS_CONFIG: TsConfigName = "english";

// Built once; the list is immutable so sharing it between engines is safe.
const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  eng.map((w: string) => w.toLowerCase()),
);

// A token is a maximal run of letters, digits and combining marks; anything
// else (spaces, punctuation, apostrophes, underscores) separates tokens.
const TOKEN_RE = /[\p{L}\p{N}\p{M}]+/gu;
const LETTERS_ONLY_RE = /^[\p{L}\p{M}]+$/u;

// Stemming costs about 5 us a word and vocabularies are small, so results
// are memoised. This is shared by every engine in the process, which is
// safe: it caches a pure function, so no caller can observe another. It is
// dropped wholesale when full to bound memory.
const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, string>();

function cachedStem(token: string): string {
  let stemmed = stemCache.get(token);
  if (stemmed === undefined) {
    stemmed = stem(token) as string;
    if (stemmed.length === 0) stemmed = token;
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(token, stemmed);
  }
  return stemmed;
}

/**
 * Resolves a configuration name (case-insensitive, an optional
 * `pg_catalog.` prefix is accepted).
 *
 * @param name The configuration name; `undefined` means the default.
 * @returns The canonical name.
 * @throws {UnknownTsConfigError} for any other name.
 *
 * @example
 * ```ts
 * import { resolveTsConfig } from "./ts_config.ts";
 * console.log(resolveTsConfig("pg_catalog.English")); // "english"
 * ```
 */
export function resolveTsConfig(name?: string): TsConfigName {
  if (name === undefined) return DEFAULT_TS_CONFIG;
  const n = name.trim().toLowerCase().replace(/^pg_catalog\./, "");
  if (n === "english" || n === "simple") return n;
  throw new UnknownTsConfigError(name);
}

/**
 * Splits text into raw lowercase tokens, in order. Every token takes one
 * position, including the ones a configuration later drops as stop words.
 *
 * @param text Any text.
 * @returns The lowercase tokens.
 *
 * @example
 * ```ts
 * import { tokenize } from "./ts_config.ts";
 * console.log(tokenize("The fat-cat's Café!")); // ["the", "fat", "cat", "s", "café"]
 * ```
 */
export function tokenize(text: string): string[] {
  // NFC so that a precomposed and a decomposed "é" give the same lexeme.
  return text.normalize("NFC").toLowerCase().match(TOKEN_RE) ?? [];
}

/**
 * Turns one lowercase token into its lexeme, or `null` for a stop word.
 *
 * `english` drops the `stopword` package's English list and stems words made
 * only of letters with the Porter2 (Snowball English) stemmer; tokens with
 * digits are kept as they are, as PostgreSQL does for numbers. `simple`
 * keeps every token unchanged.
 *
 * @param token A token from {@linkcode tokenize}.
 * @param config A resolved configuration name.
 * @returns The lexeme, or `null` when the token is not indexed.
 *
 * @example
 * ```ts
 * import { normalizeToken } from "./ts_config.ts";
 * console.log(normalizeToken("running", "english")); // "run"
 * console.log(normalizeToken("the", "english")); // null
 * console.log(normalizeToken("running", "simple")); // "running"
 * ```
 */
export function normalizeToken(
  token: string,
  config: TsConfigName,
): string | null {
  if (config === "simple") return token;
  if (ENGLISH_STOP_WORDS.has(token)) return null;
  if (!LETTERS_ONLY_RE.test(token)) return token;
  return cachedStem(token);
}

/**
 * Tokenizes and normalizes text: one entry per token, `null` for stop words,
 * so that index `i` is position `i + 1`.
 *
 * @param text Any text.
 * @param config A configuration name (default `english`).
 * @returns Lexemes (or `null`) in token order.
 *
 * @example
 * ```ts
 * import { lexemesOf } from "./ts_config.ts";
 * console.log(lexemesOf("The cats sat")); // [null, "cat", "sat"]
 * ```
 */
export function lexemesOf(text: string, config?: string): (string | null)[] {
  const cfg = resolveTsConfig(config);
  return tokenize(text).map((t) => normalizeToken(t, cfg));
}
