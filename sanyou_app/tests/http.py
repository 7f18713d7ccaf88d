"""A real web server for the tests that talk HTTP: gunicorn with threaded workers serving the
test site on a port of its own, with its own access and error logs."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

import frappe
import psutil
import requests


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


class Server:
	"""gunicorn serving the test site with threaded workers, as a production bench would."""

	def __init__(self, workers=2, threads=32, statics=False):
		self.port = free_port()
		self.site = frappe.local.site
		self.dir = tempfile.mkdtemp(prefix="sanyou-secrecy-")
		self.access_log = os.path.join(self.dir, "access.log")
		self.error_log = os.path.join(self.dir, "error.log")
		gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
		self.proc = subprocess.Popen(
			[
				gunicorn,
				"-b",
				f"127.0.0.1:{self.port}",
				"-w",
				str(workers),
				"--worker-class",
				"gthread",
				"--threads",
				str(threads),
				"-t",
				"120",
				"--access-logfile",
				self.access_log,
				"--error-logfile",
				self.error_log,
				"frappe.app:application_with_statics()" if statics else "frappe.app:application",
			],
			cwd=os.path.abspath(frappe.local.sites_path),
			start_new_session=True,
		)
		self.url = f"http://127.0.0.1:{self.port}"
		for _ in range(120):
			try:
				if self.get("/api/method/ping").status_code == 200:
					return
			except requests.RequestException:
				pass
			time.sleep(0.5)
		self.stop()
		raise AssertionError("the test server did not start")

	def headers(self, key=None, secret=None):
		h = {"X-Frappe-Site-Name": self.site, "Accept": "application/json"}
		if key:
			h["Authorization"] = f"token {key}:{secret}"
		return h

	def get(self, path, key=None, secret=None, **params):
		return requests.get(self.url + path, params=params, headers=self.headers(key, secret), timeout=60)

	def post(self, path, key=None, secret=None, session=None, **data):
		return (session or requests).post(
			self.url + path, data=data, headers=self.headers(key, secret), timeout=120
		)

	def workers(self) -> list[int]:
		return [c.pid for c in psutil.Process(self.proc.pid).children()]

	def stop(self):
		try:
			os.killpg(self.proc.pid, signal.SIGTERM)
			self.proc.wait(timeout=30)
		except (ProcessLookupError, subprocess.TimeoutExpired):
			os.killpg(self.proc.pid, signal.SIGKILL)
