/**
 * Differential testing against node:sqlite: random small tables and random
 * join / filter / aggregate queries must give the same rows (as multisets).
 */
import fc from "fast-check";
import { DatabaseSync } from "node:sqlite";
import { assertEquals, engine, run } from "./_helpers.ts";

const RUNS = Deno.env.get("REEF_LONG") ? 2000 : 150;
const val = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 4 }));
const table = fc.array(fc.tuple(val, val), { maxLength: 6 });
const col = (t: string) => fc.constantFrom(`${t}.x`, `${t}.y`);
const cmp = fc.constantFrom("=", "<>", "<", ">=", "IS", "IS NOT");
const pred = (ts: string[]) =>
  fc.oneof(
    fc.tuple(
      fc.constantFrom(...ts).chain(col),
      cmp,
      fc.constantFrom(...ts).chain(col),
    ).map(([a, o, b]) => `${a} ${o} ${b}`),
    fc.tuple(
      fc.constantFrom(...ts).chain(col),
      cmp,
      fc.integer({ min: 0, max: 4 }),
    ).map(([a, o, b]) => `${a} ${o} ${b}`),
    fc.constantFrom(...ts).chain(col).map((a) => `${a} IS NULL`),
  );
const conj = (ts: string[]) =>
  fc.oneof(
    pred(ts),
    fc.tuple(pred(ts), fc.constantFrom(" AND ", " OR "), pred(ts)).map((
      [a, op, b],
    ) => `(${a}${op}${b})`),
  );
const joinType = fc.constantFrom(
  "JOIN",
  "LEFT JOIN",
  "RIGHT JOIN",
  "FULL JOIN",
  "CROSS JOIN",
  ",",
);

const query = fc.tuple(
  joinType,
  joinType,
  conj(["a", "b"]),
  conj(["a", "b", "c"]),
  fc.option(conj(["a", "b", "c"])),
  fc.constantFrom("rows", "agg", "ordered"),
)
  .map(([j1, j2, on1, on2, where, shape]) => {
    const join = (
      j: string,
      t: string,
      on: string,
    ) => (j === ","
      ? `, ${t}`
      : j === "CROSS JOIN"
      ? ` CROSS JOIN ${t}`
      : ` ${j} ${t} ON ${on}`);
    const from = `a${join(j1, "b", on1)}${join(j2, "c", on2)}`;
    const w = where ? ` WHERE ${where}` : "";
    const cols =
      "a.x AS ax, a.y AS ay, b.x AS bx, b.y AS by_, c.x AS cx, c.y AS cy";
    if (shape === "agg") {
      return `SELECT a.x AS k, count(*) AS n, sum(b.y) AS s, max(c.x) AS m FROM ${from}${w} GROUP BY a.x`;
    }
    if (shape === "ordered") {
      return `SELECT DISTINCT ${cols} FROM ${from}${w} ORDER BY 1, 2 DESC, 3, 4, 5, 6 LIMIT 4 OFFSET 1`;
    }
    return `SELECT ${cols} FROM ${from}${w}`;
  });

function canon(rows: unknown[][]): string[] {
  return rows.map((r) =>
    JSON.stringify(r.map((v) => (typeof v === "bigint" ? Number(v) : v)))
  ).sort();
}

Deno.test("joins, filters and aggregates agree with node:sqlite on random data", () => {
  fc.assert(
    fc.property(table, table, table, query, (ta, tb, tc, q) => {
      const lite = new DatabaseSync(":memory:");
      const reef = engine();
      try {
        for (const [name, rows] of [["a", ta], ["b", tb], ["c", tc]] as const) {
          const ddl = `CREATE TABLE ${name} (x INT, y INT)`;
          lite.exec(ddl);
          run(reef, ddl);
          for (const [x, y] of rows) {
            const ins = `INSERT INTO ${name} VALUES (${x ?? "NULL"}, ${
              y ?? "NULL"
            })`;
            lite.exec(ins);
            run(reef, ins);
          }
        }
        const want = lite.prepare(q).all().map((o) =>
          Object.values(o as Record<string, unknown>)
        );
        const got = run(reef, q);
        if (q.includes("ORDER BY")) {
          assertEquals(
            got.map((r) =>
              r.map((v) => (typeof v === "bigint" ? Number(v) : v))
            ),
            want,
            q,
          );
        } else {
          assertEquals(canon(got), canon(want), q);
        }
      } finally {
        lite.close();
      }
    }),
    { numRuns: RUNS },
  );
});
