/**
 * Random sequences of transaction control and writes through open(),
 * checked against node:sqlite after every statement.
 */
import fc from "fast-check";
import { DatabaseSync } from "node:sqlite";
import { assertEquals } from "../sql/_helpers.ts";
import { open } from "../../mod.ts";

const RUNS = Deno.env.get("REEF_LONG") ? 1000 : 60;
const stmt = fc.oneof(
  fc.constantFrom(
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "SAVEPOINT s1",
    "SAVEPOINT s2",
    "RELEASE s1",
    "RELEASE s2",
    "ROLLBACK TO s1",
    "ROLLBACK TO s2",
  ),
  fc.integer({ min: 0, max: 6 }).map((v) => `INSERT INTO t (v) VALUES (${v})`),
  fc.integer({ min: 0, max: 6 }).map((v) =>
    `INSERT INTO t (id, v) VALUES (1, ${v})`
  ),
  fc.integer({ min: 0, max: 6 }).map((v) =>
    `UPDATE t SET v = v + 1 WHERE v < ${v}`
  ),
  fc.integer({ min: 0, max: 6 }).map((v) => `DELETE FROM t WHERE v = ${v}`),
  fc.constantFrom(
    "CREATE INDEX tv ON t (v)",
    "DROP INDEX tv",
    "INSERT INTO t (v) VALUES (NULL)",
  ),
);

Deno.test("open() transactions and savepoints behave like SQLite's", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(stmt, { minLength: 1, maxLength: 14 }),
      async (stmts) => {
        const lite = new DatabaseSync(":memory:");
        await using db = await open();
        try {
          const ddl = "CREATE TABLE t (id INTEGER PRIMARY KEY, v INT NOT NULL)";
          lite.exec(ddl);
          await db.exec(ddl);
          for (const s of stmts) {
            let liteErr = false, reefErr = false;
            try {
              lite.exec(s);
            } catch {
              liteErr = true;
            }
            try {
              await db.exec(s);
            } catch {
              reefErr = true;
            }
            assertEquals(
              reefErr,
              liteErr,
              `error mismatch on ${s} in ${stmts.join("; ")}`,
            );
            const want = lite.prepare("SELECT id, v FROM t ORDER BY id").all()
              .map((o) => Object.values(o as Record<string, unknown>));
            const got = (await db.query("SELECT id, v FROM t ORDER BY id")).rows
              .map((r) =>
                r.map((v) => (typeof v === "bigint" ? Number(v) : v))
              );
            assertEquals(got, want, `after ${s} in ${stmts.join("; ")}`);
          }
        } finally {
          lite.close();
        }
      },
    ),
    { numRuns: RUNS },
  );
});
