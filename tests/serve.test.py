"""The preview: disclose serve builds the portal, serves it on 127.0.0.1
(files, directories as index.html, the 404 page, nothing outside the
portal), rebuilds when a record changes, shows a failed build's errors as
the page (the last good portal stays in the output), reloads the open page
after a rebuild through a script that only serve adds, and stops cleanly
on SIGTERM.
"""
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

from testlib import DISCLOSE, EPOCH, TAP, TEMPLATES, copy_content, read, \
    tmpdir, write

t = TAP()
work = tmpdir()
content = copy_content(os.path.join(work, "content"))
site = os.path.join(work, "site")

s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()

env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
log = open(os.path.join(work, "serve.log"), "w+")
proc = subprocess.Popen([DISCLOSE, "serve", "-C", content, "-t", TEMPLATES,
                         "-o", site, "-p", str(port)], stdout=log,
                        stderr=subprocess.STDOUT, env=env)


def logtext():
    log.flush()
    return read(log.name)


def wait(cond, seconds=20):
    end = time.time() + seconds
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.2)
    return False


def get(path):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path))
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers.get("Content-Type"), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read()


def raw(path):
    """A request with the path exactly as given (no normalization)."""
    c = socket.create_connection(("127.0.0.1", port), timeout=10)
    c.sendall(("GET %s HTTP/1.0\r\nHost: x\r\n\r\n" % path).encode())
    data = b""
    while True:
        b = c.recv(65536)
        if not b:
            break
        data += b
    c.close()
    return int(data.split(b" ", 2)[1])


t.ok(wait(lambda: "serving" in logtext()), "serve builds and listens",
     logtext())
code, ctype, body = get("/")
t.ok(code == 200 and ctype.startswith("text/html") and
     "<!DOCTYPE html>" in body.decode(), "/ serves index.html")
code, _, body = get("/cases/CL-2024-007/")
t.ok(code == 200 and "CL-2024-007" in body.decode(),
     "a directory serves its index.html")
code, _, body = get("/cases/CL-2024-007")
t.ok(code == 200 and "CL-2024-007" in body.decode(),
     "a directory without its slash too")
code, ctype, _ = get("/feed.xml")
t.ok(code == 200 and ctype == "application/rss+xml",
     "a feed with its media type")
code, _, body = get("/no/such/page")
t.ok(code == 404 and "页面不存在" in body.decode(),
     "a missing page gives 404 and the 404 page")
t.eq(raw("/../../../etc/passwd"), 403, "nothing outside the portal")
t.eq(raw("/cases/../../../etc/passwd"), 403,
     "nothing outside the portal, from a subdirectory")
# An encoded NUL would cut the decoded path short: /index.html%00.txt is
# not /index.html.  Every spelling of it, anywhere in the path, is 400.
for path in ("/index.html%00.txt", "/cases/CL-2024-007/%00",
             "/%00/../index.html", "/feed.xml%00", "/a%2500%00b"):
    t.eq(raw(path), 400, "an encoded NUL in the path is a bad request: %s"
         % path)
t.eq(raw("/index.html?q=%00"), 200,
     "a NUL in the query string does not touch the path")
t.eq(raw("/%30%30.html"), 404, "%30%30 is no NUL")

TAG = b'<script src="/__disclose/reload.js"></script>'
code, _, body = get("/cases/CL-2024-007/")
t.ok(body.count(TAG) == 1 and body.index(TAG) < body.index(b"</body>"),
     "a served page carries serve's reload script before </body>")
t.ok(TAG not in open(os.path.join(site, "cases", "CL-2024-007",
                                  "index.html"), "rb").read()
     and b"__disclose" not in open(os.path.join(site, "index.html"),
                                   "rb").read(),
     "the built files do not")
code, ctype, js = get("/__disclose/reload.js")
t.ok(code == 200 and ctype.startswith("text/javascript") and
     b"/__disclose/generation" in js and b"location.reload" in js,
     "the reload script polls the build's number and reloads")
code, _, g0 = get("/__disclose/generation")
t.ok(code == 200 and g0.strip().isdigit(), "the build's number (%s)" % g0)

rec = os.path.join(content, "cases/2024/CL-2024-007.md")
orig = read(rec)
write(rec, orig.replace("不符合容错条件", "不符合容错条件（预览）"))
t.ok(wait(lambda: "（预览）" in get("/cases/CL-2024-007/")[2].decode()),
     "a changed record is rebuilt and served")
# The number moves once the build has returned, a moment after the new
# portal is in place: the open page reloads at its next poll.
t.ok(wait(lambda: int(get("/__disclose/generation")[2]) > int(g0)),
     "the build's number grows with the rebuild (%s, %s)"
     % (g0.strip(), get("/__disclose/generation")[2].strip()))
write(rec, orig.replace("outcome: accountable", "outcome: accountabel"))
t.ok(wait(lambda: "error: outcome: unknown value" in logtext()),
     "a broken record shows its error", logtext()[-500:])
t.ok(wait(lambda: get("/")[0] == 500), "a failed build: pages answer 500")
for path in ("/", "/cases/CL-2024-003/", "/no/such/page"):
    code, ctype, body = get(path)
    text = body.decode()
    t.ok(code == 500 and ctype.startswith("text/html") and
         "CL-2024-007.md:" in text and "error: outcome: unknown value" in text
         and TAG.decode() in text,
         "a failed build: %s shows the build's errors as a page, which "
         "reloads" % path, text[-600:])
code, ctype, _ = get("/style.css")
t.ok(code == 200 and ctype.startswith("text/css"),
     "a failed build: the files of the last good portal are still served")
t.ok("（预览）" in read(os.path.join(site, "cases", "CL-2024-007",
                                   "index.html")),
     "the last good portal stays in the output")
write(rec, orig)
t.ok(wait(lambda: get("/cases/CL-2024-007/")[0] == 200 and "（预览）" not in
          get("/cases/CL-2024-007/")[2].decode()),
     "mended, it is rebuilt and its pages come back")

proc.send_signal(signal.SIGTERM)
try:
    rc = proc.wait(timeout=20)
except subprocess.TimeoutExpired:
    proc.kill()
    rc = None
t.ok(rc == 0, "SIGTERM stops it cleanly", "status %s\n%s" % (rc, logtext()[-3000:]))
t.ok("ERROR: AddressSanitizer" not in logtext() and
     "runtime error" not in logtext(), "no sanitizer report",
     logtext()[-1000:])
t.done()
