// Child process of crash_test.ts: appends to a WAL on the real disk forever
// and reports each save before it starts ("try") and once it resolved
// ("ack"), until the parent kills it with SIGKILL.
//   deno run -A test/wal/_crash_child.ts <dir> <seed>
import { seededRandom } from "../../src/internal/mod.ts";
import { openWal, type WalEntryInput } from "../../src/wal/mod.ts";
import { crashEntry } from "./_helpers.ts";

const [dir, seedArg] = Deno.args;
const rnd = seededRandom(Number(seedArg));
const out = new TextEncoder();
const say = (line: string) => Deno.stdout.write(out.encode(line + "\n"));

const r = await openWal(dir, { segmentSize: 256 * 1024 });
const wal = r.wal;
let last = r.entries.at(-1)?.index ?? r.snapshot?.index ?? 0;
let snap = r.snapshot?.index ?? 0;
let term = (r.entries.at(-1)?.term ?? r.snapshot?.term ?? 0) + 1;
await say("ready");
for (;;) {
  const roll = rnd();
  if (roll < 0.05 && last > snap) {
    const index = last - Math.floor(rnd() * Math.min(5, last - snap));
    await say(`try snap ${index} ${term}`);
    await wal.saveSnapshot({ index, term });
    await say(`ack snap ${index} ${term}`);
    snap = index;
    await wal.releaseTo(index);
    continue;
  }
  let first = last + 1;
  if (roll < 0.15 && last - snap > 3) {
    // A new leader's entries replace a suffix.
    term++;
    first = last - 2;
  }
  const count = 1 + Math.floor(rnd() * 40);
  const es: WalEntryInput[] = [];
  for (let i = first; i < first + count; i++) es.push(crashEntry(i, term));
  const hs = { term, vote: 1, commit: snap };
  await say(`try ent ${first} ${first + count - 1} ${term}`);
  await wal.save(hs, es);
  await say(`ack ent ${first} ${first + count - 1} ${term}`);
  last = first + count - 1;
}
