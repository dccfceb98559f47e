import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import {
  parseHeadlineOptions,
  toTsquery,
  tsHeadline,
} from "../../../src/sql/fts/mod.ts";

Deno.test("tsHeadline() wraps the words that match positive terms", () => {
  strictEqual(
    tsHeadline("The fat cats sat, not the dogs.", toTsquery("cat & !dog")),
    "The fat <b>cats</b> sat, not the dogs.",
  );
});

Deno.test("tsHeadline() highlights prefix matches with custom selectors", () => {
  strictEqual(
    tsHeadline("Supernovas and superclusters", toTsquery("super:*"), {
      startSel: "[",
      stopSel: "]",
    }),
    "[Supernovas] and [superclusters]",
  );
});

Deno.test("tsHeadline() cuts a long document to the densest run of words", () => {
  const text = "one two three four five six seven cat eight nine cat ten";
  strictEqual(
    tsHeadline(text, toTsquery("cat"), { maxWords: 4 }),
    "<b>cat</b> eight nine <b>cat</b>",
  );
  strictEqual(
    tsHeadline(text, toTsquery("whale"), { maxWords: 3 }),
    "one two three",
  );
  strictEqual(
    tsHeadline(text, toTsquery("cat"), { maxWords: 4, highlightAll: true }),
    "one two three four five six seven <b>cat</b> eight nine <b>cat</b> ten",
  );
});

Deno.test("parseHeadlineOptions() reads PostgreSQL's option string", () => {
  deepStrictEqual(
    parseHeadlineOptions(
      'StartSel=<em>, stopsel="</em>", MaxWords=5, HighlightAll=on, Other=1',
    ),
    { startSel: "<em>", stopSel: "</em>", maxWords: 5, highlightAll: true },
  );
  throws(() => parseHeadlineOptions("MaxWords=0"), RangeError);
  throws(() => parseHeadlineOptions("StartSel"), RangeError);
});
