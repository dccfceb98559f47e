/**
 * Token type codes and the keyword table shared by the lexer, the parser and
 * the formatter. Folder-private.
 *
 * @module
 */

/** Token types that are not keywords. Keywords are numbered from {@linkcode KW_BASE}. */
export const T = {
  EOF: 0,
  ID: 1,
  /** "x", [x] or `x`: an identifier that is never a keyword. */
  QID: 2,
  STRING: 3,
  INTEGER: 4,
  FLOAT: 5,
  PARAM: 6,
  BLOB: 7,
  LP: 8,
  RP: 9,
  COMMA: 10,
  SEMI: 11,
  DOT: 12,
  PLUS: 13,
  MINUS: 14,
  STAR: 15,
  SLASH: 16,
  REM: 17,
  CONCAT: 18,
  LSHIFT: 19,
  RSHIFT: 20,
  BITAND: 21,
  BITOR: 22,
  BITNOT: 23,
  LT: 24,
  LE: 25,
  GT: 26,
  GE: 27,
  EQ: 28,
  NE: 29,
  DCOLON: 30,
  MATCH: 31,
} as const;

/** First keyword token type. */
export const KW_BASE = 64;

const KEYWORD_LIST = [
  "ABORT",
  "ACTION",
  "ADD",
  "ALL",
  "ALTER",
  "AND",
  "AS",
  "ASC",
  "AUTOINCREMENT",
  "BEGIN",
  "BETWEEN",
  "BY",
  "CASCADE",
  "CASE",
  "CAST",
  "CHECK",
  "COLLATE",
  "COLUMN",
  "COMMIT",
  "CONSTRAINT",
  "CREATE",
  "CROSS",
  "CURRENT_DATE",
  "CURRENT_TIME",
  "CURRENT_TIMESTAMP",
  "DEFAULT",
  "DEFERRED",
  "DELETE",
  "DESC",
  "DISTINCT",
  "DROP",
  "ELSE",
  "END",
  "ESCAPE",
  "EXCEPT",
  "EXCLUSIVE",
  "EXISTS",
  "EXPLAIN",
  "FAIL",
  "FALSE",
  "FIRST",
  "FOREIGN",
  "FROM",
  "FULL",
  "GLOB",
  "GROUP",
  "HAVING",
  "IF",
  "IGNORE",
  "IMMEDIATE",
  "IN",
  "INDEX",
  "INNER",
  "INSERT",
  "INTERSECT",
  "INTO",
  "IS",
  "ISNULL",
  "JOIN",
  "KEY",
  "LAST",
  "LEFT",
  "LIKE",
  "LIMIT",
  "NATURAL",
  "NO",
  "NOT",
  "NOTNULL",
  "NULL",
  "NULLS",
  "OFFSET",
  "ON",
  "OR",
  "ORDER",
  "OUTER",
  "PLAN",
  "PRIMARY",
  "QUERY",
  "RECURSIVE",
  "REFERENCES",
  "RELEASE",
  "RENAME",
  "REPLACE",
  "RESTRICT",
  "RETURNING",
  "RIGHT",
  "ROLLBACK",
  "SAVEPOINT",
  "SELECT",
  "SET",
  "START",
  "TABLE",
  "TEMP",
  "TEMPORARY",
  "THEN",
  "TO",
  "TRANSACTION",
  "TRUE",
  "UNION",
  "UNIQUE",
  "UPDATE",
  "USING",
  "VALUES",
  "VIEW",
  "WHEN",
  "WHERE",
  "WITH",
  "WITHOUT",
] as const;

/** A keyword's upper-case spelling. */
export type Keyword = typeof KEYWORD_LIST[number];

/** Keyword token types by spelling, e.g. `K.SELECT`. */
export const K: { readonly [k in Keyword]: number } = Object.fromEntries(
  KEYWORD_LIST.map((k, i) => [k, KW_BASE + i]),
) as { [k in Keyword]: number };

/** Upper-case spelling -> keyword token type. */
export const KEYWORDS: ReadonlyMap<string, number> = new Map(
  KEYWORD_LIST.map((k, i) => [k, KW_BASE + i]),
);

/** Keyword spelling by token type minus {@linkcode KW_BASE}. */
export const KEYWORD_NAMES: readonly string[] = KEYWORD_LIST;

/**
 * Keywords that may not be used as bare identifiers: they start or end a
 * clause, so letting them through would make the grammar ambiguous (for
 * example `FROM t LEFT JOIN u` must not read LEFT as an alias of t).
 * END is left out on purpose: `end` is a common column name and SQLite
 * accepts it too.
 */
const RESERVED_LIST: readonly Keyword[] = [
  "ALL",
  "AND",
  "AS",
  "BETWEEN",
  "BY",
  "CASE",
  "CAST",
  "CHECK",
  "COLLATE",
  "CONSTRAINT",
  "CREATE",
  "CROSS",
  "CURRENT_DATE",
  "CURRENT_TIME",
  "CURRENT_TIMESTAMP",
  "DEFAULT",
  "DELETE",
  "DISTINCT",
  "DROP",
  "ELSE",
  "ESCAPE",
  "EXCEPT",
  "EXISTS",
  "FALSE",
  "FOREIGN",
  "FROM",
  "FULL",
  "GLOB",
  "GROUP",
  "HAVING",
  "IN",
  "INNER",
  "INSERT",
  "INTERSECT",
  "INTO",
  "IS",
  "ISNULL",
  "JOIN",
  "LEFT",
  "LIKE",
  "LIMIT",
  "NATURAL",
  "NOT",
  "NOTNULL",
  "NULL",
  "ON",
  "OR",
  "ORDER",
  "OUTER",
  "PRIMARY",
  "REFERENCES",
  "RETURNING",
  "RIGHT",
  "SELECT",
  "SET",
  "TABLE",
  "THEN",
  "TRUE",
  "UNION",
  "UNIQUE",
  "UPDATE",
  "USING",
  "VALUES",
  "WHEN",
  "WHERE",
  "WITH",
];

const RESERVED = new Uint8Array(KEYWORD_LIST.length);
for (const k of RESERVED_LIST) RESERVED[K[k] - KW_BASE] = 1;

/** True when token type `t` is a keyword that can double as an identifier. */
export function isNonReservedKeyword(t: number): boolean {
  return t >= KW_BASE && RESERVED[t - KW_BASE] === 0;
}

/** True when `word` (any case) is a reserved keyword. */
export function isReservedWord(word: string): boolean {
  const t = KEYWORDS.get(word.toUpperCase());
  return t !== undefined && RESERVED[t - KW_BASE] === 1;
}

/** Printable spellings of punctuation tokens, for error messages. */
export const PUNCT_TEXT: Readonly<Record<number, string>> = {
  [T.LP]: "(",
  [T.RP]: ")",
  [T.COMMA]: ",",
  [T.SEMI]: ";",
  [T.DOT]: ".",
  [T.PLUS]: "+",
  [T.MINUS]: "-",
  [T.STAR]: "*",
  [T.SLASH]: "/",
  [T.REM]: "%",
  [T.CONCAT]: "||",
  [T.LSHIFT]: "<<",
  [T.RSHIFT]: ">>",
  [T.BITAND]: "&",
  [T.BITOR]: "|",
  [T.BITNOT]: "~",
  [T.LT]: "<",
  [T.LE]: "<=",
  [T.GT]: ">",
  [T.GE]: ">=",
  [T.EQ]: "=",
  [T.NE]: "!=",
  [T.DCOLON]: "::",
  [T.MATCH]: "@@",
};
