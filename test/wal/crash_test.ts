import { ok } from "node:assert/strict";
import { crc32, seededRandom } from "../../src/internal/mod.ts";
import { openWal } from "../../src/wal/mod.ts";
import { crashEntry } from "./_helpers.ts";

const CHILD = new URL("./_crash_child.ts", import.meta.url).pathname;
const ROUNDS = Deno.env.get("REEF_LONG") ? 20 : 8;

/** The log the acknowledged operations add up to: index -> term. */
class Model {
  terms = new Map<number, number>();
  snap = 0;
  apply(line: string): void {
    const [, kind, a, b, c] = line.split(" ");
    if (kind === "snap") {
      this.snap = Number(a);
      for (const i of this.terms.keys()) {
        if (i <= this.snap) this.terms.delete(i);
      }
      return;
    }
    const first = Number(a);
    for (const i of [...this.terms.keys()]) {
      if (i >= first) this.terms.delete(i);
    }
    for (let i = first; i <= Number(b); i++) this.terms.set(i, Number(c));
  }
  clone(): Model {
    const m = new Model();
    m.terms = new Map(this.terms);
    m.snap = this.snap;
    return m;
  }
  expected(snapIndex: number) {
    return [...this.terms].filter(([i]) => i > snapIndex)
      .sort((x, y) => x[0] - y[0])
      .map(([i, t]) => crashEntry(i, t));
  }
}

/** A short text that changes with any entry's index, term, type or data. */
function digest(
  es: readonly {
    index: number | bigint;
    term: number | bigint;
    type: number;
    data: Uint8Array;
  }[],
): string {
  return es.map((e) => `${e.index}:${e.term}:${e.type}:${crc32(e.data)}`)
    .join(",");
}

async function* lines(stream: ReadableStream<Uint8Array>) {
  let buf = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    buf += chunk;
    let nl;
    while ((nl = buf.indexOf("\n")) >= 0) {
      yield buf.slice(0, nl);
      buf = buf.slice(nl + 1);
    }
  }
}

Deno.test("Wal keeps every acknowledged save when its process is SIGKILLed", async () => {
  const dir = await Deno.makeTempDir();
  const rnd = seededRandom(Date.now() >>> 0);
  let model = new Model();
  let acked = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", CHILD, dir, String(round + 1)],
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const guard = setTimeout(() => child.kill("SIGKILL"), 30_000);
      const stderr = new Response(child.stderr).text();
      let pending: string | undefined;
      const killAfter = 1 + Math.floor(rnd() * 150);
      let seen = 0;
      let killed = false;
      for await (const line of lines(child.stdout)) {
        if (line.startsWith("try ")) pending = line;
        if (line.startsWith("ack ")) {
          model.apply(line);
          pending = undefined;
          acked++;
          if (++seen >= killAfter && !killed) {
            killed = true;
            child.kill("SIGKILL");
          }
        }
      }
      clearTimeout(guard);
      const status = await child.status;
      const err = await stderr;
      ok(killed && status.signal === "SIGKILL", `child ended early: ${err}`);

      const r = await openWal(dir, { segmentSize: 256 * 1024 });
      await r.wal.close();
      const snapIndex = r.snapshot?.index ?? 0;
      let maybe: Model | undefined;
      if (pending) {
        maybe = model.clone();
        maybe.apply(pending);
      }
      const got = digest(r.entries);
      const variants = [model, ...(maybe ? [maybe] : [])];
      const match = variants.find((m) =>
        snapIndex >= m.snap && got === digest(m.expected(snapIndex))
      );
      ok(
        match,
        `round ${round}: reopened log (${r.entries.length} entries after ${snapIndex}) lost acknowledged data`,
      );
      model = match;
    }
    ok(acked > ROUNDS);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
