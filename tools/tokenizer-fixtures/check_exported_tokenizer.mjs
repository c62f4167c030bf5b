// Loads an exported folder's tokenizer.json with @huggingface/tokenizers and compares its ids with Forgetless' on the
// texts in the folder's forgetless-token-ids.json (written by ModelFolderExportTests with FORGETLESS_PARITY_EXPORT).
//   node check_exported_tokenizer.mjs EXPORTED_DIR
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";

const dir = process.argv[2];
const tokenizer = new Tokenizer(JSON.parse(readFileSync(join(dir, "tokenizer.json"), "utf8")),
  JSON.parse(readFileSync(join(dir, "tokenizer_config.json"), "utf8")));
const { cases } = JSON.parse(readFileSync(join(dir, "forgetless-token-ids.json"), "utf8"));
let same = 0, sameTokens = 0, tokens = 0;
for (const { name, text, ids } of cases) {
  const theirs = tokenizer.encode(text, { add_special_tokens: false }).ids;
  const equal = theirs.length === ids.length && theirs.every((id, i) => id === ids[i]);
  same += equal ? 1 : 0;
  tokens += ids.length;
  sameTokens += ids.filter((id, i) => theirs[i] === id).length;
  if (!equal) console.log(`${name}: differs\n  text ${JSON.stringify(text)}\n  ours ${JSON.stringify(ids)}\n  js   ${JSON.stringify(theirs)}`);
  const decoded = tokenizer.decode(theirs, { skip_special_tokens: false });
  if (equal && decoded !== text) console.log(`${name}: decodes to ${JSON.stringify(decoded)}`);
}
console.log(`${dir}: vocabulary ${tokenizer.get_vocab?.().size ?? "?"}; ${same}/${cases.length} texts encode identically`);
process.exit(same === cases.length ? 0 : 1);
