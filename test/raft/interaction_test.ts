/**
 * Replays test/raft/testdata/*.txt and compares each command's output with
 * the recorded one. `REEF_RECORD=1 deno test -A test/raft/interaction_test.ts`
 * rewrites the recordings.
 */
import { deepStrictEqual as eq } from "node:assert/strict";
import { InteractionEnv, parseScript, renderScript } from "./_interaction.ts";

const dir = new URL("./testdata/", import.meta.url);
const record = Deno.env.get("REEF_RECORD") === "1";
const files = [...Deno.readDirSync(dir)]
  .filter((e) => e.isFile && e.name.endsWith(".txt"))
  .map((e) => e.name)
  .sort();

for (const name of files) {
  Deno.test(`InteractionEnv replays testdata/${name}`, () => {
    const url = new URL(name, dir);
    const blocks = parseScript(Deno.readTextFileSync(url));
    const env = new InteractionEnv();
    const outputs = blocks.map((b) => env.run(b.command));
    if (record) {
      Deno.writeTextFileSync(url, renderScript(blocks, outputs));
      return;
    }
    blocks.forEach((b, i) => {
      eq(
        outputs[i].join("\n"),
        b.expected.join("\n"),
        `${name}: "${b.command}"`,
      );
    });
  });
}
