// Drives the built bundles (dist/) in a real browser and posts the outcome to check.mjs. Each check exercises one
// promise the .NET wrappers rely on.
const results = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));

function fakeDotNet() {
  const calls = [];
  return {
    calls,
    invokeMethodAsync(name, ...args) {
      calls.push({ name, args });
      return Promise.resolve();
    },
    last(name) {
      return calls.filter((c) => c.name === name).at(-1);
    },
  };
}

async function check(name, fn) {
  // A failed check may leave its widget behind: start each from empty hosts so failures do not cascade.
  for (const id of ["editor", "diff", "terminal"]) document.getElementById(id).replaceChildren();
  try {
    await fn();
    results.push({ name, ok: true });
  } catch (error) {
    results.push({ name, ok: false, error: String(error?.stack ?? error) });
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function until(condition, what) {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const manifest = await (await fetch("../dist/manifest.json")).json();
const load = (name) => import(`../dist/${manifest.entries[name]}?v=${manifest.version}`);

await check("files: exports and file-name sanitizing", async () => {
  const files = await load("files");
  expect(typeof files.copyText === "function" && typeof files.downloadText === "function", "missing exports");
  expect(files.sanitizeFileName("shop/web:1.yaml") === "shop_web_1.yaml", files.sanitizeFileName("shop/web:1.yaml"));
  expect(files.sanitizeFileName("  ..  ") === "download.txt", "empty name must fall back");
  expect(files.downloadText("pods.log", "line 1\n") === true, "download did not start");
});

await check("editor: text, host edits without echo, debounced user edits", async () => {
  const { create } = await load("editor");
  const ref = fakeDotNet();
  const host = document.getElementById("editor");
  const ed = create(host, ref, { text: "a: 1\nb: 2\n", debounceMs: 20 });
  expect(ed.getText() === "a: 1\nb: 2\n", "initial text");
  expect(host.querySelector(".cm-editor") !== null, "no editor DOM");
  ed.setText("a: 1\nb: 3\n");
  await sleep(60);
  expect(ed.getText() === "a: 1\nb: 3\n", "setText");
  expect(!ref.last("OnChange"), "setText must not echo OnChange");
  ed.view.dispatch({ changes: { from: 0, insert: "# c\n" } }); // as a keystroke would
  ed.view.dispatch({ changes: { from: 0, insert: "#" } });
  await until(() => ref.last("OnChange"), "OnChange");
  expect(ref.calls.filter((c) => c.name === "OnChange").length === 1, "edits were not debounced into one call");
  expect(ref.last("OnChange").args[0] === "## c\na: 1\nb: 3\n", "OnChange text: " + ref.last("OnChange").args[0]);
  ed.dispose();
  expect(host.querySelector(".cm-editor") === null, "dispose left the editor");
});

await check("editor: large texts go to .NET as a stream, not one call", async () => {
  const { create } = await load("editor");
  const ref = fakeDotNet();
  const big = "data:\n" + "  key: " + "\u00e9".repeat(20000) + "\n";
  const ed = create(document.getElementById("editor"), ref, { text: "a: 1\n", debounceMs: 10 });
  ed.view.dispatch({ changes: { from: 0, to: ed.view.state.doc.length, insert: big } });
  await until(() => ref.calls.length > 0, "a change call");
  expect(ref.calls[0].name === "OnChangeLarge" && ref.calls[0].args[0] === big.length, JSON.stringify(ref.calls[0]).slice(0, 200));
  const bytes = ed.getTextBytes();
  expect(bytes instanceof Uint8Array && new TextDecoder().decode(bytes) === big, "getTextBytes");
  expect(ed.flush() === false, "nothing pending after the call");
  ed.view.dispatch({ changes: { from: 0, insert: "#" } });
  expect(ed.flush() === true, "flush reports the pending change");
  await sleep(40);
  expect(ref.calls.length === 1, "flush must cancel the pending OnChange");
  ed.dispose();
});

await check("editor: setText keeps undo history, resetHistory drops it", async () => {
  const { create } = await load("editor");
  const ed = create(document.getElementById("editor"), null, { text: "x: 1\n" });
  const undo = () =>
    ed.view.contentDOM.dispatchEvent(new KeyboardEvent("keydown", { key: "z", code: "KeyZ", ctrlKey: true, bubbles: true, cancelable: true }));
  ed.setText("x: 2\n");
  undo();
  expect(ed.getText() === "x: 1\n", "undo after setText: " + JSON.stringify(ed.getText()));
  ed.setText("y: 1\n", true);
  undo();
  expect(ed.getText() === "y: 1\n", "resetHistory kept history: " + JSON.stringify(ed.getText()));
  ed.dispose();
});

await check("editor: errors underline the right place and carry messages", async () => {
  const { create } = await load("editor");
  const host = document.getElementById("editor");
  const ed = create(host, null, { text: "apiVersion: v1\nkind: Pod\nspec:\n  replicas: two\n" });
  const shown = ed.markErrors([
    { line: 4, column: 13, message: "spec.replicas: Invalid value: \"two\": must be an integer" },
    { line: 99, message: "clamped to the last line" },
  ]);
  expect(shown === 2, "markErrors count");
  await frame();
  const marks = [...host.querySelectorAll(".cm-lintRange-error")].map((e) => e.textContent);
  expect(marks.includes("two"), "underlined: " + JSON.stringify(marks));
  expect(ed.markErrors([]) === 0, "clear");
  await frame();
  expect(host.querySelectorAll(".cm-lintRange-error").length === 0, "errors not cleared");
  ed.scrollTo(2, 7);
  expect(ed.view.state.selection.main.head === "apiVersion: v1\n".length + 6, "scrollTo cursor");
  ed.dispose();
});

await check("editor: read-only and theme switch", async () => {
  const { create } = await load("editor");
  const host = document.getElementById("editor");
  const ed = create(host, null, { text: "a: 1\n", readOnly: true });
  expect(ed.view.state.readOnly === true, "readOnly");
  ed.setReadOnly(false);
  expect(ed.view.state.readOnly === false, "setReadOnly(false)");
  const light = getComputedStyle(host.querySelector(".cm-editor")).backgroundColor;
  ed.setTheme(true);
  const dark = getComputedStyle(host.querySelector(".cm-editor")).backgroundColor;
  expect(dark === "rgb(40, 44, 52)", `dark background ${dark} (light was ${light})`);
  ed.dispose();
});

await check("merge: side by side and unified, change counts", async () => {
  const { create } = await load("merge");
  const host = document.getElementById("diff");
  const original = "a: 1\nb: 2\nc: 3\n";
  const diff = create(host, { original, proposed: "a: 1\nb: 20\nc: 3\nd: 4\n" });
  expect(host.querySelector(".cm-mergeView") !== null, "no merge view");
  expect(diff.changeCount() >= 1, "changeCount " + diff.changeCount());
  diff.setMode("unified");
  await frame();
  expect(host.querySelector(".cm-mergeView") === null, "split view left behind");
  expect(host.querySelector(".cm-deletedChunk, .cm-changedLine") !== null, "unified view shows no change");
  diff.setContent(original, original);
  expect(diff.changeCount() === 0, "equal texts have changes");
  diff.setTheme(true);
  diff.dispose();
  expect(host.children.length === 0, "dispose left DOM");
});

await check("terminal: size report, output, input, resize, theme, dispose", async () => {
  const { create } = await load("terminal");
  const ref = fakeDotNet();
  const host = document.getElementById("terminal");
  const term = create(host, ref, { dark: false });
  const first = ref.last("OnResize");
  expect(first && first.args[0] > 10 && first.args[1] > 5, "initial size " + JSON.stringify(first));
  await term.write("hello from the container\r\n");
  await term.write(new TextEncoder().encode("bytes too\r\n"));
  const line = (n) => term.term.buffer.active.getLine(n).translateToString(true);
  expect(line(0) === "hello from the container", "line 0: " + line(0));
  expect(line(1) === "bytes too", "line 1: " + line(1));
  term.term.input("ls\r", true);
  expect(ref.last("OnInput")?.args[0] === "ls\r", "OnInput " + JSON.stringify(ref.last("OnInput")));
  const before = ref.calls.length;
  const paste = "x".repeat(8191) + "\u{1F600}" + "y".repeat(9000);
  term.term.input(paste, true);
  const pieces = ref.calls.slice(before).filter((c) => c.name === "OnInput").map((c) => c.args[0]);
  expect(pieces.length === 3 && pieces.every((p) => p.length <= 8192), "paste pieces " + pieces.map((p) => p.length));
  expect(pieces.join("") === paste && pieces[0].length === 8191, "a surrogate pair was split");
  host.style.width = "400px";
  await until(() => ref.last("OnResize").args[0] < first.args[0], "OnResize after the container shrank");
  term.setTheme(true);
  expect(term.term.options.theme.background === "#1e2127", "dark theme");
  term.dispose();
  expect(host.querySelector(".xterm") === null, "dispose left the terminal");
});

document.getElementById("result").textContent = JSON.stringify(results, null, 2);
await fetch("/result", { method: "POST", body: JSON.stringify(results) });
