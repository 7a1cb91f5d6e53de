import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest


class RobotStub:
    """A local stand-in for a WeCom/DingTalk robot: records what was posted and answers like the real one."""

    def __init__(self, answer=None):
        self.received: list[dict] = []
        self.paths: list[str] = []
        self.answer = answer or {"errcode": 0, "errmsg": "ok"}
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                stub.received.append(json.loads(body))
                stub.paths.append(self.path)
                data = json.dumps(stub.answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/robot/send?access_token=abc"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def robot():
    stub = RobotStub()
    yield stub
    stub.close()


@pytest.fixture(autouse=True)
def _deliver(deliver_now):
    yield
