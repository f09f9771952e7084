//! RES001 in Go.

use super::Case;

pub(super) const CASES: &[Case] = &[
    // Configured elsewhere: a transport built in another place, a request whose
    // context may carry a deadline. Unknown is not missing.
    Case::pass(
        "svc/elsewhere.go",
        "package svc\n\nimport \"net/http\"\n\nfunc F(ctx context.Context, u string, tr http.RoundTripper) {\n\tc := &http.Client{Transport: tr}\n\treq, _ := http.NewRequestWithContext(ctx, \"GET\", u, nil)\n\thttp.DefaultClient.Do(req)\n\t_ = c\n}\n",
    ),
    // Go's default transport bounds no response, wrapped or not; `Timeout: 0` is none.
    Case::fail(
        "svc/wrapped.go",
        "package svc\n\nimport \"net/http\"\n\nvar c = &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}\nvar d = &http.Client{Timeout: 0}\n",
        &[5, 6],
    ),
    Case::fail(
        "svc/client.go",
        "package svc\n\nimport (\n\t\"net/http\"\n)\n\nfunc Fetch(u string) {\n\thttp.Get(u)\n\thttp.DefaultClient.Do(nil)\n\tc := &http.Client{}\n\td := http.Client{Transport: nil}\n\t_ = c\n\t_ = d\n}\n",
        &[8, 9, 10, 11],
    ),
    Case::fail(
        "svc/alias.go",
        "package svc\n\nimport nethttp \"net/http\"\n\nvar client = &nethttp.Client{}\n\nfunc F() { nethttp.Post(\"u\", \"\", nil) }\n",
        &[5, 7],
    ),
    Case::pass(
        "svc/ok.go",
        "package svc\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n\nvar client = &http.Client{Timeout: 10 * time.Second}\n\nfunc F(u string) {\n\tclient.Get(u)\n\tc := &http.Client{}\n\tc.Timeout = time.Second\n\tc.Get(u)\n}\n",
    ),
    Case::pass(
        "svc/other.go",
        "package svc\n\nimport \"example.com/http\"\n\nfunc F() { http.Get(\"u\") }\n",
    ),
];
