// A test runner command that switches real forced colours (Windows high contrast) on or off.
// Only Chromium can emulate it (through the DevTools protocol); elsewhere the command answers
// false, so a test can say plainly that it did not run there.
export function forcedColorsPlugin() {
  // Emulation lasts as long as the protocol session that set it, so each page keeps one.
  const sessions = new Map();
  return {
    name: 'forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-forced-colors') return undefined;
      const launcher = session.browser;
      if (launcher.type !== 'puppeteer' || typeof launcher.getPage !== 'function') return false;
      if (!/chrom/i.test(launcher.name)) return false;
      let cdp = sessions.get(session.id);
      if (!cdp) {
        // Puppeteer's emulateMediaFeatures does not accept forced-colors; the protocol does.
        cdp = await launcher.getPage(session.id).createCDPSession();
        sessions.set(session.id, cdp);
      }
      await cdp.send('Emulation.setEmulatedMedia', {
        features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }],
      });
      if (!payload?.active) {
        sessions.delete(session.id);
        await cdp.detach();
      }
      return true;
    },
  };
}
