// A test runner command that sets the browser's default text size (the reader's own setting,
// what `font-size: medium` is), as a reader who enlarged it in their settings would have it.
// Chromium sets it through the DevTools protocol (the same preference as its Settings page);
// Firefox and WebKit here cannot change it while running, so the command answers false and a
// test says plainly that it did not run there.
export function defaultFontSizePlugin() {
  return {
    name: 'default-font-size',
    async executeCommand({ command, payload, session }) {
      if (command !== 'set-default-font-size') return undefined;
      const launcher = session.browser;
      if (launcher.type !== 'puppeteer' || typeof launcher.getPage !== 'function') return false;
      if (!/chrom/i.test(launcher.name)) return false;
      const cdp = await launcher.getPage(session.id).createCDPSession();
      try {
        // `standard` is the default for proportional text; `fixed` (monospace) is left at 13.
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: payload.px, fixed: 13 } });
      } finally {
        await cdp.detach();
      }
      return true;
    },
  };
}
