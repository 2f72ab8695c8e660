"""Credentials for Meridian's secure-by-default local runtime (docs/security.md).

The bench scripts start the runtime with MERIDIAN_BOOTSTRAP_PASSWORD set, so the bootstrap
'admin' account has a password they know; their HTTP clients sign every request with it.

As a command, `bench_auth.py header URL SCOPE` prints an `Authorization: Bearer <token>` header
for SCOPE (e.g. repository:bench/r1:pull), obtained the way docker clients do: the realm and
service come from the 401 challenge of URL/v2/, the token from the realm with Basic credentials.
"""
import base64
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request


def authorization():
    """{"Authorization": "Basic ..."} for the admin account, or {} when no password is set."""
    password = os.environ.get("MERIDIAN_BOOTSTRAP_PASSWORD", "")
    if not password:
        return {}
    token = base64.b64encode(f"admin:{password}".encode()).decode()
    return {"Authorization": "Basic " + token}


def bearer_token(url, scope):
    """A token for `scope` from the registry at `url` (Docker token spec), as the admin."""
    if not authorization():
        # Without credentials the token endpoint answers with an anonymous token that grants
        # nothing, and every measured request would be a 401.
        raise SystemExit("MERIDIAN_BOOTSTRAP_PASSWORD is not set")
    try:
        urllib.request.urlopen(url.rstrip("/") + "/v2/", timeout=10)
        raise SystemExit(f"{url}/v2/ answered without a challenge: is auth off?")
    except urllib.error.HTTPError as e:
        if e.code != 401:
            raise
        challenge = e.headers.get("WWW-Authenticate", "")
    params = dict(re.findall(r'(\w+)="([^"]*)"', challenge))
    query = urllib.parse.urlencode({"service": params.get("service", ""), "scope": scope})
    request = urllib.request.Request(params["realm"] + "?" + query, headers=authorization())
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["token"]


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "header":
        raise SystemExit("usage: bench_auth.py header URL SCOPE")
    print("Authorization: Bearer " + bearer_token(sys.argv[2], sys.argv[3]))
