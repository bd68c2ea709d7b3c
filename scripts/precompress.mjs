// After `remix build`: writes a Brotli (.br) and a gzip (.gz) copy beside every compressible file of
// public/ (the fingerprinted build, the stylesheet, the icon), at the highest levels, once. server.mjs
// then sends the copy the browser accepts instead of compressing the same bytes on every request.
import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = path.resolve(process.argv[2] ?? "public");
const COMPRESSIBLE = /\.(js|css|svg|json|map|txt|html)$/;
let files = 0;
let before = 0;
let after = 0;

function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (COMPRESSIBLE.test(entry.name)) compress(file);
  }
}

function compress(file) {
  const bytes = fs.readFileSync(file);
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  const gz = gzipSync(bytes, { level: 9 });
  fs.writeFileSync(`${file}.br`, br);
  fs.writeFileSync(`${file}.gz`, gz);
  files++;
  before += bytes.length;
  after += br.length;
}

walk(root);
console.log(`Pre-compressed ${files} file(s) in ${path.relative(process.cwd(), root) || "."}: ${(before / 1024).toFixed(0)} KB → ${(after / 1024).toFixed(0)} KB (Brotli).`);
