//! RES001 in Go.

use super::Case;

pub(super) const CASES: &[Case] = &[
    // A request given a context after it is built (`req = req.WithContext(ctx)`),
    // or built by a helper handed one, carries that context's deadline.
    Case::new(
        "cmd/app/crash_reporting.go",
        r#"
package main

import (
	"context"
	"net/http"
	"time"
)

func upload(ctx context.Context, url string) error {
	req, err := http.NewRequest(http.MethodHead, url, nil)
	if err != nil {
		return err
	}
	headCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req = req.WithContext(headCtx)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func token(ctx context.Context, url string) error {
	req, err := buildTokenRequest(ctx, url)
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}

func plain(url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)  // expect: RES001
	return err
}
"#,
    ),
    // A request handed to a helper was built by its callers: on a context
    // where each caller in the file builds it on one, unknown where no caller
    // shows how. A caller that builds it without a context leaves it unbounded.
    Case::new(
        "pkg/sdk/client/client.go",
        r#"
package client

import (
	"context"
	"net/http"
)

type Client struct{ address string }

func (c *Client) GetConfig(ctx context.Context) (string, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", "http://"+c.address+"/api/config", nil)
	if err != nil {
		return "", err
	}
	return c.do(req)
}

func (c *Client) do(req *http.Request) (string, error) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	return resp.Status, nil
}

func send(req *http.Request) error {
	_, err := http.DefaultClient.Do(req)
	return err
}
"#,
    ),
    Case::new(
        "pkg/notify/notify.go",
        r#"
package notify

import (
	"context"
	"net/http"
)

func Ping(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return err
	}
	return post(req)
}

func Hook(url string) error {
	req, err := http.NewRequest("POST", url, nil)
	if err != nil {
		return err
	}
	return post(req)
}

func post(req *http.Request) error {
	_, err := http.DefaultClient.Do(req)  // expect: RES001
	return err
}
"#,
    ),
    // A client kept in a struct field whose timeout the file sets through that
    // field before each request (`c.Client.Timeout = c.Timeout`).
    Case::new(
        "provider/godaddy/client.go",
        r#"
package godaddy

import (
	"net/http"
	"time"
)

type Client struct {
	Client  *http.Client
	Audit   *http.Client
	Timeout time.Duration
}

func NewClient() *Client {
	return &Client{
		Client:  &http.Client{},
		Audit:   &http.Client{},  // expect: RES001
		Timeout: 180 * time.Second,
	}
}

func (c *Client) NewRequest(method, url string) (*http.Request, error) {
	req, err := http.NewRequest(method, url, nil)
	c.Client.Timeout = c.Timeout
	return req, err
}
"#,
    ),
    // An integration-test harness driving containers (dockertest) outside
    // `_test.go` files.
    Case::new(
        "integration/scenario.go",
        r#"
package integration

import (
	"net/http"

	"github.com/ory/dockertest/v3"
)

func waitReady(pool *dockertest.Pool, url string) error {
	return pool.Retry(func() error {
		_, err := http.Get(url)
		return err
	})
}
"#,
    ),
    // A command-line program's `main` picks its command's function into a
    // variable and runs it: the command runs once, watched by whoever started
    // it. A handler kept in a variable still serves requests.
    Case::new(
        "cmd/kapacitor/main.go",
        r#"
package main

import (
	"net/http"
	"os"
)

func main() {
	var commandF func(args []string) error
	switch os.Args[1] {
	case "vars":
		commandF = doVars
	case "serve":
		h := handleStatus
		http.HandleFunc("/status", h)
		http.ListenAndServe(":9092", nil)
	}
	commandF(os.Args[2:])
}

func doVars(args []string) error {
	_, err := http.Get(kapacitorURL + "/kapacitor/v1/debug/vars")
	return err
}

func handleStatus(w http.ResponseWriter, r *http.Request) {
	resp, _ := http.Get(upstreamURL + "/status")  // expect: RES001
	defer resp.Body.Close()
}
"#,
    ),
    // A client returned beside an error is a placeholder its callers drop;
    // returned beside `nil`, it is the one they use.
    Case::new(
        "services/slack/service.go",
        r#"
package slack

import (
	"fmt"
	"net/http"
)

func (s *Service) client(id string) (*http.Client, error) {
	w, err := s.workspace(id)
	if err != nil {
		return &http.Client{}, err
	}
	if w == nil {
		return &http.Client{}, fmt.Errorf("no workspace %q", id)
	}
	return w.Client(), nil
}

func (s *Service) fallback() (*http.Client, error) {
	return &http.Client{}, nil  // expect: RES001
}
"#,
    ),
    // The reason written above the field that turns the timeout off; a field
    // with no reason stays reported.
    Case::new(
        "internal/frontend/proxy.go",
        r#"
package frontend

import "net/http"

func proxyEvents(w http.ResponseWriter, r *http.Request, url string) {
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, url, nil)
	client := &http.Client{
		// Timeout: 0 is safe for SSE because the request is created with
		// r.Context(), which is cancelled when the browser disconnects.
		Timeout: 0,
	}
	resp, _ := client.Do(req)
	defer resp.Body.Close()
}

func proxyPost(url string) {
	client := &http.Client{  // expect: RES001
		Transport: http.DefaultTransport,
		Timeout:   0,
	}
	client.Post(url, "application/json", nil)
}

// proxyReport retries because the upstream is flaky. Its timeout is the
// caller's business.
func proxyReport(url string) {
	client := &http.Client{}  // expect: RES001
	client.Post(url, "application/json", nil)
}
"#,
    ),
    // A client the code says goes without a timeout on purpose, beside the
    // one that gets it.
    Case::new(
        "internal/service/webdav/client.go",
        r#"
package webdav

import (
	"net/http"
	"time"
)

// NewClient returns a client for transfers of any size.
func NewClient() *http.Client {
	// Create a new http.Client without timeout: uploads can take hours.
	return &http.Client{}
}

// NewListingClient returns a client for listings.
func NewListingClient() *http.Client {
	// This client has no timeout: a stalled server holds the listing.
	return &http.Client{}  // expect: RES001
}

func withTimeout(d time.Duration) *http.Client {
	return &http.Client{Timeout: d}
}
"#,
    ),
    // A cobra command's `Run:` (a literal, or a function named in `RunE:`) is a
    // command a person runs; the package's other functions serve whoever calls
    // them.
    Case::new(
        "backend/cmd/isready/isready.go",
        r#"
package isready

import (
	"net/http"

	"github.com/spf13/cobra"
)

func NewIsReadyCommand() *cobra.Command {
	return &cobra.Command{
		Use: "isready",
		Run: func(cmd *cobra.Command, args []string) {
			res, err := http.Get("http://localhost:8000/health/ready")
			check(res, err)
		},
	}
}

func NewImportCommand() *cobra.Command {
	return &cobra.Command{Use: "import", RunE: runImport}
}

func runImport(cmd *cobra.Command, args []string) error {
	_, err := http.Get(args[0])
	return err
}

func Lookup(url string) (*http.Response, error) {
	return http.Get(url) // expect: RES001
}
"#,
    ),
    // A client a command builds lives for the command's run, whatever it is
    // handed to; a command that starts a server builds the service's client.
    Case::new(
        "cmd/guacone/cmd/bad.go",
        r#"
package cmd

import (
	"context"
	"net/http"

	"github.com/Khan/genqlient/graphql"
	"github.com/spf13/cobra"
)

var queryBadCmd = &cobra.Command{
	Use: "bad",
	Run: func(cmd *cobra.Command, args []string) {
		httpClient := http.Client{Transport: http.DefaultTransport}
		gqlclient := graphql.NewClient(args[0], &httpClient)
		report(context.Background(), gqlclient)
	},
}
"#,
    )
    .with_file(
        "cmd/guacrest/cmd/server.go",
        "package cmd\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/Khan/genqlient/graphql\"\n\t\"github.com/spf13/cobra\"\n)\n\nvar serveCmd = &cobra.Command{\n\tUse: \"serve\",\n\tRun: func(cmd *cobra.Command, args []string) {\n\t\thttpClient := http.Client{Transport: http.DefaultTransport}  // expect: RES001\n\t\tgqlclient := graphql.NewClient(args[0], &httpClient)\n\t\thttp.ListenAndServe(\":8080\", newHandler(gqlclient))\n\t},\n}\n",
    ),
    // A function assigned to a command's field in `init` (`credsCmd.RunE =
    // runCreds`) is the command's too; a comparison with it is not an assignment.
    Case::new(
        "taco/cmd/taco/commands/creds.go",
        r#"
package commands

import (
	"net/http"

	"github.com/spf13/cobra"
)

var credsCmd = &cobra.Command{Use: "creds"}

func init() {
	credsCmd.RunE = runCreds
	if credsCmd.PreRunE == checkLogin {
		return
	}
}

func runCreds(cmd *cobra.Command, args []string) error {
	_, err := http.Post(args[0], "application/json", nil)
	return err
}

func checkLogin(cmd *cobra.Command, args []string) error {
	_, err := http.Get(args[0]) // expect: RES001
	return err
}
"#,
    ),
    // The same with the project's own command package built like urfave's.
    Case::new(
        "cmd/healthcheck/main.go",
        r#"
package healthcheck

import (
	"context"
	"net/http"

	"github.com/acme/gateway/pkg/cli"
)

var Cmd = &cli.Command{Name: "healthcheck", Action: runAction}

func runAction(ctx context.Context, cmd *cli.Command) error {
	res, err := http.Get(cmd.Args()[0])
	if err != nil {
		return err
	}
	return res.Body.Close()
}

func Probe(url string) (*http.Response, error) {
	return http.Get(url) // expect: RES001
}
"#,
    ),
    // A client a one-shot run builds for its own request (`fider ping`) is that
    // run's; one it hands to the service is the service's.
    Case::new(
        "app/cmd/ping.go",
        r#"
package cmd

import "net/http"

func RunPing() int {
	client := &http.Client{}
	req, _ := http.NewRequest("GET", "http://localhost:3000/_health", nil)
	resp, err := client.Do(req)
	if err != nil || resp.StatusCode != 200 {
		return 1
	}
	return func() int {
		_, err := client.Get("http://localhost:3000/_ready")
		return check(err)
	}()
}

func RunServer() {
	client := &http.Client{} // expect: RES001
	serve(NewHandler(client))
}

func SessionMiddleware(url string) func(r *http.Request) error {
	client := http.Client{} // expect: RES001
	return func(r *http.Request) error {
		_, err := client.Get(url)
		return err
	}
}
"#,
    )
    .with_file(
        "main.go",
        "package main\n\nimport (\n\t\"os\"\n\t\"app/cmd\"\n)\n\nfunc main() {\n\tif len(os.Args) > 1 {\n\t\tos.Exit(cmd.RunPing())\n\t}\n\tuse(cmd.SessionMiddleware(\"u\"))\n\tcmd.RunServer()\n}\n",
    ),
    // The client a websocket library dials its upgrade with is bounded by that
    // library's limits; the same literal for plain requests is not.
    Case::new(
        "charger/ocpp/forwarder.go",
        r#"
package ocpp

import (
	"context"
	"net/http"
	"time"

	"github.com/coder/websocket"
)

func dial(url string) (*websocket.Conn, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{
		HTTPClient: &http.Client{Transport: &http.Transport{}},
	})
	return conn, err
}

type Options struct{ HTTPClient *http.Client }

func plain() Options {
	return Options{HTTPClient: &http.Client{}} // expect: RES001
}
"#,
    ),
    // A Lambda function: the invocation's context, on which each request
    // is built, carries the function's deadline.
    Case::new(
        "deploy/lambda/gateway/main.go",
        r#"
package main

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/lambda"
)

type Gateway struct{ httpClient *http.Client }

func main() {
	gw := &Gateway{httpClient: &http.Client{}}
	lambda.StartHandler(gw)
}

func (g *Gateway) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.url, nil)
	if err != nil {
		return nil, err
	}
	_, err = g.httpClient.Do(req)
	return nil, err
}
"#,
    ),
    Case::new(
        "deploy/lambda/worker/main.go",
        r#"
package main

import (
	"net/http"

	"github.com/aws/aws-lambda-go/lambda"
)

var client = &http.Client{} // expect: RES001

func handle(url string) error {
	_, err := client.Get(url)
	return err
}

func main() { lambda.Start(handle) }
"#,
    ),
    // A function building its requests on the context handed to it, whose
    // callers in the file give that context a deadline (another type's method
    // of the same name calls nothing); a caller without one keeps the client
    // reported.
    Case::new(
        "cmd/app/healthcheck/healthcheck.go",
        r#"
package healthcheck

import (
	"context"
	"net/http"
	"time"
)

func (c *Cmd) Run() error {
	ctx, cancel := context.WithTimeout(context.Background(), c.Timeout)
	defer cancel()
	return c.check.check(ctx)
}

func (hc httpCheck) check(ctx context.Context) error {
	client := &http.Client{}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, hc.url, http.NoBody)
	if err != nil {
		return err
	}
	_, err = client.Do(req)
	return err
}

func (gc grpcCheck) check(ctx context.Context) error {
	return gc.conn.Ping(ctx)
}

func Poll(url string) error {
	return probe(context.Background(), url)
}

func probe(ctx context.Context, url string) error {
	client := &http.Client{} // expect: RES001
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	_, err := client.Do(req)
	return err
}
"#,
    ),
    // A client kept in a struct field, sent through only by functions that
    // build each request on a context with a deadline; not one a function
    // without a deadline sends through.
    Case::new(
        "server/runtime.go",
        r#"
package server

import (
	"context"
	"net/http"
	"time"
)

type Runtime struct {
	httpClient *http.Client
	hookClient *http.Client
}

func NewRuntime() *Runtime {
	return &Runtime{
		httpClient: &http.Client{},
		hookClient: &http.Client{}, // expect: RES001
	}
}

func (n *Runtime) httpRequest(ctx context.Context, url string, timeoutMs int) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Duration(timeoutMs)*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return nil, err
	}
	return n.httpClient.Do(req)
}

func (n *Runtime) hook(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, "POST", url, nil)
	if err != nil {
		return nil, err
	}
	return n.hookClient.Do(req)
}
"#,
    )
    .with_file(
        "server/keys.go",
        r#"
package server

import (
	"context"
	"net/http"
	"time"
)

type keys struct {
	httpClient *http.Client
	pushClient *http.Client
}

func newKeys() keys {
	httpClient := &http.Client{}
	pushClient := &http.Client{} // expect: RES001
	return keys{httpClient: httpClient, pushClient: pushClient}
}

func (k keys) fetch(ctx context.Context, url string) (*http.Response, error) {
	fetchCtx := ctx
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		fetchCtx, cancel = context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(fetchCtx, "GET", url, nil)
	if err != nil {
		return nil, err
	}
	return k.httpClient.Do(req)
}

func (k keys) push(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, "POST", url, nil)
	if err != nil {
		return nil, err
	}
	return k.pushClient.Do(req)
}
"#,
    ),
    // The transport of a generated RPC client (connect-go): each call takes
    // its caller's context, whose deadline bounds it. Not a client handed to
    // an ordinary constructor.
    Case::new(
        "svc/api/run.go",
        r#"
package api

import (
	"net/http"

	"connectrpc.com/connect"
	"github.com/acme/gen/proto/vault/v1/vaultv1connect"
	"github.com/acme/pkg/search"
)

func clients(url string) {
	vault := vaultv1connect.NewVaultServiceClient(&http.Client{}, url, connect.WithInterceptors())
	echo := connect.NewClient[Req, Res](&http.Client{Timeout: 0, Transport: h2}, url+"/echo.v1.Echo/Say")
	index := search.NewIndexClient(&http.Client{}, url) // expect: RES001
	use(vault, echo, index)
}
"#,
    ),
    // The default client replaced, at start-up, by one with a timeout bounds
    // every `http.DefaultClient.Do` of the service.
    Case::new(
        "app/services/httpclient/httpclient.go",
        r#"
package httpclient

import "net/http"

func Send(req *http.Request) (*http.Response, error) {
	return http.DefaultClient.Do(req)
}
"#,
    )
    .with_file(
        "app/services/httpclient/init.go",
        "package httpclient\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n\nfunc init() {\n\thttp.DefaultClient = &http.Client{\n\t\tTimeout: 30 * time.Second,\n\t}\n}\n",
    ),
    // Start-up work in another file: only `main` calls it (through `setup`).
    Case::new(
        "codec-server/oidc.go",
        r#"
package main

import "net/http"

func discover(issuer string) (*http.Response, error) {
	return http.Get(issuer + "/.well-known/openid-configuration")
}

func refreshKeys(url string) {
	http.Get(url)  // expect: RES001
}

func lookup(url string) {
	http.Get(url)  // expect: RES001
}
"#,
    )
    .with_file(
        "codec-server/main.go",
        "package main\n\nimport \"net/http\"\n\nfunc setup() { discover(issuer) }\n\nfunc main() {\n\tsetup()\n\tlookup(issuer)\n\tfor {\n\t\trefreshKeys(jwks)\n\t}\n}\n\nfunc handle(w http.ResponseWriter, r *http.Request) {\n\tlookup(r.URL.Query().Get(\"u\"))\n}\n",
    ),
    // A test-helper package (named `…test`, importing `testing`) runs under `go test`.
    Case::new(
        "caddytest/caddytest.go",
        r#"
package caddytest

import (
	"net/http"
	"testing"
)

type Tester struct{ t testing.TB }

func (tc *Tester) dumpConfig(port int) {
	tc.t.Cleanup(func() {
		http.Get("http://localhost:2019/config/")
	})
}
"#,
    ),
    // A package whose name merely ends in `test`, without `testing`, is not one.
    Case::new(
        "releases/latest/latest.go",
        r#"
package latest

import "net/http"

func Fetch() (*http.Response, error) {
	return http.Get("https://api.example.com/releases/latest")  // expect: RES001
}
"#,
    ),
    // A program's start-up call shows its hang to whoever starts it; the client
    // it builds for the service to use is reported.
    Case::new(
        "cmd/api/main.go",
        r#"
package main

import "net/http"

func main() {
	resp, _ := http.Get("https://issuer.example.com/.well-known/openid-configuration")
	defer resp.Body.Close()
	client := &http.Client{}  // expect: RES001
	serve(client)
}
"#,
    ),
    // A `main` whose work is an endless, paced loop is a daemon: it runs unattended.
    Case::new(
        "cmd/agent/main.go",
        r#"
package main

import (
	"net/http"
	"time"
)

func main() {
	for {
		http.Get(pushURL)  // expect: RES001
		time.Sleep(60 * time.Second)
	}
}
"#,
    ),
    // Configured elsewhere: a transport built in another place, a request whose
    // context may carry a deadline. Unknown is not missing.
    Case::new(
        "svc/elsewhere.go",
        r#"
package svc

import "net/http"

func F(ctx context.Context, u string, tr http.RoundTripper) {
	c := &http.Client{Transport: tr}
	req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
	http.DefaultClient.Do(req)
	_ = c
}
"#,
    ),
    // A transport that dials a Unix socket reaches only a process on this
    // machine (an agent's local job API); one dialing TCP stays reported.
    Case::new(
        "internal/socket/client.go",
        r#"
package socket

import (
	"context"
	"net"
	"net/http"
)

func NewClient(path string) *Client {
	dialer := net.Dialer{}
	return &Client{
		cli: &http.Client{
			Transport: &http.Transport{
				DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
					return dialer.DialContext(ctx, "unix", path)
				},
			},
		},
		remote: &http.Client{  // expect: RES001
			Transport: &http.Transport{
				DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
					return dialer.DialContext(ctx, "tcp", path)
				},
			},
		},
	}
}
"#,
    ),
    // Go's default transport bounds no response, wrapped or not; `Timeout: 0` is none.
    Case::new(
        "svc/wrapped.go",
        r#"
package svc

import "net/http"

var c = &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}  // expect: RES001
var d = &http.Client{Timeout: 0}  // expect: RES001
"#,
    ),
    Case::new(
        "svc/client.go",
        r#"
package svc

import (
	"net/http"
)

func Fetch(u string) {
	http.Get(u)  // expect: RES001
	http.DefaultClient.Do(nil)  // expect: RES001
	c := &http.Client{}  // expect: RES001
	d := http.Client{Transport: nil}  // expect: RES001
	_ = c
	_ = d
}
"#,
    ),
    Case::new(
        "svc/alias.go",
        r#"
package svc

import nethttp "net/http"

var client = &nethttp.Client{}  // expect: RES001

func F() { nethttp.Post("u", "", nil) }  // expect: RES001
"#,
    ),
    Case::new(
        "svc/ok.go",
        r#"
package svc

import (
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

func F(u string) {
	client.Get(u)
	c := &http.Client{}
	c.Timeout = time.Second
	c.Get(u)
}
"#,
    ),
    Case::new(
        "svc/other.go",
        r#"
package svc

import "example.com/http"

func F() { http.Get("u") }
"#,
    ),
    // `http.DefaultClient.Timeout` set in `main` bounds every `http.Get`.
    Case::new(
        "svc/billing.go",
        r#"
package svc

import "net/http"

func Charge(url string) (*http.Response, error) {
	return http.Get(url)
}
"#,
    )
    .with_file(
        "cmd/main.go",
        "package main\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n\nfunc main() {\n\thttp.DefaultClient.Timeout = 10 * time.Second\n}\n",
    ),
    // A helper that takes a `*testing.T` runs under `go test`, wherever it sits;
    // its file's other functions are product code.
    Case::new(
        "pkg/common.go",
        r#"
package pkg

import (
	"net/http"
	"testing"
)

func TestClient(t *testing.T) *http.Response {
	r, _ := http.Get("http://127.0.0.1:4455/health")
	return r
}

func NewSDK() *http.Client {
	return &http.Client{}  // expect: RES001
}
"#,
    ),
    // Started in a goroutine of its own: a stall leaks the goroutine, and the
    // impact says so.
    Case::new(
        "object/logout.go",
        r#"
package object

import "net/http"

func Logout(urls []string) {
	for _, u := range urls {
		go callLogoutUrl(u)
	}
	go func() {
		http.Get("https://idp.example.com/end-session")  // expect: RES001
	}()
}

func callLogoutUrl(u string) {
	http.Get(u)  // expect: RES001
}
"#,
    ),
    // A client whose every request in the function carries a deadline context.
    Case::new(
        "cmd/backup.go",
        r#"
package cmd

import (
	"context"
	"net/http"
	"time"
)

func (b *Backup) Execute() error {
	ctx, cancel := context.WithTimeout(context.Background(), b.Timeout)
	defer cancel()
	client := http.Client{}
	req, err := http.NewRequest("GET", b.URL, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (b *Backup) Upload() error {
	client := http.Client{}  // expect: RES001
	_, err := client.Post(b.URL, "application/json", nil)
	return err
}
"#,
    ),
    // Or whose request comes from the file's builder that gives it one.
    Case::new(
        "metrics/selfhosted.go",
        r#"
package metrics

import (
	"context"
	"io"
	"net/http"
	"strings"
	"time"
)

func (w *Worker) push(payload string) error {
	client := http.Client{}
	req, cancel, err := createPostRequest(w.ctx, w.endpoint, payload)
	if err != nil {
		return err
	}
	defer cancel()
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func createPostRequest(ctx context.Context, url, body string) (*http.Request, context.CancelFunc, error) {
	ctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	req, err := http.NewRequestWithContext(ctx, "POST", url, strings.NewReader(body))
	return req, cancel, err
}

func (w *Worker) pull() (io.ReadCloser, error) {
	client := http.Client{}  // expect: RES001
	req, err := createGetRequest(w.ctx, w.endpoint)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

func createGetRequest(ctx context.Context, url string) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, "GET", url, nil)
}
"#,
    ),
    // In a whole repository, a package function no file names runs nowhere;
    // a method (which an interface may call) is reached.
    Case::new(
        "internal/httpgetter/image.go",
        r#"
package httpgetter

import "net/http"

func GetImage(url string) (*http.Response, error) {
	return http.Get(url)
}

type Fetcher struct{}

func (f *Fetcher) Fetch(url string) (*http.Response, error) {
	return http.Get(url) // expect: RES001
}
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n"),
    // Start-up work a function of another language names too: a TypeScript
    // page's `fetchSettings` is no caller of the Go one. (A function of the
    // same name is: `Reload`'s only caller is another `Reload`, which nothing
    // shown calls.)
    Case::new(
        "config/config.go",
        r#"
package config

import "net/http"

func FetchSettings(url string) (*http.Response, error) {
	return http.Get(url)
}

func Reload(url string) (*http.Response, error) {
	return http.Get(url) // expect: RES001
}
"#,
    )
    .with_file(
        "main.go",
        "package main\n\nimport (\n\t\"net/http\"\n\t\"time\"\n\n\t\"example.com/t/config\"\n)\n\nfunc main() {\n\tconfig.FetchSettings(\"https://config.internal/settings\")\n\tsrv := &http.Server{Addr: \":8080\", ReadHeaderTimeout: 5 * time.Second}\n\tsrv.ListenAndServe()\n}\n",
    )
    .with_file(
        "admin/reload.go",
        "package admin\n\nimport \"example.com/t/config\"\n\nfunc Reload(url string) {\n\tconfig.Reload(url)\n}\n",
    )
    .with_file(
        "web/server.ts",
        "import express from \"express\";\nconst app = express();\nfunction fetchSettings(s: string): string { return s; }\nfunction show(req: express.Request, res: express.Response) { res.send(fetchSettings(String(req.query.s))); }\napp.get(\"/x\", show);\napp.listen(3000);\n",
    ),
    // A function building its requests on the context it is handed, which
    // every caller, in whichever file, gives a deadline: bounded. One caller
    // handing it `context.Background()` leaves the other function reported.
    Case::new(
        "notifications/webhook.go",
        r#"
package notifications

import (
	"bytes"
	"context"
	"net/http"
)

func deliverWebhook(ctx context.Context, url string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	client := &http.Client{}
	_, err = client.Do(req)
	return err
}

func deliverDigest(ctx context.Context, url string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	client := &http.Client{}  // expect: RES001
	_, err = client.Do(req)
	return err
}
"#,
    )
    .with_file(
        "notifications/incidents.go",
        "package notifications\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\nfunc notifyIncident(url string, body []byte) error {\n\tctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)\n\tdefer cancel()\n\tif err := deliverDigest(ctx, url, body); err != nil {\n\t\treturn err\n\t}\n\treturn deliverWebhook(ctx, url, body)\n}\n",
    )
    .with_file(
        "notifications/digest.go",
        "package notifications\n\nimport \"context\"\n\nfunc sendDigest(url string, body []byte) error {\n\treturn deliverDigest(context.Background(), url, body)\n}\n",
    ),
    // Go's default client kept only as a fallback for one the caller may
    // pass: reported, and the text says when it is used.
    Case::new(
        "beaconclient/util.go",
        r#"
package beaconclient

import "net/http"

func fetchBeacon(httpClient *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	client := http.DefaultClient
	if httpClient != nil {
		client = httpClient
	}
	return client.Do(req)  // expect: RES001
}
"#,
    ),
    // A package-level client every function of the file sends through with
    // a deadline on the request's context; not one a function sends through
    // without.
    Case::new(
        "mtasts/policy.go",
        r#"
package mtasts

import (
	"context"
	"net/http"
	"time"
)

// HTTPClient is used by FetchPolicy for HTTP requests.
var HTTPClient = &http.Client{
	CheckRedirect: func(req *http.Request, via []*http.Request) error {
		return http.ErrUseLastResponse
	},
}

func FetchPolicy(ctx context.Context, domain string) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", "https://mta-sts."+domain+"/.well-known/mta-sts.txt", nil)
	if err != nil {
		return nil, err
	}
	return HTTPClient.Do(req)
}
"#,
    )
    .with_file(
        "report/send.go",
        r#"
package report

import (
	"context"
	"net/http"
	"time"
)

var (
	reportClient = &http.Client{} // expect: RES001
)

func Probe(ctx context.Context, url string) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "HEAD", url, nil)
	if err != nil {
		return nil, err
	}
	return reportClient.Do(req)
}

func Send(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, "POST", url, nil)
	if err != nil {
		return nil, err
	}
	return reportClient.Do(req)
}
"#,
    ),
    // A client kept in a struct field, sent through only by a method that
    // builds its request on the context it is handed, where every caller, in
    // another file, hands it one with a deadline; not where a caller hands
    // it a context without one.
    Case::new(
        "notifier/slack.go",
        r#"
package notifier

import (
	"context"
	"net/http"
	"strings"
)

type Slack struct{ client *http.Client }

func NewSlack() *Slack {
	return &Slack{client: &http.Client{}}
}

func (s *Slack) Notify(ctx context.Context, url, msg string) error {
	req, err := http.NewRequestWithContext(ctx, "POST", url, strings.NewReader(msg))
	if err != nil {
		return err
	}
	_, err = s.client.Do(req)
	return err
}

type Teams struct{ hc *http.Client }

func NewTeams() *Teams {
	return &Teams{hc: &http.Client{}} // expect: RES001
}

func (t *Teams) Send(ctx context.Context, url, msg string) error {
	req, err := http.NewRequestWithContext(ctx, "POST", url, strings.NewReader(msg))
	if err != nil {
		return err
	}
	_, err = t.hc.Do(req)
	return err
}
"#,
    )
    .with_file(
        "alerting/alert.go",
        r#"
package alerting

import (
	"context"
	"time"

	"example.com/app/notifier"
)

func Fire(ctx context.Context, s *notifier.Slack, t *notifier.Teams) {
	nctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	_ = s.Notify(nctx, "https://hooks.slack.com/x", "down")
	_ = t.Send(context.Background(), "https://teams.example.com/x", "down")
}
"#,
    ),
    // A package only a command-line program builds from, and that program
    // starts no server and no long-lived loop: each run is one command a
    // person (or a CI step) starts and sees wait.
    Case::new(
        "pkg/secretclient/client.go",
        r#"
package secretclient

import "net/http"

var HTTPClient = &http.Client{}

func Fetch(server, id string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, server+"/secret/"+id, nil)
	if err != nil {
		return nil, err
	}
	return HTTPClient.Do(req)
}
"#,
    )
    .with_file("go.mod", "module example.com/secrets\n\ngo 1.22\n")
    .with_file(
        "cmd/secrets/main.go",
        r#"package main

import (
	"fmt"
	"os"

	"example.com/secrets/pkg/secretclient"
)

func main() {
	resp, err := secretclient.Fetch(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
}
"#,
    ),
    // The same package built into a server too: its requests run on the
    // server's requests.
    Case::new(
        "pkg/vaultclient/client.go",
        r#"
package vaultclient

import "net/http"

var HTTPClient = &http.Client{} // expect: RES001

func Fetch(server, id string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, server+"/secret/"+id, nil)
	if err != nil {
		return nil, err
	}
	return HTTPClient.Do(req)
}
"#,
    )
    .with_file("go.mod", "module example.com/vault\n\ngo 1.22\n")
    .with_file(
        "cmd/vault/main.go",
        r#"package main

import (
	"os"

	"example.com/vault/pkg/vaultclient"
)

func main() {
	vaultclient.Fetch(os.Args[1], os.Args[2])
}
"#,
    )
    .with_file(
        "cmd/vault-server/main.go",
        r#"package main

import (
	"net/http"

	"example.com/vault/pkg/vaultclient"
)

func main() {
	http.HandleFunc("/proxy", func(w http.ResponseWriter, r *http.Request) {
		vaultclient.Fetch(r.URL.Query().Get("server"), r.URL.Query().Get("id"))
	})
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5e9}
	srv.ListenAndServe()
}
"#,
    ),
    // A program that polls forever is a daemon, whatever it imports.
    Case::new(
        "pkg/poller/poll.go",
        r#"
package poller

import "net/http"

func Poll(url string) (*http.Response, error) {
	return http.Get(url) // expect: RES001
}
"#,
    )
    .with_file("go.mod", "module example.com/poll\n\ngo 1.22\n")
    .with_file(
        "cmd/poller/main.go",
        r#"package main

import (
	"os"
	"time"

	"example.com/poll/pkg/poller"
)

func main() {
	for {
		poller.Poll(os.Args[1])
		time.Sleep(time.Minute)
	}
}
"#,
    ),
    // A method of a one-shot program's package: the framework the program
    // hands its value to may call it for as long as it runs.
    Case::new(
        "cmd/channels/webhook/main.go",
        r#"package main

import (
	"net/http"
	"strings"

	"github.com/acme/notify-plugin/plugin"
)

func main() {
	plugin.Run(&Webhook{})
}

type Webhook struct{ URL string }

func (w *Webhook) Send(body string) error {
	_, err := http.Post(w.URL, "application/json", strings.NewReader(body)) // expect: RES001
	return err
}
"#,
    )
    .with_file("go.mod", "module example.com/channels\n\ngo 1.22\n"),
    // A client assigned to a field (`svc.client = &http.Client{…}`) whose
    // every sender puts a deadline on the request's context itself.
    Case::new(
        "plugins/host_httpclient.go",
        r#"
package plugins

import (
	"context"
	"net/http"
	"time"
)

type httpService struct {
	client *http.Client
}

func newHTTPService() *httpService {
	svc := &httpService{}
	svc.client = &http.Client{
		Transport: http.DefaultTransport,
	}
	return svc
}

func (s *httpService) Send(ctx context.Context, url string, timeoutMs int) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Duration(timeoutMs)*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return s.client.Do(req)
}
"#,
    ),
    // The same field, one of whose senders puts no deadline on its request.
    Case::new(
        "plugins/host_untimed.go",
        r#"
package plugins

import (
	"context"
	"net/http"
	"time"
)

type untimedService struct {
	client *http.Client
}

func newUntimedService() *untimedService {
	svc := &untimedService{}
	svc.client = &http.Client{ // expect: RES001
		Transport: http.DefaultTransport,
	}
	return svc
}

func (s *untimedService) Send(ctx context.Context, url string) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return s.client.Do(req)
}

func (s *untimedService) Fetch(url string) (*http.Response, error) {
	return s.client.Get(url)
}
"#,
    ),
    // A notifier's client: its sender (its request built on its context,
    // however the call is laid out) hands its context on to the per-channel
    // notifier (`n.slack.Notify(ctx, …)` in `Notify`), whose one caller with
    // a context gives it a deadline. Go tells `notify` from `Notify`: the
    // alert handler's own `notify` calls are not calls of the notifier, and
    // `signal.Notify` is the standard library's.
    Case::new(
        "alerting/notifier/slack/slack.go",
        r#"
package slack

import (
	"bytes"
	"context"
	"net/http"
)

type Client struct {
	httpClient *http.Client
	url        string
}

func New(url string) *Client {
	return &Client{
		httpClient: &http.Client{},
		url:        url,
	}
}

func (c *Client) Notify(ctx context.Context, body []byte) error {
	req, err := http.NewRequestWithContext(
		ctx,
		http.MethodPost,
		c.url,
		bytes.NewReader(body),
	)
	if err != nil {
		return err
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
"#,
    )
    .with_file(
        "alerting/notifier/notifier.go",
        "package notifier\n\nimport (\n\t\"context\"\n\n\t\"example.com/probe/alerting/notifier/slack\"\n)\n\ntype Notifier struct {\n\tslackNotifier *slack.Client\n}\n\nfunc (n *Notifier) Notify(ctx context.Context, body []byte) error {\n\treturn n.slackNotifier.Notify(ctx, body)\n}\n",
    )
    .with_file(
        "alerting/alerting.go",
        "package alerting\n\nimport (\n\t\"context\"\n\t\"time\"\n\n\t\"example.com/probe/alerting/notifier\"\n)\n\ntype Handler struct {\n\tnotifier *notifier.Notifier\n}\n\nfunc (h *Handler) notify(body []byte) {\n\tctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)\n\tdefer cancel()\n\th.notifier.Notify(ctx, body)\n}\n\nfunc (h *Handler) Record(body []byte) {\n\th.notify(body)\n}\n",
    )
    .with_file(
        "cmd/probe/main.go",
        "package main\n\nimport (\n\t\"os\"\n\t\"os/signal\"\n)\n\nfunc main() {\n\tch := make(chan os.Signal, 1)\n\tsignal.Notify(ch, os.Interrupt)\n\t<-ch\n}\n",
    ),
    // The same notifier, also called by a function handing it a context
    // without a deadline: reported.
    Case::new(
        "relay/notifier/teams/teams.go",
        r#"
package teams

import (
	"bytes"
	"context"
	"net/http"
)

type Client struct {
	httpClient *http.Client
	url        string
}

func New(url string) *Client {
	return &Client{
		httpClient: &http.Client{}, // expect: RES001
		url:        url,
	}
}

func (c *Client) Notify(ctx context.Context, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
"#,
    )
    .with_file(
        "relay/alerting.go",
        "package relay\n\nimport (\n\t\"context\"\n\t\"time\"\n\n\t\"example.com/relay/notifier/teams\"\n)\n\ntype Handler struct {\n\tteams *teams.Client\n}\n\nfunc (h *Handler) notify(body []byte) {\n\tctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)\n\tdefer cancel()\n\th.teams.Notify(ctx, body)\n}\n\nfunc (h *Handler) Resend(ctx context.Context, body []byte) {\n\th.teams.Notify(ctx, body)\n}\n",
    ),
    // A client field handed on to the helper that sends (`doWithRetry(ctx,
    // w.httpClient, req)`) by a sender building its request on its context,
    // which its caller bounds.
    Case::new(
        "notification/webhook.go",
        r#"
package notification

import (
	"bytes"
	"context"
	"net/http"
)

type webhookNotifier struct {
	httpClient *http.Client
	url        string
}

func newWebhookNotifier(url string) *webhookNotifier {
	return &webhookNotifier{
		httpClient: &http.Client{},
		url:        url,
	}
}

func (w *webhookNotifier) Send(ctx context.Context, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := doWithRetry(ctx, w.httpClient, req, 3)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
"#,
    )
    .with_file(
        "notification/retry.go",
        "package notification\n\nimport (\n\t\"context\"\n\t\"net/http\"\n)\n\nfunc doWithRetry(ctx context.Context, client *http.Client, req *http.Request, n int) (*http.Response, error) {\n\tvar err error\n\tfor i := 0; i < n; i++ {\n\t\tvar resp *http.Response\n\t\tresp, err = client.Do(req)\n\t\tif err == nil {\n\t\t\treturn resp, nil\n\t\t}\n\t}\n\treturn nil, err\n}\n",
    )
    .with_file(
        "notification/dispatch.go",
        "package notification\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\nfunc dispatch(url string, body []byte) error {\n\tn := newWebhookNotifier(url)\n\tctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)\n\tdefer cancel()\n\treturn n.Send(ctx, body)\n}\n",
    ),
    // The same, where the sender's caller gives it no deadline: reported.
    Case::new(
        "hooks/webhook.go",
        r#"
package hooks

import (
	"bytes"
	"context"
	"net/http"
)

type webhookNotifier struct {
	httpClient *http.Client
	url        string
}

func newWebhookNotifier(url string) *webhookNotifier {
	return &webhookNotifier{
		httpClient: &http.Client{}, // expect: RES001
		url:        url,
	}
}

func (w *webhookNotifier) Send(ctx context.Context, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := doWithRetry(ctx, w.httpClient, req, 3)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
"#,
    )
    .with_file(
        "hooks/retry.go",
        "package hooks\n\nimport (\n\t\"context\"\n\t\"net/http\"\n)\n\nfunc doWithRetry(ctx context.Context, client *http.Client, req *http.Request, n int) (*http.Response, error) {\n\treturn client.Do(req)\n}\n",
    )
    .with_file(
        "hooks/dispatch.go",
        "package hooks\n\nimport \"context\"\n\nfunc dispatch(url string, body []byte) error {\n\tn := newWebhookNotifier(url)\n\treturn n.Send(context.Background(), body)\n}\n",
    ),
    // A client a getter returns (`n.client().Do(req)`), sent through only by
    // a function building its request on the context it is handed, whose
    // caller gives it a deadline.
    Case::new(
        "server/backchannel/backchannel.go",
        r#"
package backchannel

import (
	"context"
	"net/http"
	"strings"
	"time"
)

type Notifier struct {
	HTTPClient *http.Client
}

func (n *Notifier) Notify(ctx context.Context, uris []string) {
	for _, uri := range uris {
		go func(uri string) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			n.deliver(ctx, uri)
		}(uri)
	}
}

func (n *Notifier) deliver(ctx context.Context, uri string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, uri, strings.NewReader("token"))
	if err != nil {
		return
	}
	resp, err := n.client().Do(req)
	if err != nil {
		return
	}
	resp.Body.Close()
}

func (n *Notifier) client() *http.Client {
	if n.HTTPClient != nil {
		return n.HTTPClient
	}
	return &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}
"#,
    ),
    // The same getter, one of whose senders' callers gives no deadline: reported.
    Case::new(
        "server/frontchannel/frontchannel.go",
        r#"
package frontchannel

import (
	"context"
	"net/http"
	"strings"
	"time"
)

type Notifier struct {
	HTTPClient *http.Client
}

func (n *Notifier) Notify(uri string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n.deliver(ctx, uri)
}

func (n *Notifier) Forward(ctx context.Context, uri string) {
	n.deliver(ctx, uri)
}

func (n *Notifier) deliver(ctx context.Context, uri string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, uri, strings.NewReader("token"))
	if err != nil {
		return
	}
	resp, err := n.client().Do(req)
	if err != nil {
		return
	}
	resp.Body.Close()
}

func (n *Notifier) client() *http.Client {
	if n.HTTPClient != nil {
		return n.HTTPClient
	}
	return &http.Client{ // expect: RES001
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}
"#,
    ),
    // A helper that builds its own client, called from `main`'s endless,
    // paced loop: an agent's work, run for as long as the program runs, and
    // reported. The same helper run once by another program's `main` is
    // that run's.
    Case::new(
        "cmd/reporter/main.go",
        r#"
package main

import (
	"net/http"
	"time"
)

func main() {
	for {
		report("http://collector:8080/v1/metrics")
		time.Sleep(30 * time.Second)
	}
}

func report(url string) {
	c := &http.Client{} // expect: RES001
	resp, err := c.Get(url)
	if err != nil {
		return
	}
	resp.Body.Close()
}
"#,
    )
    .with_file(
        "cmd/push/main.go",
        "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tpush(\"http://collector:8080/v1/metrics\")\n}\n\nfunc push(url string) {\n\tc := &http.Client{}\n\tresp, err := c.Post(url, \"application/json\", nil)\n\tif err != nil {\n\t\treturn\n\t}\n\tresp.Body.Close()\n}\n",
    )
    .with_file("go.mod", "module example.com/agent\n\ngo 1.22\n")
    .with_file(".git/HEAD", "ref: refs/heads/main\n"),
    // A client `main` builds and hands to a helper of its file that serves
    // with it: the service's client, reported.
    Case::new(
        "cmd/proxy/main.go",
        r#"
package main

import "net/http"

func main() {
	client := &http.Client{} // expect: RES001
	serve(client)
}

func serve(c *http.Client) {
	http.HandleFunc("/proxy", func(w http.ResponseWriter, r *http.Request) {
		resp, err := c.Get("http://upstream:8080" + r.URL.Path)
		if err != nil {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
	})
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second}
	srv.ListenAndServe()
}
"#,
    )
    .with_file("go.mod", "module example.com/proxy\n\ngo 1.22\n"),
];
