"""Credentials for Meridian's secure-by-default local runtime (docs/security.md).

The bench scripts start the runtime with MERIDIAN_BOOTSTRAP_PASSWORD set, so the bootstrap
'admin' account has a password they know; their HTTP clients sign every request with it.
"""
import base64
import os


def authorization():
    """{"Authorization": "Basic ..."} for the admin account, or {} when no password is set."""
    password = os.environ.get("MERIDIAN_BOOTSTRAP_PASSWORD", "")
    if not password:
        return {}
    token = base64.b64encode(f"admin:{password}".encode()).decode()
    return {"Authorization": "Basic " + token}
