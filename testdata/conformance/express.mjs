// A real Express server protected by Auth0's express-oauth2-jwt-bearer,
// asked over HTTP what it answers each cell the conformance suite sends:
// one JSON object per line on standard input, one answer per line on
// standard output, in order.
//
// A cell: {"id", "token", "alg", "key": {"secret"} | {"jwks"},
// "audience", "issuer", "clockTolerance"? (seconds; absent: the
// library's default), "scopes"? (requiredScopes), "now" (Unix seconds)}.
// An answer: {"id", "status", "www_authenticate"}.
//
// The clock: every validator of the suite gets the same fixed moment. This
// library reads Date.now() and jose (inside it) new Date(), so Date is
// replaced by one that stands still at the cell's "now".
import { createInterface } from 'node:readline';

const RealDate = Date;
let fixed = null;
class FixedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0 && fixed !== null) super(fixed);
    else super(...args);
  }
  static now() { return fixed !== null ? fixed : RealDate.now(); }
}
globalThis.Date = FixedDate;

const { default: express } = await import('express');
const { auth, requiredScopes } = await import('express-oauth2-jwt-bearer');

const app = express();
const jwks = [];          // served at /jwks/<i>
const byConfig = new Map(); // config JSON -> index into handlers
const handlers = [];

app.get('/jwks/:i', (req, res) => res.json(jwks[Number(req.params.i)]));
app.get('/api/:i', (req, res, next) => handlers[Number(req.params.i)](req, res, next));

const server = await new Promise((resolve) => {
  const s = app.listen(0, '127.0.0.1', () => resolve(s));
});
const base = `http://127.0.0.1:${server.address().port}`;

function handlerFor(c) {
  const cfg = { audience: c.audience, issuer: c.issuer };
  if (c.clockTolerance !== undefined) cfg.clockTolerance = c.clockTolerance;
  if (c.key.secret !== undefined) {
    cfg.secret = c.key.secret;
    cfg.tokenSigningAlg = c.alg;
  } else {
    const k = JSON.stringify(c.key.jwks);
    let i = jwks.findIndex((j) => JSON.stringify(j) === k);
    if (i < 0) { jwks.push(c.key.jwks); i = jwks.length - 1; }
    cfg.jwksUri = `${base}/jwks/${i}`;
  }
  const name = JSON.stringify([cfg, c.scopes || null]);
  if (!byConfig.has(name)) {
    const chain = [auth(cfg)];
    if (c.scopes) chain.push(requiredScopes(c.scopes));
    const router = express.Router();
    router.use(...chain, (req, res) => res.json({ ok: true }));
    handlers.push(router);
    byConfig.set(name, handlers.length - 1);
  }
  return byConfig.get(name);
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  const c = JSON.parse(line);
  fixed = c.now * 1000;
  const i = handlerFor(c);
  const res = await fetch(`${base}/api/${i}`, { headers: { authorization: `Bearer ${c.token}` } });
  await res.arrayBuffer();
  process.stdout.write(JSON.stringify({ id: c.id, status: res.status, www_authenticate: res.headers.get('www-authenticate') || '' }) + '\n');
}
server.close();
