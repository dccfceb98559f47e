/**
 * Differential check of operator precedence against SQLite itself (long
 * run: REEF_LONG=1, and only where a `sqlite3` binary is on PATH).
 *
 * Random expressions are written with no parentheses; each is parsed, then
 * printed fully parenthesised from our tree. SQLite evaluates both texts:
 * when our tree groups the operators as SQLite does, the values agree.
 *
 * @module
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import {
  type Expr,
  parseOne,
  SqlSyntaxError,
} from "../../../src/sql/parse/mod.ts";

function sqlite3Available(): boolean {
  try {
    const out = new Deno.Command("sqlite3", { args: ["-version"] })
      .outputSync();
    return out.success;
  } catch {
    return false;
  }
}

/** A small seeded generator so that a failure can be replayed. */
function lcg(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s % n;
  };
}

const ATOMS = ["0", "1", "2", "3", "-1", "NULL", "'a'", "'B'", "'1'", "2.5"];
const BINARY = [
  "||",
  "*",
  "/",
  "%",
  "+",
  "-",
  "<<",
  ">>",
  "&",
  "|",
  "<",
  "<=",
  ">",
  ">=",
  "=",
  "==",
  "!=",
  "<>",
  "IS",
  "IS NOT",
  "AND",
  "OR",
  "LIKE",
  "NOT LIKE",
  "GLOB",
  "IS DISTINCT FROM",
  "IS NOT DISTINCT FROM",
];
const POSTFIX = [
  "ISNULL",
  "NOTNULL",
  "NOT NULL",
  "IS NULL",
  "IS NOT NULL",
  "COLLATE NOCASE",
];

function gen(rnd: (n: number) => number, depth: number): string {
  if (depth <= 0 || rnd(4) === 0) return ATOMS[rnd(ATOMS.length)];
  const g = () => gen(rnd, depth - 1);
  switch (rnd(10)) {
    case 0:
      // "- -1" keeps a space so that it never reads as a comment.
      return ["- ", "+", "~", "NOT "][rnd(4)] + g();
    case 1:
      return `${g()} ${rnd(2) ? "NOT " : ""}BETWEEN ${g()} AND ${g()}`;
    case 2:
      return `${g()} ${rnd(2) ? "NOT " : ""}IN (${g()}, ${g()})`;
    case 3:
      return `${g()} ${POSTFIX[rnd(POSTFIX.length)]}`;
    case 4:
      return `CASE WHEN ${g()} THEN ${g()} ELSE ${g()} END`;
    case 5:
      return `(${g()})`;
    default:
      return `${g()} ${BINARY[rnd(BINARY.length)]} ${g()}`;
  }
}

/** Our tree printed with every operator application in parentheses. */
function full(e: Expr): string {
  switch (e.kind) {
    case "literal":
      if (typeof e.value === "string") return `'${e.value}'`;
      if (e.value === null) return "NULL";
      if (typeof e.value === "number") {
        return Number.isInteger(e.value) ? e.value.toFixed(1) : String(e.value);
      }
      return String(e.value);
    case "unary":
      return `(${e.op === "NOT" ? "NOT " : e.op}(${full(e.operand)}))`;
    case "binary":
      return `((${full(e.left)}) ${e.op} (${full(e.right)}))`;
    case "like":
      return `((${full(e.expr)}) ${e.not ? "NOT " : ""}${e.op} (${
        full(e.pattern)
      }))`;
    case "between":
      return `((${full(e.expr)}) ${e.not ? "NOT " : ""}BETWEEN (${
        full(e.low)
      }) AND (${full(e.high)}))`;
    case "in_list":
      return `((${full(e.expr)}) ${e.not ? "NOT " : ""}IN (${
        e.list.map(full).join(", ")
      }))`;
    case "is_null":
      return `((${full(e.expr)}) ${e.not ? "IS NOT NULL" : "IS NULL"})`;
    case "collate":
      return `((${full(e.expr)}) COLLATE ${e.collation})`;
    case "case":
      return `(CASE ${
        e.whens.map((w) => `WHEN (${full(w.when)}) THEN (${full(w.then)})`)
          .join(" ")
      }${e.else ? ` ELSE (${full(e.else)})` : ""} END)`;
    default:
      throw new TypeError(`unexpected ${e.kind}`);
  }
}

Deno.test({
  name: "parse() groups operators exactly as SQLite does",
  ignore: !Deno.env.get("REEF_LONG") || !sqlite3Available(),
  async fn() {
    const rnd = lcg(20240607);
    const raws: string[] = [];
    const lines: string[] = [];
    const rejected: string[] = [];
    while (raws.length < 5000) {
      const raw = gen(rnd, 5);
      let s;
      try {
        s = parseOne(`SELECT ${raw}`);
      } catch (e) {
        if (!(e instanceof SqlSyntaxError)) throw e;
        rejected.push(raw);
        continue;
      }
      if (s.kind !== "select" || s.body.kind !== "select_core") continue;
      raws.push(raw);
      lines.push(
        `SELECT quote(${raw}) IS quote(${full(s.body.columns[0].expr)});`,
      );
    }
    const child = new Deno.Command("sqlite3", {
      args: ["-batch", ":memory:"],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(lines.join("\n") + "\n"));
    await writer.close();
    const out = await child.output();
    strictEqual(new TextDecoder().decode(out.stderr), "");
    const results = new TextDecoder().decode(out.stdout).trim().split("\n");
    const differing = raws.filter((_, k) => results[k] !== "1");
    deepStrictEqual(differing.slice(0, 5), []);
    strictEqual(results.length, raws.length);
    // What we reject, SQLite rejects too (e.g. "x BETWEEN a OR b AND c").
    for (const raw of rejected.slice(0, 20)) {
      const r = await new Deno.Command("sqlite3", {
        args: [":memory:", `SELECT ${raw}`],
        stdout: "null",
        stderr: "null",
      }).output();
      strictEqual(r.success, false, raw);
    }
  },
});
