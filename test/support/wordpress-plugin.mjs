// WordPress's own sanitiser for the browser tests, as a test runner plugin: runs PHP with
// test/fixtures/wp-kses-post.php in the test runner's process, the way receiver-plugin.mjs runs
// receivers, so a test in any engine gets what WordPress keeps of a snippet an author saves.
//
//   wordpress-kses  { html }  wp_kses_post() of `html`: { kept, version } (WordPress's version)
//
// Needs `php` (Debian's php-cli) and WordPress under /usr/share/wordpress (Debian's wordpress),
// which .ci/run installs; PHP_PATH and WORDPRESS_PATH point elsewhere. Without them the command
// fails with what to install: the WordPress test fails rather than skips.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../fixtures/wp-kses-post.php', import.meta.url));
const PHP = process.env.PHP_PATH ?? 'php';

/** Runs the script with `args` and `input` on stdin: its stdout, or an error saying why not. */
function runPhp(args, input) {
  return new Promise((resolve, reject) => {
    const child = execFile(PHP, [SCRIPT, ...args], (error, stdout, stderr) => {
      if (error?.code === 'ENOENT') {
        reject(
          new Error(
            `PHP is not installed (no "${PHP}" to run): install it and WordPress with ` +
              '`apt-get install --no-install-recommends php-cli wordpress` (.ci/run does).',
          ),
        );
      } else if (error) {
        reject(new Error(`${PHP} ${SCRIPT} failed (${error.code}): ${stderr.trim()}`));
      } else {
        resolve(stdout);
      }
    });
    child.stdin.end(input);
  });
}

/** The plugin: `plugins: [wordpressPlugin()]` in web-test-runner.config.mjs. */
export function wordpressPlugin() {
  /** @type {Promise<string> | undefined} read once a run */
  let version;
  return {
    name: 'wordpress',
    async executeCommand({ command, payload }) {
      if (command !== 'wordpress-kses') return undefined;
      version ??= runPhp(['--version'], '').then((out) => out.trim());
      const loaded = await version;
      return { kept: await runPhp([], payload.html), version: loaded };
    },
  };
}
