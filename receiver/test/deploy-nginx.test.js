// deploy/nginx/ as IT runs it: Debian's nginx on loopback, with TLS (a throw-away certificate), in
// front of a receiver with TRUST_PROXY=127.0.0.1. The site file is used as shipped; only the
// addresses, ports and file paths are replaced (each replacement must match, so the test fails
// if the file drifts), and the stall test shortens one timeout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, createServer } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeResponse } from './support/responses.js';
import { ROOT, startDeployReceiver, tempDir, waitFor } from './support/deploy.js';

const NGINX_DIR = join(ROOT, 'deploy', 'nginx');
const ALLOWED = 'https://cms.example.nhs.uk';
const hasNginx = spawnSync('nginx', ['-v']).status === 0;

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `text` with `from` replaced by `to`, failing unless `from` occurs exactly `times` times. */
function replace(text, from, to, times = 1) {
  const count = text.split(from).length - 1;
  assert.equal(count, times, `expected "${from}" ${times} time(s) in the nginx configuration`);
  return text.split(from).join(to);
}

/** Starts nginx with the shipped site file in front of `upstreamPort`; stopped after the test. */
async function startNginx(t, upstreamPort) {
  const dir = await tempDir(t, 'values-survey-nginx-');
  // nginx's workers run as nobody when started as root: they must reach the temp folders.
  await chmod(dir, 0o755);
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    await mkdir(join(dir, sub));
    await chmod(join(dir, sub), 0o777);
  }
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
  ]);
  const [httpPort, httpsPort] = [await freePort(), await freePort()];

  let site = await readFile(join(NGINX_DIR, 'values-survey.conf'), 'utf8');
  site = replace(site, 'server 127.0.0.1:8080;', `server 127.0.0.1:${upstreamPort};`);
  site = replace(site, 'listen 80;', `listen 127.0.0.1:${httpPort};`);
  site = replace(site, 'listen [::]:80;\n', '');
  site = replace(site, 'listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`);
  site = replace(site, 'listen [::]:443 ssl http2;\n', '');
  site = replace(site, '/etc/ssl/certs/surveys.example.nhs.uk.pem', join(dir, 'cert.pem'));
  site = replace(site, '/etc/ssl/private/surveys.example.nhs.uk.key', join(dir, 'key.pem'));
  site = replace(site, '/var/log/nginx/values-survey.access.log', join(dir, 'access.log'), 2);
  site = replace(
    site,
    'include snippets/values-survey-proxy.conf;',
    `include ${join(dir, 'values-survey-proxy.conf')};`,
  );
  let proxy = await readFile(join(NGINX_DIR, 'values-survey-proxy.conf'), 'utf8');
  // 30 s in the shipped file; 2 s here so the stall test is quick.
  proxy = replace(proxy, 'client_body_timeout 30s;', 'client_body_timeout 2s;');
  await writeFile(join(dir, 'values-survey-proxy.conf'), proxy);
  await writeFile(join(dir, 'values-survey.conf'), site);
  await writeFile(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 128; }
http {
    client_body_temp_path ${join(dir, 'body')};
    proxy_temp_path ${join(dir, 'proxy')};
    fastcgi_temp_path ${join(dir, 'fastcgi')};
    uwsgi_temp_path ${join(dir, 'uwsgi')};
    scgi_temp_path ${join(dir, 'scgi')};
    include ${join(dir, 'values-survey.conf')};
}
`,
  );
  const args = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')];
  const checked = spawnSync('nginx', [...args, '-t'], { encoding: 'utf8' });
  assert.equal(checked.status, 0, `nginx -t: ${checked.stderr}`);
  const child = spawn('nginx', [...args, '-g', 'daemon off;'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.after(async () => {
    child.kill('SIGTERM');
    await exited;
  });
  await waitFor(
    () =>
      new Promise((resolve) => {
        const socket = netConnect(httpsPort, '127.0.0.1', () => resolve(true) || socket.end());
        socket.on('error', () => resolve(false));
      }),
    'nginx to listen',
  );
  return { dir, httpPort, httpsPort, accessLog: () => readFile(join(dir, 'access.log'), 'utf8') };
}

/** One HTTPS request to nginx, from `from` (a loopback address), trusting its test certificate. */
function send(nginx, { method = 'GET', path = '/', headers = {}, body, from = '127.0.0.1' }) {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: nginx.httpsPort,
        method,
        path,
        headers: { Host: `localhost:${nginx.httpsPort}`, ...headers },
        localAddress: from,
        rejectUnauthorized: false,
        agent: false,
      },
      async (res) => {
        let text = '';
        for await (const chunk of res) text += chunk;
        resolve({ status: res.statusCode, headers: res.headers, text });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function postResponse(nginx, response, { from, headers = {} } = {}) {
  return send(nginx, {
    method: 'POST',
    path: '/responses',
    from,
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': response.id,
      ...headers,
    },
    body: JSON.stringify(response),
  });
}

test(
  'nginx in front of the receiver on loopback',
  { skip: !hasNginx && 'nginx is not installed (Debian: apt-get install nginx)' },
  async (t) => {
    const receiver = await startDeployReceiver(t, {
      TRUST_PROXY: '127.0.0.1',
      RATE_LIMIT: '3',
      ALLOWED_ORIGINS: ALLOWED,
    });
    const nginx = await startNginx(t, Number(new URL(receiver.url).port));

    await t.test(
      'it passes the browser’s host and scheme, so the receiver knows its https address',
      async () => {
        const manifest = await send(nginx, { path: '/assets/values-survey.json' });
        assert.equal(manifest.status, 200, manifest.text);
        const { url } = JSON.parse(manifest.text);
        assert.ok(
          url.startsWith(`https://localhost:${nginx.httpsPort}/assets/values-survey-`),
          url,
        );
        const bundle = await send(nginx, {
          path: new URL(url).pathname,
          headers: { 'Accept-Encoding': 'br' },
        });
        assert.equal(bundle.status, 200);
        assert.equal(bundle.headers['content-encoding'], 'br');
        assert.equal(bundle.headers['cache-control'], 'public, max-age=31536000, immutable');
        assert.equal(bundle.headers['access-control-allow-origin'], '*');
        assert.equal(bundle.headers['cross-origin-resource-policy'], 'cross-origin');
        assert.match(bundle.headers['strict-transport-security'], /max-age=/);
        const own = await send(nginx, {
          path: `/check?origin=${encodeURIComponent(`https://localhost:${nginx.httpsPort}/s/x`)}`,
        });
        assert.equal(JSON.parse(own.text).originAllowed, true, own.text);
      },
    );

    await t.test('plain http is redirected to https', async () => {
      const res = await new Promise((resolve, reject) =>
        httpRequest(
          { host: '127.0.0.1', port: nginx.httpPort, path: '/s/x', headers: { Host: 'localhost' } },
          resolve,
        )
          .on('error', reject)
          .end(),
      );
      res.resume();
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers.location, 'https://localhost/s/x');
    });

    await t.test(
      'the rate limit keys on each real client; a forged X-Forwarded-For is discarded',
      async () => {
        const statuses = [];
        for (let i = 0; i < 5; i += 1) {
          const res = await postResponse(nginx, makeResponse(), {
            from: '127.0.0.2',
            headers: { 'X-Forwarded-For': `203.0.113.${i}` },
          });
          statuses.push(res.status);
        }
        assert.deepEqual(statuses, [201, 201, 201, 429, 429]);
        // Another client behind the same proxy is not held back by the first.
        assert.equal(
          (await postResponse(nginx, makeResponse(), { from: '127.0.0.3' })).status,
          201,
        );
      },
    );

    await t.test(
      'a response over 64 KB is refused by the receiver, readable by the page; a huge body by nginx',
      async () => {
        const big = makeResponse({ answers: { add: { type: 'text', value: 'x'.repeat(70_000) } } });
        const refused = await postResponse(nginx, big, {
          from: '127.0.0.4',
          headers: { Origin: ALLOWED },
        });
        assert.equal(refused.status, 413);
        assert.equal(refused.headers['access-control-allow-origin'], ALLOWED);
        assert.equal(JSON.parse(refused.text).error, 'too large');
        const huge = makeResponse({
          answers: { add: { type: 'text', value: 'x'.repeat(300_000) } },
        });
        const cut = await postResponse(nginx, huge, { from: '127.0.0.4' });
        assert.equal(cut.status, 413);
        assert.match(cut.text, /nginx/);
      },
    );

    await t.test('a client that stalls while sending its body is cut off', async () => {
      const started = Date.now();
      const answer = await new Promise((resolve, reject) => {
        const socket = tlsConnect(
          {
            host: '127.0.0.1',
            port: nginx.httpsPort,
            rejectUnauthorized: false,
            servername: 'localhost',
          },
          () => {
            socket.write(
              'POST /responses HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
                'Content-Length: 1000\r\n\r\n{"id":',
            );
          },
        );
        let text = '';
        socket.on('data', (chunk) => (text += chunk));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      const seconds = (Date.now() - started) / 1000;
      // Cut at the body timeout (2 s here), not earlier, with no answer but a closed socket
      // (nginx logs it as 408).
      assert.ok(seconds >= 1.5 && seconds < 10, `closed after ${seconds} s`);
      assert.doesNotMatch(answer, /^HTTP\/1\.1 [25]/);
      await waitFor(async () => / POST \/responses 408 /.test(await nginx.accessLog()), 'the 408');
    });

    await t.test('the access log has no client addresses and no query strings', async () => {
      await send(nginx, {
        path: `/check?origin=${encodeURIComponent('https://secret.example/page')}`,
      });
      const log = await waitFor(async () => {
        const text = await nginx.accessLog();
        return /GET \/check 200/.test(text) && text;
      }, 'the access log line');
      assert.match(log, /POST \/responses 201 /);
      assert.match(log, /POST \/responses 429 /);
      assert.doesNotMatch(log, /127\.0\.0\.\d|203\.0\.113|secret\.example|origin=/);
    });
  },
);
