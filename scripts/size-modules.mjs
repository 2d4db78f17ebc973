// What each module of dist/values-survey.js costs under gzip, leave-one-out style: the bundle is
// built as rollup.config.mjs builds it, each module's code is left out in turn, the rest is
// minified with the same terser options and gzipped, and the difference is that module's share.
// A module others depend on also takes with it what only it uses, so the large figures at the
// top (the element, the session) are upper bounds; leaf modules (text, styles) are exact.
//
//   node scripts/size-modules.mjs          # about 2 minutes on this machine
import { rollup } from 'rollup';
import { minify } from 'terser';
import { gzipSync } from 'node:zlib';
import configs from '../rollup.config.mjs';

// The first build is the survey's bundle, dist/values-survey.js.
const [config] = configs;

const marker = {
  name: 'module-marker',
  transform(code, id) {
    const name = id.replace(/.*node_modules\//, '').replace(/.*\/src\//, 'src/');
    return { code: `/*@@MODULE:${name}@@*/\n${code}`, map: null };
  },
};
// Everything before terser, then the marker, so each module's final code can be told apart.
const before = config.plugins.filter((p) => !['terser', 'run-once'].includes(p.name));
const bundle = await rollup({ input: config.input, plugins: [...before, marker], onwarn() {} });
const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
const [head, ...parts] = output[0].code.split(/(?=\/\*@@MODULE:)/);
const modules = parts.map((code) => ({ name: /@@MODULE:(.*?)@@/.exec(code)[1], code }));
// The options of rollup.config.mjs, with one pass: the same ranking, much faster.
const options = {
  ecma: 2022,
  module: true,
  compress: { passes: 1, unsafe_arrows: true, pure_getters: true, unsafe: true, sequences: false },
  format: { comments: false },
};
const gzip = async (list) =>
  gzipSync((await minify(head + list.map((m) => m.code).join(''), options)).code, { level: 9 })
    .length;

const all = await gzip(modules);
const rows = [];
for (const m of modules) rows.push([all - (await gzip(modules.filter((x) => x !== m))), m.name]);
rows.sort((a, b) => b[0] - a[0]);
console.log(`all modules: ${all.toLocaleString('en-GB')} bytes gzip (one terser pass)`);
for (const [bytes, name] of rows) console.log(`${String(bytes).padStart(7)}  ${name}`);
