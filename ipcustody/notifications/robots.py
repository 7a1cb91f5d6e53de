"""Group-robot message formats (pure, no Django): WeCom and DingTalk custom robots.

WeCom: POST {"msgtype": "markdown", "markdown": {"content": ...}} to the robot's webhook.
DingTalk: POST {"msgtype": "markdown", "markdown": {"title": ..., "text": ...}}; when the robot uses 加签 (signing),
append timestamp (ms) and sign = urlencode(base64(HMAC-SHA256(secret, f"{timestamp}\\n{secret}"))).
Both answer HTTP 200 with {"errcode": 0, ...} on success.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass


@dataclass(frozen=True)
class RobotMessage:
    title: str
    body: str
    url: str = ""

    def markdown(self) -> str:
        text = f"**{self.title}**\n\n{self.body}"
        if self.url:
            text += f"\n\n[{self.url}]({self.url})"
        return text


def wecom_payload(message: RobotMessage) -> dict:
    return {"msgtype": "markdown", "markdown": {"content": message.markdown()}}


def dingtalk_payload(message: RobotMessage) -> dict:
    return {"msgtype": "markdown", "markdown": {"title": message.title, "text": message.markdown()}}


def dingtalk_signed_url(webhook_url: str, secret: str, timestamp_ms: int | None = None) -> str:
    if not secret:
        return webhook_url
    timestamp = str(timestamp_ms if timestamp_ms is not None else int(time.time() * 1000))
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    separator = "&" if "?" in webhook_url else "?"
    return f"{webhook_url}{separator}timestamp={timestamp}&sign={sign}"


class RobotError(Exception):
    pass


def post(url: str, payload: dict, timeout: float = 10.0) -> None:
    request = urllib.request.Request(
        url, data=json.dumps(payload, ensure_ascii=False).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (configured robot address)
        body = response.read().decode() or "{}"
    try:
        answer = json.loads(body)
    except ValueError as exc:
        raise RobotError(f"unexpected answer: {body[:200]}") from exc
    if answer.get("errcode", 0) != 0:
        raise RobotError(f"robot refused the message: {answer.get('errcode')} {answer.get('errmsg', '')}")
