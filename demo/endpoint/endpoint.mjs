// The demo's response endpoint. Minimal for now: accepts POST /responses and keeps them in memory.
export async function createEndpoint() {
  const responses = new Map();
  return {
    handle(req, res) {
      const url = new URL(req.url, 'http://localhost');
      if (url.pathname !== '/responses') return false;
      if (req.method !== 'POST') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify([...responses.values()]));
        return true;
      }
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const status = responses.has(body.id) ? 409 : 201;
        responses.set(body.id, body);
        res.writeHead(status, { 'Content-Type': 'application/json' }).end('{}');
      });
      return true;
    },
  };
}
