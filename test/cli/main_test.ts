import assert from "node:assert/strict";
import type { CliContext } from "../../src/cli/command.ts";
import { main } from "../../src/cli/main.ts";
import { openSqliteDatabase } from "../slt/sqlite_database.ts";

function context(stdinText = "") {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    stdin: ReadableStream.from([new TextEncoder().encode(stdinText)]),
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    isTerminal: false,
    openMemory: openSqliteDatabase,
  };
  return { ctx, out: () => out.join(""), err: () => err.join("") };
}

Deno.test("main() --help lists the subcommands and exits 0", async () => {
  const c = context();
  assert.equal(await main(["--help"], c.ctx), 0);
  assert.match(c.out(), /Usage: reef <command>/);
  assert.match(c.out(), /\n {2}shell {2}/);
});

Deno.test("main() with no command prints usage and exits 2", async () => {
  const c = context();
  assert.equal(await main([], c.ctx), 2);
  assert.match(c.err(), /Usage: reef <command>/);
});

Deno.test("main() names an unknown flag, shows usage, exits 2", async () => {
  const c = context();
  assert.equal(await main(["shell", "--memroy"], c.ctx), 2);
  assert.match(
    c.err(),
    /^error: Unknown option "--memroy"\n\nUsage: reef shell/,
  );
});

Deno.test("main() names an unknown command and exits 2", async () => {
  const c = context();
  assert.equal(await main(["serve"], c.ctx), 2);
  assert.match(c.err(), /^error: Unknown command "serve"/);
  const d = context();
  assert.equal(await main(["--bogus"], d.ctx), 2);
  assert.match(d.err(), /^error: Unknown option "--bogus"/);
});

Deno.test("main() shell --help prints the shell's usage", async () => {
  const c = context();
  assert.equal(await main(["shell", "--help"], c.ctx), 0);
  assert.match(c.out(), /^Usage: reef shell \[--memory\]/);
});

Deno.test("main() shell runs piped input without prompts", async () => {
  const c = context(
    "CREATE TABLE t(a);\nINSERT INTO t VALUES (5);\nSELECT a\n  FROM t;\n",
  );
  assert.equal(await main(["shell", "--memory"], c.ctx), 0);
  assert.equal(c.out(), "(1 row affected)\n a\n---\n 5\n(1 row)\n");
  assert.equal(c.err(), "");
});

Deno.test("main() shell exits 1 when a piped statement failed", async () => {
  const c = context("SELECT * FROM missing;\nSELECT 1 AS one;\n");
  assert.equal(await main(["shell", "--memory"], c.ctx), 1);
  assert.match(c.err(), /missing/);
  assert.equal(c.out(), " one\n-----\n   1\n(1 row)\n");
});

Deno.test("main() shell stops at .quit", async () => {
  const c = context("SELECT 1 AS a;\n.quit\nSELECT 2 AS b;\n");
  assert.equal(await main(["shell", "--memory"], c.ctx), 0);
  assert.equal(c.out(), " a\n---\n 1\n(1 row)\n");
});
