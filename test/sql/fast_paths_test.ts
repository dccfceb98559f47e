import { assertEquals, engine, run } from "./_helpers.ts";

const SETUP = `
CREATE TABLE t (id INTEGER PRIMARY KEY, n, v TEXT);
INSERT INTO t (n, v) VALUES
  (107, 'Row 1a'), (-93, 'row 2'), (7, 'ROW 10'), (9007199254740993, 'rów 1'),
  (9007199254740907, 'x'), (7.5, 'row'), ('107', 'ro'), (NULL, NULL),
  (-9223372036854775808, 'row 1');
`;

Deno.test("x % K = C agrees with the general path for every value kind", () => {
  const db = engine(SETUP);
  for (const op of ["=", "!=", "<", "<=", ">", ">="]) {
    // `+ 0` keeps the comparison off the fused path.
    const fused = run(db, `SELECT id FROM t WHERE n % 100 ${op} 7 ORDER BY id`);
    const plain = run(
      db,
      `SELECT id FROM t WHERE n % 100 + 0 ${op} 7 ORDER BY id`,
    );
    assertEquals(fused, plain, op);
    const flipped = run(
      db,
      `SELECT id FROM t WHERE 7 ${op} n % 100 ORDER BY id`,
    );
    const flippedPlain = run(
      db,
      `SELECT id FROM t WHERE 7 ${op} n % 100 + 0 ORDER BY id`,
    );
    assertEquals(flipped, flippedPlain, `flipped ${op}`);
  }
  assertEquals(run(db, "SELECT id FROM t WHERE n % 100 = 7 ORDER BY id"), [
    [1n],
    [3n],
    [5n],
    [6n],
    [7n],
  ]);
});

Deno.test("LIKE with a constant prefix pattern folds ASCII case only", () => {
  const db = engine(SETUP);
  assertEquals(
    run(db, "SELECT id FROM t WHERE v LIKE 'row 1%' ORDER BY id"),
    [[1n], [3n], [9n]],
  );
  assertEquals(
    run(db, "SELECT id FROM t WHERE v NOT LIKE 'RO%%' ORDER BY id"),
    [[4n], [5n]],
  );
  assertEquals(run(db, "SELECT 12 LIKE '1%', 'a' LIKE 'A%%'"), [[1n, 1n]]);
  // Non-ASCII letters are compared exactly, with or without wildcards.
  assertEquals(
    run(db, "SELECT 'RÓW' LIKE 'rów%', 'RÓW' LIKE 'rÓw', 'Kx' LIKE '\u212Ax'"),
    [[0n, 1n, 0n]],
  );
});
