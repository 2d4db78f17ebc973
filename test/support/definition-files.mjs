// Definition URLs that misbehave, for the `src` error tests:
//   GET /definitions/hang      answers nothing (the widget's timeout must end it)
//   GET /definitions/not-json  200 with text that is not JSON
export async function definitionFiles(ctx, next) {
  if (ctx.path === '/definitions/hang') {
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    ctx.req.socket.destroy();
    return;
  }
  if (ctx.path === '/definitions/not-json') {
    ctx.type = 'application/json';
    ctx.body = '{ "id": "broken", ';
    return;
  }
  return next();
}
