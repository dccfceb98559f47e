/**
 * Parses every SQL record of the shared sqllogictest corpus (long run:
 * REEF_LONG=1, and only where the corpus exists). Records that the corpus
 * expects to succeed must parse, and each parsed statement must survive a
 * format/parse round trip.
 *
 * @module
 */
import { deepStrictEqual } from "node:assert/strict";
import {
  formatStatement,
  parse,
  SqlSyntaxError,
} from "../../../src/sql/parse/mod.ts";
import { strip } from "./_helpers.ts";

const DIR = Deno.env.get("REEF_SLT_DIR") ??
  "/work/shared/conformance/sqllogictest";

function corpusExists(): boolean {
  try {
    return Deno.statSync(DIR).isDirectory;
  } catch {
    return false;
  }
}

/** Records SQLite itself runs: statement/query SQL text and whether an error is expected. */
function* records(text: string): Generator<{ sql: string; error: boolean }> {
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    let skip = false;
    for (; i < lines.length; i++) {
      const l = lines[i];
      if (l.startsWith("onlyif") && !l.includes("sqlite")) skip = true;
      else if (l.startsWith("skipif") && l.includes("sqlite")) skip = true;
      else if (!l.startsWith("onlyif") && !l.startsWith("skipif")) break;
    }
    if (i >= lines.length) return;
    const head = lines[i++];
    const sql: string[] = [];
    if (head.startsWith("statement") || head.startsWith("query")) {
      while (
        i < lines.length && lines[i].trim() !== "" && lines[i] !== "----"
      ) {
        sql.push(lines[i++]);
      }
    }
    while (i < lines.length && lines[i].trim() !== "") i++;
    i++;
    if (!skip && sql.length > 0) {
      yield { sql: sql.join("\n"), error: head.startsWith("statement error") };
    }
  }
}

Deno.test({
  name: "parse() reads the sqllogictest corpus and round-trips it",
  ignore: !Deno.env.get("REEF_LONG") || !corpusExists(),
  fn() {
    const failures: string[] = [];
    let count = 0;
    for (const entry of Deno.readDirSync(DIR)) {
      if (!entry.name.endsWith(".test")) continue;
      const text = Deno.readTextFileSync(`${DIR}/${entry.name}`);
      for (const { sql, error } of records(text)) {
        count++;
        try {
          for (const s of parse(sql)) {
            deepStrictEqual(strip(parse(formatStatement(s))[0]), strip(s));
          }
        } catch (e) {
          if (error && e instanceof SqlSyntaxError) continue;
          failures.push(`${entry.name}: ${sql}\n${e}`);
        }
      }
    }
    deepStrictEqual(
      failures.slice(0, 10),
      [],
      `${failures.length} of ${count}`,
    );
  },
});
