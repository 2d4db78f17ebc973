// Configuration of `cem analyze` (npm run manifest): writes dist/custom-elements.json, the
// manifest IDEs, Storybook and the README's API tables read. It describes the published package,
// so the plugins below make it match what an integrator can use:
//  - paths point at the shipped ES modules (dist/esm/*.js), not at src/*.ts, which does not ship;
//  - only modules a package export reaches are listed, and only public members of the elements;
//  - each tag is registered by its class (the analyzer reads `customElements.define(tag,
//    constructor)` inside defineOnce as a bogus element called "tag");
//  - each event gets its type from the event maps in src/events.ts, the one place events are typed.

import { posix } from 'node:path';

const SRC = /^src\/(.*)\.[jt]s$/;
/** Where events are typed: the survey's, and the results report's. */
const EVENTS_MODULES = ['src/events.ts', 'src/results/events.ts'];
/** The package entry points (package.json's exports) besides the modules declaring elements. */
const ENTRY_MODULES = [
  'src/index.ts',
  'src/define.ts',
  'src/results/index.ts',
  'src/results/define.ts',
];

/** Rewrites every `src/….ts` module reference in the manifest to its `dist/esm/….js`. */
function distPaths() {
  const rewrite = (value) => {
    if (Array.isArray(value)) return value.forEach(rewrite);
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'path' || key === 'module') && typeof child === 'string') {
        value[key] = child.replace(SRC, 'dist/esm/$1.js');
      } else rewrite(child);
    }
  };
  return {
    name: 'values-survey-dist-paths',
    // Last, after the other plugins have matched modules by their source paths.
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        // Re-exports (`export { X } from './x.js'`) are recorded relative to their module.
        for (const entry of mod.exports ?? []) {
          const target = entry.declaration?.module;
          if (target?.startsWith('.')) {
            entry.declaration.module = posix.join(posix.dirname(mod.path), target);
          }
        }
      }
      rewrite(customElementsManifest.modules);
    },
  };
}

/** Keeps the element modules and the entry points; drops private and protected members. */
function publicApiOnly() {
  const isPublic = (member) =>
    (member.privacy ?? 'public') === 'public' && !member.name.startsWith('#');
  return {
    name: 'values-survey-public-api',
    packageLinkPhase({ customElementsManifest }) {
      const manifest = customElementsManifest;
      manifest.modules = manifest.modules.filter(
        (mod) =>
          ENTRY_MODULES.includes(mod.path) ||
          (mod.declarations ?? []).some((declaration) => declaration.customElement),
      );
      for (const mod of manifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.members) declaration.members = declaration.members.filter(isPublic);
        }
      }
    },
  };
}

/** Replaces the analyzer's reading of defineOnce with one definition per registered tag. */
function registrations() {
  return {
    name: 'values-survey-registrations',
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules;
      const defines = modules.filter((mod) => /(^|\/)define\.ts$/.test(mod.path));
      if (!defines.length) throw new Error('custom-elements-manifest: no define.ts was analysed');
      for (const define of defines) {
        define.exports = (define.exports ?? []).filter(
          (entry) => entry.kind !== 'custom-element-definition',
        );
      }
      // Each tag is registered by the nearest define.ts at or above its element's folder.
      const defineFor = (path) =>
        defines
          .filter((mod) => path.startsWith(posix.dirname(mod.path) + '/'))
          .sort((a, b) => b.path.length - a.path.length)[0];
      for (const mod of modules) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.customElement || !declaration.tagName) continue;
          const define = defineFor(mod.path);
          if (!define) throw new Error(`custom-elements-manifest: no define.ts for ${mod.path}`);
          define.exports.push({
            kind: 'custom-element-definition',
            name: declaration.tagName,
            declaration: { name: declaration.name, module: mod.path },
          });
        }
      }
    },
  };
}

/**
 * Reads `interface …EventMap { 'name': CustomEvent<Detail> }` in src/events.ts and gives each
 * documented event (`@fires name - …`) that type; an event with no type there fails the build,
 * so a new event cannot ship untyped.
 */
function typedEvents() {
  const types = new Map();
  return {
    name: 'values-survey-typed-events',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!EVENTS_MODULES.includes(moduleDoc.path) || !ts.isInterfaceDeclaration(node)) return;
      if (!node.name.text.endsWith('EventMap')) return;
      for (const member of node.members) {
        if (!ts.isPropertySignature(member) || !member.type || !member.name) continue;
        const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
        types.set(name, member.type.getText());
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          for (const event of declaration.events ?? []) {
            const type = types.get(event.name);
            if (!type) {
              throw new Error(
                `custom-elements-manifest: event ${event.name} has no type in ${EVENTS_MODULES.join(' or ')}`,
              );
            }
            event.type = { text: type };
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/bundle.ts'],
  outdir: 'dist',
  litelement: true,
  // Order matters: paths are rewritten last, after the others matched modules by source path.
  plugins: [typedEvents(), registrations(), publicApiOnly(), distPaths()],
};
