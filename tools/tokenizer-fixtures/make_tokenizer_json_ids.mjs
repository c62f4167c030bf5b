// Expected ids for a tokenizer.json, from @huggingface/tokenizers (transformers.js' tokenizer; pure JavaScript).
//   cd tools/tokenizer-fixtures && npm install
//   node make_tokenizer_json_ids.mjs TOKENIZER_DIR OUT.json [STRINGS.json]
// TOKENIZER_DIR holds tokenizer.json (and tokenizer_config.json when there is one). Special tokens are not added
// (add_special_tokens: false), as Forgetless' Encode adds none; special tokens typed in the text are matched.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";

const [dir, out, stringsPath = new URL("./strings.json", import.meta.url).pathname] = process.argv.slice(2);
if (!dir || !out) { console.error("usage: node make_tokenizer_json_ids.mjs TOKENIZER_DIR OUT.json [STRINGS.json]"); process.exit(2); }
const json = JSON.parse(readFileSync(join(dir, "tokenizer.json"), "utf8"));
// The Rust library applies a "truncation" block (GPT-2's says 50); the ids wanted are the untruncated ones.
json.truncation = null;
const configPath = join(dir, "tokenizer_config.json");
const config = existsSync(configPath) ? JSON.parse(readFileSync(configPath, "utf8")) : {};
const tokenizer = new Tokenizer(json, config);
const { cases } = JSON.parse(readFileSync(stringsPath, "utf8"));
const results = cases.map(({ name, text }) => {
  const ids = tokenizer.encode(text, { add_special_tokens: false }).ids;
  return { name, text, ids, decoded: ids.length ? tokenizer.decode(ids, { skip_special_tokens: false }) : "" };
});
writeFileSync(out, JSON.stringify({ made_by: "@huggingface/tokenizers 0.2.0 (tools/tokenizer-fixtures/make_tokenizer_json_ids.mjs)", cases: results }, null, 1) + "\n");
console.log(`${out}: ${results.length} cases, longest ${Math.max(...results.map(r => r.ids.length))} ids`);
