// Loads the built bundles in headless Chromium and runs check/checks.js against them: `npm run check` after a build.
// Serves wwwroot over http (ES modules do not load from file://) and waits for the page to post its results.
import { createServer } from "node:http";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));
const browser = process.env.CHROMIUM_PATH || ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);
if (!existsSync(path.join(root, "dist/manifest.json"))) fail("dist/ is not built: run `node build.mjs` first");
if (!browser) fail("no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)");

const types = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json", ".map": "application/json" };
let resolveResults;
const results = new Promise((resolve) => (resolveResults = resolve));
const server = createServer(async (req, res) => {
  if (req.method === "POST" && req.url === "/result") {
    let body = "";
    for await (const chunk of req) body += chunk;
    res.end("ok");
    resolveResults(JSON.parse(body));
    return;
  }
  const file = path.normalize(path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname)));
  if (!file.startsWith(root + path.sep)) return void res.writeHead(403).end();
  try {
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}/check/index.html`;

const chrome = spawn(browser, [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
  "--window-size=1200,1000", `--user-data-dir=${path.join(root, "node_modules/.check-profile")}`, url,
], { stdio: ["ignore", "ignore", "pipe"] });
let stderr = "";
chrome.stderr.on("data", (d) => (stderr += d));
const timeout = setTimeout(() => {
  chrome.kill();
  fail(`no results from the page within 60 s. Chromium said:\n${stderr.slice(-2000)}`);
}, 60_000);

const outcome = await results;
clearTimeout(timeout);
chrome.kill();
server.close();
let failed = 0;
for (const r of outcome) {
  console.log(`${r.ok ? "ok  " : "FAIL"} ${r.name}${r.ok ? "" : "\n     " + r.error.split("\n").join("\n     ")}`);
  if (!r.ok) failed++;
}
console.log(`frontend check: ${outcome.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

function fail(message) {
  console.error(`frontend check: ${message}`);
  process.exit(2);
}
