// Asks jose (jwtVerify) and jsonwebtoken (verify) what they answer, for
// every cell the conformance suite sends: one JSON object per line on
// standard input, one answer per line on standard output, in order.
//
// A cell: {"id", "validator": "jose"|"jsonwebtoken", "token", "alg",
// "key": {"secret"} | {"jwks"} | {"pem"}, "audience"?, "issuer"?,
// "clockTolerance"? (seconds; absent: the library's default), "now" (Unix
// seconds, the fixed clock every validator gets)}.
// An answer: {"id", "ok": true} or {"id", "ok": false, "name", "code",
// "claim", "reason", "message"}; "unsupported": true when the library
// cannot check such a token at all (jsonwebtoken has no EdDSA).
import { createInterface } from 'node:readline';
import { createPublicKey } from 'node:crypto';
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';

function opts(c) {
  const o = {};
  if (c.audience !== undefined) o.audience = c.audience;
  if (c.issuer !== undefined) o.issuer = c.issuer;
  if (c.clockTolerance !== undefined) o.clockTolerance = c.clockTolerance;
  return o;
}

async function viaJose(c) {
  const o = { ...opts(c), currentDate: new Date(c.now * 1000), algorithms: [c.alg] };
  const key = c.key.secret !== undefined
    ? new TextEncoder().encode(c.key.secret)
    : jose.createLocalJWKSet(c.key.jwks);
  await jose.jwtVerify(c.token, key, o);
}

function viaJsonwebtoken(c) {
  if (c.alg === 'EdDSA') return { unsupported: true };
  const o = { ...opts(c), clockTimestamp: c.now, algorithms: [c.alg] };
  const key = c.key.secret !== undefined ? c.key.secret : createPublicKey(c.key.pem);
  jsonwebtoken.verify(c.token, key, o);
  return {};
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  const c = JSON.parse(line);
  let out;
  try {
    let r = {};
    if (c.validator === 'jose') await viaJose(c);
    else if (c.validator === 'jsonwebtoken') r = viaJsonwebtoken(c);
    else throw new Error('unknown validator ' + c.validator);
    out = r.unsupported ? { id: c.id, ok: false, unsupported: true } : { id: c.id, ok: true };
  } catch (e) {
    out = { id: c.id, ok: false, name: e.name || '', code: e.code || '', claim: e.claim || '', reason: e.reason || '', message: String(e.message || e) };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}
