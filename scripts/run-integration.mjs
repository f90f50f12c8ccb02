// Runs test/integration inside a real VS Code extension host: code-server (VS Code 1.100.3 from the npm
// registry) driven by Debian's headless Chromium through playwright-core. Nothing is downloaded but npm
// and Debian packages. Prints "N passed, N failed" and exits non-zero on failure.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, watch, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { prepareWorkspace } from './integration-workspace.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TIMEOUT_MS = 240_000;
const t0 = Date.now();
const say = (s) => process.stderr.write(`[integration ${((Date.now() - t0) / 1000).toFixed(1)}s] ${s}\n`);

function freePort() {
  return new Promise((res) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function waitForHealth(url, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode}`);
    }
    try {
      const r = await fetch(url);
      if (r.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('code-server did not become healthy within 60 s');
}

/**
 * What the workbench itself shows, for tests that must see the editor's state rather than the extension's
 * own copy of it (VS Code drops diagnostics past its limits only on the way to the workbench). A test writes
 * query-<id>.json ({ selector, attribute, pattern }); the answer, answer-<id>.json, is the attribute (or, for
 * "textContent", the text) of the first element that matches the pattern once there is one (Playwright waits for
 * it, up to 20 s), or else every element's, joined by " | ", or null.
 */
function servePageQueries(page, work) {
  return watch(work, (_, name) => {
    const id = /^query-(\w+)\.json$/.exec(name ?? '')?.[1];
    const file = join(work, name ?? '');
    if (!id || !existsSync(file)) {
      return;
    }
    const { selector, attribute, pattern } = JSON.parse(readFileSync(file, 'utf8'));
    rmSync(file, { force: true });
    // Runs in the page: the matching value, else (when `orFirst`) every value, joined, or null.
    const pick = ([sel, attr, re, orFirst]) => {
      const all = [...document.querySelectorAll(sel)].map((e) => (attr === 'textContent' ? e.textContent : e.getAttribute(attr)) ?? '');
      return all.find((v) => new RegExp(re).test(v)) ?? (orFirst && all.length > 0 ? all.join(' | ') : null);
    };
    page
      .waitForFunction(pick, [selector, attribute, pattern, false], { timeout: 20_000 })
      .catch(() => undefined)
      .then(() => page.evaluate(pick, [selector, attribute, pattern, true]))
      .catch(() => null)
      .then((value) => {
        writeFileSync(join(work, `answer-${id}.tmp`), JSON.stringify({ value }));
        renameSync(join(work, `answer-${id}.tmp`), join(work, `answer-${id}.json`));
      });
  });
}

async function main() {
  const csDir = execFileSync('bash', [join(root, 'scripts', 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
  const work = mkdtempSync(join(tmpdir(), 'ui-integration-'));
  const ws = join(work, 'workspace');
  await prepareWorkspace(ws);
  const results = join(work, 'results.json');
  const port = await freePort();
  const env = {
    ...process.env,
    UI_TEST_RESULTS: results,
    UI_PAGE_QUERIES: work,
    ...(process.env.UI_SCREENSHOT ? { UI_SCREENSHOT_SIGNAL: join(work, 'shot') } : {}),
    XDG_CONFIG_HOME: join(work, 'xdg-config'),
    XDG_DATA_HOME: join(work, 'xdg-data'),
    XDG_CACHE_HOME: join(work, 'xdg-cache'),
  };
  const userData = join(work, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'extensions.autoCheckUpdates': false, 'telemetry.telemetryLevel': 'off', 'files.autoSave': 'off' }));
  const server = spawn(process.execPath, [join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userData, '--extensions-dir', join(work, 'extensions'), '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ws], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let serverLog = '';
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  let browser;
  let queries;
  let code = 1;
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(`${base}/healthz`, server);
    say('code-server is up');
    const html = await (await fetch(`${base}/?folder=${encodeURIComponent(ws)}`)).text();
    const meta = /id="vscode-workbench-web-configuration"\s+data-settings="([^"]+)"/.exec(html);
    const settings = meta ? JSON.parse(meta[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')) : {};
    const authority = settings.remoteAuthority ?? 'remote';
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${authority}${root}`],
      ['extensionTestsPath', `vscode-remote://${authority}${join(root, 'out', 'test', 'integration', 'index.js')}`],
    ]);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exited = new Promise((res) => page.exposeFunction('codeAutomationExit', (c) => res(c)));
    // The extension host writes its results file when the suite ends: that ends the wait too.
    const written = new Promise((res) => {
      const w = watch(work, (_, name) => {
        if (name === 'results.json' && existsSync(results)) {
          try {
            const failed = JSON.parse(readFileSync(results, 'utf8')).failed;
            w.close();
            res(failed === 0 ? 0 : 1);
          } catch {
            // not complete yet: the next event will tell
          }
        }
      });
    });
    queries = servePageQueries(page, work);
    say('opening the workbench');
    await page.goto(`${base}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`);
    const timeout = new Promise((_, rej) => setTimeout(() => rej(new Error(`the suite did not finish within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS).unref());
    if (process.env.UI_SCREENSHOT) {
      // Screenshot mode: the extension host arranges the window, says "ready", and waits for "done".
      await new Promise((res) => {
        const w = watch(work, (_, name) => {
          if (name === 'shot.ready') {
            w.close();
            res();
          }
        });
      });
      await page.screenshot({ path: process.env.UI_SCREENSHOT });
      writeFileSync(join(work, 'shot.done'), '');
      say(`screenshot written to ${process.env.UI_SCREENSHOT}`);
    }
    say('waiting for the suite');
    code = await Promise.race([exited, written, timeout]);
    say(`the suite ended with ${code}`);
  } catch (e) {
    say(String(e?.message ?? e));
    say(serverLog.split('\n').slice(-20).join('\n'));
  } finally {
    queries?.close();
    await browser?.close();
    say('stopping code-server and its extension host');
    try {
      process.kill(-server.pid, 'SIGKILL'); // the whole group: code-server and the extension host it started
    } catch {
      server.kill('SIGKILL');
    }
    server.stdout.destroy();
    server.stderr.destroy();
  }
  let summary = { passed: 0, failed: 1, results: [] };
  if (existsSync(results)) {
    summary = JSON.parse(readFileSync(results, 'utf8'));
  } else {
    say('the extension host wrote no results');
  }
  for (const r of summary.results) {
    process.stdout.write(`  ${r.state === 'passed' ? '✔' : '✗'} ${r.title}\n${r.error ? r.error.split('\n').slice(0, 6).map((l) => '      ' + l).join('\n') + '\n' : ''}`);
  }
  process.stdout.write(`integration: ${summary.passed} passed, ${summary.failed} failed\n`);
  rmSync(work, { recursive: true, force: true });
  process.exitCode = summary.failed === 0 && code === 0 ? 0 : 1;
}

await main();
