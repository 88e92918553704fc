"""Asks PyJWT (Debian's python3-jwt, run by /usr/bin/python3) what it
answers, for every cell the conformance suite sends: one JSON object per
line on standard input, one answer per line on standard output, in order.

A cell: {"id", "token", "alg", "key": {"secret"} | {"pem"}, "audience"?,
"issuer"?, "leeway"? (seconds; absent: PyJWT's default), "now" (Unix
seconds)}. An answer: {"id", "ok": true} or {"id", "ok": false, "name",
"message"}.

The clock: jwt.api_jwt reads datetime.now(tz=timezone.utc); it is replaced
by a datetime whose now() stands still at the cell's "now".
"""

import json
import sys
from datetime import datetime, timezone

import jwt
import jwt.api_jwt

FIXED = [None]


class FixedDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.fromtimestamp(FIXED[0], tz=tz or timezone.utc)


jwt.api_jwt.datetime = FixedDatetime


def answer(c):
    FIXED[0] = c["now"]
    key = c["key"].get("secret")
    if key is None:
        key = c["key"]["pem"]
    kwargs = {"algorithms": [c["alg"]]}
    if "audience" in c:
        kwargs["audience"] = c["audience"]
    if "issuer" in c:
        kwargs["issuer"] = c["issuer"]
    if "leeway" in c:
        kwargs["leeway"] = c["leeway"]
    try:
        jwt.decode(c["token"], key, **kwargs)
    except Exception as e:  # every refusal is an answer
        return {"id": c["id"], "ok": False, "name": type(e).__name__, "message": str(e)}
    return {"id": c["id"], "ok": True}


def main():
    print(json.dumps({"version": jwt.__version__}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        print(json.dumps(answer(json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
