import { assertEquals, assertThrows, engine, run } from "./_helpers.ts";
import { ConstraintError } from "../../src/sql/errors.ts";

// INSERT and UPDATE resolve UNIQUE index conflicts through one helper; these
// pin what each conflict clause does on both statements.
const SETUP = `
CREATE TABLE t (id INTEGER PRIMARY KEY, a INT UNIQUE, b INT, c INT, UNIQUE (b, c));
INSERT INTO t VALUES (1, 10, 1, 1), (2, 20, 2, 2), (3, 30, 3, 3);
`;

Deno.test("insertStatement() resolves UNIQUE conflicts per OR clause", () => {
  const db = engine(SETUP);
  const e = assertThrows(
    () => run(db, "INSERT INTO t VALUES (4, 10, 9, 9)"),
    ConstraintError,
  );
  assertEquals(e.message, "UNIQUE constraint failed: UNIQUE t(a) (value: 10)");
  assertThrows(
    () => run(db, "INSERT INTO t VALUES (4, 40, 2, 2)"),
    ConstraintError,
  );
  run(db, "INSERT OR IGNORE INTO t VALUES (4, 20, 9, 9)");
  run(db, "INSERT OR REPLACE INTO t VALUES (5, 30, 1, 1)");
  assertEquals(run(db, "SELECT id, a, b, c FROM t ORDER BY id"), [
    [2n, 20n, 2n, 2n],
    [5n, 30n, 1n, 1n],
  ]);
});

Deno.test("updateStatement() resolves UNIQUE conflicts per OR clause", () => {
  const db = engine(SETUP);
  const e = assertThrows(
    () => run(db, "UPDATE t SET a = 10 WHERE id = 2"),
    ConstraintError,
  );
  assertEquals(e.message, "UNIQUE constraint failed: UNIQUE t(a) (value: 10)");
  // A row keeping its own unique value does not conflict with itself.
  run(db, "UPDATE t SET a = a, b = b WHERE id = 2");
  run(db, "UPDATE OR IGNORE t SET a = 10 WHERE id = 2");
  run(db, "UPDATE OR REPLACE t SET b = 3, c = 3 WHERE id = 1");
  assertEquals(run(db, "SELECT id, a, b, c FROM t ORDER BY id"), [
    [1n, 10n, 3n, 3n],
    [2n, 20n, 2n, 2n],
  ]);
});
