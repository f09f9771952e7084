//! RES001 in Python.

use super::Case;

pub(super) const CASES: &[Case] = &[
    Case::fail(
        "app/billing.py",
        "import requests\n\ndef charge(url, body):\n    return requests.post(url, json=body)\n",
        &[4],
    ),
    Case::fail(
        "app/aliases.py",
        "import requests as rq\nfrom requests import get as fetch\n\ndef a(u):\n    rq.get(u)\n    fetch(u)\n",
        &[5, 6],
    ),
    Case::fail(
        "app/session.py",
        "import requests\n\nclass Api:\n    def __init__(self):\n        self.http = requests.Session()\n\n    def me(self):\n        return self.http.get('/me')\n\ndef f():\n    s = requests.Session()\n    s.post('/x', timeout=None)\n    with requests.Session() as s2:\n        s2.get('/y')\n",
        &[8, 12, 14],
    ),
    Case::fail(
        "app/misc.py",
        "import urllib.request\nimport aiohttp\nimport smtplib\nimport socket\nimport httpx\n\nurllib.request.urlopen('http://x')\nsession = aiohttp.ClientSession()\nsmtplib.SMTP('mail')\nsocket.create_connection(('h', 1))\nhttpx.get('u', timeout=None)\nhttpx.Client(timeout=None)\nimport ftplib\nftplib.FTP('ftp.example.com')\nftplib.FTP('ftp.example.com', timeout=10)\n",
        &[7, 8, 9, 10, 11, 12, 14],
    ),
    Case::fail(
        "app/llm.py",
        "from openai import OpenAI\nimport anthropic\nfrom langchain_openai import ChatOpenAI\n\nclient = OpenAI()\nclaude = anthropic.Anthropic()\nchat = ChatOpenAI(model='gpt-4o')\n",
        &[5, 6, 7],
    ),
    Case::fail("app/cache.py", "import redis\n\nr = redis.Redis(host='cache')\n", &[3]),
    Case::pass(
        "app/ok.py",
        "import requests, httpx, aiohttp, boto3, functools, urllib.request, redis\nfrom openai import OpenAI\n\ndef f(u, **kwargs):\n    requests.get(u, timeout=5)\n    requests.post(u, **kwargs)\n    httpx.get(u)\n    httpx.Client()\n    aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))\n    boto3.client('s3')\n    get = functools.partial(requests.get, timeout=5)\n    get(u)\n    urllib.request.urlopen(u, None, 10)\n    redis.Redis(socket_timeout=5)\n    OpenAI(timeout=30)\n    session.get(u)\n",
    ),
    Case::pass(
        "tests/test_billing.py",
        "import requests\n\ndef test_charge():\n    requests.post('http://localhost:8000/charge')\n",
    ),
];
