/**
 * Parser micro-benchmarks: `deno bench -A test/sql/parse/parse_bench.ts`.
 * (Kept beside the parser tests because bench/ belongs to another owner;
 * move it to bench/ when convenient.)
 *
 * @module
 */
import { parse, parseOne } from "../src/sql/parse/mod.ts";
import { tokenize } from "../src/sql/parse/lexer.ts";

const N = 1000;
const inserts: string[] = [];
const selects: string[] = [];
for (let i = 0; i < N; i++) {
  inserts.push(
    `INSERT INTO users (id, name, email, score, active) VALUES (${i}, 'user ${i}', 'u${i}@example.com', ${
      i * 0.5
    }, TRUE)`,
  );
  selects.push(
    `SELECT a.id, b.name, count(*) AS n FROM a JOIN b ON a.id = b.a_id WHERE a.x > ${i} AND b.y LIKE 'p%' OR a.z IN (1, 2, ${i}) GROUP BY a.id, b.name HAVING count(*) > 1 ORDER BY n DESC LIMIT 10`,
  );
}
const script = inserts.join(";\n");

Deno.bench({
  name: "tokenize() 1000 distinct INSERTs",
  group: "insert",
  fn() {
    for (const s of inserts) tokenize(s);
  },
});

Deno.bench({
  name: "parseOne() 1000 distinct INSERTs",
  group: "insert",
  baseline: true,
  fn() {
    for (const s of inserts) parseOne(s);
  },
});

Deno.bench({
  name: "parse() one script of 1000 INSERTs",
  group: "insert",
  fn() {
    parse(script);
  },
});

Deno.bench({
  name: "parseOne() 1000 distinct join/group/order SELECTs",
  group: "select",
  fn() {
    for (const s of selects) parseOne(s);
  },
});
