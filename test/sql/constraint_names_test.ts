import { assertEquals, assertThrows, engine, run } from "./_helpers.ts";
import { ConstraintError } from "../../src/sql/errors.ts";

// CREATE TABLE and ALTER TABLE ADD COLUMN share the code that names an
// unnamed CHECK or REFERENCES constraint; both must keep the same names.
const SETUP = `
CREATE TABLE p (id INTEGER PRIMARY KEY);
CREATE TABLE t (a INT CHECK (a > 0), b INT REFERENCES p, CHECK (a < 100));
ALTER TABLE t ADD COLUMN c INT CHECK (c <> 5);
ALTER TABLE t ADD COLUMN d INT REFERENCES p(id);
`;

function failure(sql: string): string {
  const db = engine(SETUP);
  return assertThrows(() => run(db, sql), ConstraintError).message;
}

Deno.test("createTable() names unnamed column and table CHECKs by their text", () => {
  assertEquals(
    failure("INSERT INTO t (a) VALUES (0)"),
    "CHECK constraint failed: CHECK (a > 0) (value: '0, NULL, NULL, NULL')",
  );
  assertEquals(
    failure("INSERT INTO t (a) VALUES (200)"),
    "CHECK constraint failed: CHECK (a < 100) (value: '200, NULL, NULL, NULL')",
  );
});

Deno.test("alterTable() ADD COLUMN names an unnamed CHECK by its text", () => {
  assertEquals(
    failure("INSERT INTO t (a, c) VALUES (1, 5)"),
    "CHECK constraint failed: CHECK (c != 5) (value: '1, NULL, 5, NULL')",
  );
});

Deno.test("createTable() and alterTable() name a column REFERENCES table.column", () => {
  assertEquals(
    failure("INSERT INTO t (a, b) VALUES (1, 9)"),
    "FOREIGN KEY constraint failed: t.b REFERENCES p (value: 9)",
  );
  assertEquals(
    failure("INSERT INTO t (a, d) VALUES (1, 9)"),
    "FOREIGN KEY constraint failed: t.d REFERENCES p (value: 9)",
  );
  const db = engine(SETUP);
  run(db, "INSERT INTO p (id) VALUES (9)");
  run(db, "INSERT INTO t (a, b, d) VALUES (1, 9, 9)");
  assertEquals(run(db, "SELECT a, b, d FROM t"), [[1n, 9n, 9n]]);
});
