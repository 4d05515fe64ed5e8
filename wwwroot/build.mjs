// Bundles src/ into dist/ as ES modules that Blazor loads with import() (run by Frontend.targets, or `npm run build`).
// Each entry is one module; code shared by the editor and the diff view (CodeMirror) goes into hashed chunks.
// Writes dist/manifest.json last: its version changes whenever any output changes (cache busting), and MSBuild uses
// the file as the build's output stamp.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, "dist");

/** The functions each entry must export: the .NET wrappers call these by name. */
const entries = {
  terminal: ["create"],
  editor: ["create"],
  merge: ["create"],
  files: ["copyText", "downloadText", "sanitizeFileName"],
};

const started = performance.now();
await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

let result;
try {
  result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.keys(entries).map((name) => [name, `src/${name}.js`])),
    outdir: "dist",
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: ["chrome105", "edge105", "firefox110", "safari16"],
    minify: true,
    sourcemap: "linked",
    legalComments: "eof",
    loader: { ".css": "text" },
    metafile: true,
    logLevel: "warning",
  });
} catch (error) {
  // esbuild has already printed the errors with file and line; MSBuild needs a non-zero exit.
  console.error(`frontend: esbuild failed (${error.errors?.length ?? "?"} error(s))`);
  process.exit(1);
}

const problems = [];
const manifest = { version: "", entries: {} };
const hash = createHash("sha256");
for (const [file, output] of Object.entries(result.metafile.outputs).sort(([a], [b]) => a.localeCompare(b))) {
  if (!file.endsWith(".map")) hash.update(file).update(await readFile(path.join(root, file)));
  if (!output.entryPoint) continue;
  const name = path.basename(output.entryPoint, ".js");
  manifest.entries[name] = path.relative("dist", file).split(path.sep).join("/");
  const missing = (entries[name] ?? []).filter((fn) => !output.exports.includes(fn));
  if (missing.length) problems.push(`${file} does not export ${missing.join(", ")}`);
}
for (const name of Object.keys(entries)) {
  if (!manifest.entries[name]) problems.push(`no output for entry ${name}`);
}
if (problems.length) {
  for (const p of problems) console.error(`frontend: ${p}`);
  process.exit(1);
}
manifest.version = hash.digest("hex").slice(0, 16);
await writeFile(path.join(dist, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");

const sizes = Object.entries(result.metafile.outputs)
  .filter(([file]) => !file.endsWith(".map"))
  .reduce((sum, [, o]) => sum + o.bytes, 0);
console.log(
  `frontend: ${Object.keys(manifest.entries).length} modules, ${(sizes / 1024).toFixed(0)} KB in dist/ ` +
    `(version ${manifest.version}) in ${Math.round(performance.now() - started)} ms`,
);
