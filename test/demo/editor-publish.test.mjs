/* global document -- the callbacks given to tab.evaluate and waitForFunction run in the page. */
// The editor page publishes a survey to the real receiver with the demo's publishing token, in
// headless Chromium: the receiver then serves it and accepts its responses; a wrong token and a
// changed survey under a published version are refused in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from './start-demo-server.mjs';
import { launchChromium } from '../../receiver/test/support/deploy.js';

/** Puts `definition` in the editor's JSON box, as an editor pasting it would. */
async function pasteDefinition(tab, definition) {
  await tab.evaluate(
    (text) => {
      const box = document.getElementById('definition');
      box.value = text;
      box.dispatchEvent(new Event('input', { bubbles: true }));
    },
    JSON.stringify(definition, null, 2),
  );
}

/** Presses Publish and waits for the result's first sentence. */
async function publish(tab) {
  await tab.click('#publish');
  await tab.waitForFunction(() => document.querySelector('#publish-result p')?.textContent, {
    polling: 100,
    timeout: 60_000,
  });
  return tab.evaluate(() => document.getElementById('publish-result').innerText);
}

test('the editor page publishes a survey to the receiver, which then serves it', async (t) => {
  const demo = await startDemoServer(t);
  assert.ok(demo.publishingToken, 'npm start printed no publishing token');
  const browser = await launchChromium(t);
  const tab = await browser.newPage();
  await tab.goto(`${demo.url}/editor.html`);
  const definition = {
    id: 'clinic-name',
    version: '1',
    title: 'Name our new clinic',
    intro: 'Help us choose.',
    questions: [{ id: 'name', type: 'text', prompt: 'What should it be called?' }],
  };
  await tab.type('#receiver', demo.url);
  await pasteDefinition(tab, definition);
  // The snippets name the pasted survey once the editor has read it.
  await tab.waitForFunction(
    () => /clinic-name/.test(document.getElementById('snippets').textContent),
    {
      polling: 100,
      timeout: 60_000,
    },
  );

  await tab.type('#publishing-token', 'x'.repeat(40));
  assert.match(await publish(tab), /did not accept the publishing token/);
  assert.equal((await fetch(`${demo.url}/surveys/clinic-name`)).status, 404);

  await tab.evaluate(() => (document.getElementById('publishing-token').value = ''));
  await tab.type('#publishing-token', demo.publishingToken);
  assert.match(await publish(tab), /^Published: “Name our new clinic” \(clinic-name, version 1\)/);
  const served = await fetch(`${demo.url}/surveys/clinic-name`);
  assert.equal(served.status, 200);
  assert.equal((await served.json()).title, 'Name our new clinic');
  assert.match(await publish(tab), /^Already published/);

  // The same version with other questions would change what stored answers mean: refused.
  await pasteDefinition(tab, {
    ...definition,
    questions: [{ id: 'other', type: 'text', prompt: 'Something else?' }],
  });
  assert.match(await publish(tab), /already published with other questions/);
});
