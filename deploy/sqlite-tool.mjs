// The SQLite half of backup-sqlite.sh and restore-sqlite.sh, with the receiver's own
// better-sqlite3 (no sqlite3 program needed):
//
//   node sqlite-tool.mjs backup <responses.sqlite> <copy>   online backup, safe while it runs
//   node sqlite-tool.mjs check <copy>                       integrity check; how many responses
//
// VALUES_SURVEY_RECEIVER names the receiver package's folder if it is not ../receiver.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const receiver =
  process.env.VALUES_SURVEY_RECEIVER ?? fileURLToPath(new URL('../receiver/', import.meta.url));
const Database = createRequire(join(receiver, 'package.json'))('better-sqlite3');

const [command, source, target] = process.argv.slice(2);

function check(file) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`${file} is damaged: ${result}`);
    // A receiver's database: other tables (erased ids, surveys) come and go with its versions.
    return db.prepare('SELECT COUNT(*) FROM responses').pluck().get();
  } finally {
    db.close();
  }
}

try {
  if (command === 'backup' && source && target) {
    // SQLite's online backup: a consistent copy while the receiver keeps writing (a plain copy of
    // a WAL database can be torn).
    const db = new Database(source, { fileMustExist: true, timeout: 10_000 });
    try {
      await db.backup(target);
    } finally {
      db.close();
    }
    console.log(`${check(target)} responses`);
  } else if (command === 'check' && source) {
    console.log(`${check(source)} responses`);
  } else {
    console.error('usage: node sqlite-tool.mjs backup <database> <copy> | check <copy>');
    process.exitCode = 2;
  }
} catch (error) {
  console.error(`sqlite-tool: ${error.message}`);
  process.exitCode = 1;
}
