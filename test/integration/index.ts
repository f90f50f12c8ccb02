import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/**
 * Entry point VS Code calls inside the extension host (extensionTestsPath). Results go to the file named
 * by UI_TEST_RESULTS, so the runner outside the browser can count them.
 */
export function run(): Promise<void> {
  // UI_TEST_GREP runs only the tests whose title matches (for working on one of them).
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, grep: process.env.UI_TEST_GREP });
  const files = process.env.UI_SCREENSHOT_SIGNAL ? ['screenshot.test.js'] : ['packages.test.js', 'review.test.js', 'compare.test.js'];
  for (const file of files) {
    mocha.addFile(join(__dirname, file));
  }
  const results: { title: string; state: string; error?: string }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.UI_TEST_RESULTS;
      if (out) {
        // Written whole, then renamed: the runner watching for it never reads half a file.
        writeFileSync(out + '.tmp', JSON.stringify({ passed: results.filter((r) => r.state === 'passed').length, failed: failures, results }, null, 2));
        renameSync(out + '.tmp', out);
      }
      if (failures > 0) {
        reject(new Error(`${failures} integration tests failed`));
      } else {
        resolve();
      }
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed' }));
    runner.on('fail', (t, err: Error) => results.push({ title: t.fullTitle(), state: 'failed', error: String(err?.stack ?? err) }));
  });
}
