import assert from "node:assert/strict";

const MAIN = new URL("../../src/cli/main.ts", import.meta.url);

async function runCli(args: string[], stdin: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN.pathname, ...args],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(stdin));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  const dec = new TextDecoder();
  return { code, stdout: dec.decode(stdout), stderr: dec.decode(stderr) };
}

Deno.test({
  name: "reef shell --memory runs piped SQL on the real engine",
  async fn() {
    const r = await runCli(
      ["shell", "--memory"],
      "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n" +
        "INSERT INTO t (id, name) VALUES (1, 'reef'), (2, NULL);\n" +
        "SELECT id, name\n  FROM t ORDER BY id;\n" +
        "SELECT * FORM t;\n",
    );
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout,
      "(2 rows affected)\n" +
        " id | name\n----+------\n  1 | reef\n  2 | NULL\n(2 rows)\n",
    );
    assert.match(r.stderr, /syntax error[^\n]*\nSELECT \* FORM t\n {9}\^/);
  },
});

Deno.test("reef with an unknown flag exits 2 and names it", async () => {
  const r = await runCli(["shell", "--nope"], "");
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Unknown option "--nope"/);
  assert.equal(r.stdout, "");
});
