//! IDM001 pass and fail cases, per language.

use crate::rules::Case;

pub(super) const CASES: &[Case] = &[
    // A function called by its bare name is the code's own (a React state
    // setter from `useState`), not an options builder's setter.
    Case::new(
        "server/demo.ts",
        r#"
import { Client } from '@temporalio/client';
export async function demo(setWorkflowId: (id: string) => void, client: Client) {
  setWorkflowId(`demo-${Math.random().toString(36).slice(2)}`);
  await client.workflow.start('order', { taskQueue: 'orders', workflowId: `o-${Date.now()}` });  // expect: IDM001
}
"#,
    ),
    // A key minted once before the function's own retries is shared by every
    // attempt: what an SDK's auto key is for.
    Case::new(
        "sdk/request.py",
        r#"
import uuid
import requests

def execute(method, url, body, max_retries=3):
    headers = {"idempotency-key": f"auto_{uuid.uuid4()}"}
    for attempt in range(max_retries):
        resp = requests.request(method, url, json=body, headers=headers, timeout=10)
        if resp.status_code < 500:
            return resp
        sleep_with_backoff(attempt)
    return resp
"#,
    ),
    // A one-shot starter (a program's `main`, a helper only `main` calls, a
    // script's module-level code) runs once: no caller retries it.
    Case::new(
        "starter/main.go",
        r#"
package main

import (
	"github.com/google/uuid"
	"go.temporal.io/sdk/client"
)

func main() {
	c, _ := client.Dial(client.Options{})
	run(c)
}

func run(c client.Client) {
	opts := client.StartWorkflowOptions{ID: "order_" + uuid.New().String(), TaskQueue: "orders"}
	c.ExecuteWorkflow(ctx, opts, Order)
}
"#,
    ),
    // A starter that borrows a helper from the workflow API is still a
    // starter: workflow code cannot connect a client.
    Case::new(
        "src/starter.ts",
        r#"
import { nanoid } from 'nanoid';
import { Connection, Client } from '@temporalio/client';
import { isCancellation } from '@temporalio/workflow';

async function run() {
  const client = new Client({ connection: await Connection.connect() });
  await client.workflow.execute(caller, { taskQueue: 'q', workflowId: 'caller-' + nanoid() });
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
"#,
    ),
    Case::new(
        "api/main.go",
        r#"
package main

import (
	"net/http"
	"github.com/google/uuid"
	"go.temporal.io/sdk/client"
)

func main() {
	http.HandleFunc("/orders", start)
	run(nil)
}

func start(w http.ResponseWriter, r *http.Request) {
	run(r)
}

func run(r *http.Request) {
	opts := client.StartWorkflowOptions{ID: uuid.New().String(), TaskQueue: "orders"}  // expect: IDM001
	c.ExecuteWorkflow(ctx, opts, Order)
}
"#,
    ),
    Case::new(
        "scripts/start.py",
        r#"
import asyncio, uuid
from temporalio.client import Client

async def main():
    client = await Client.connect('localhost:7233')
    await client.execute_workflow(Order.run, id=str(uuid.uuid4()), task_queue='orders')

if __name__ == '__main__':
    results = asyncio.run(main())
"#,
    ),
    Case::new(
        "app/start.py",
        r#"
import uuid
from temporalio.client import Client

async def start_order(client):
    await client.execute_workflow(Order.run, id=str(uuid.uuid4()), task_queue='orders')  # expect: IDM001
"#,
    ),
    Case::new(
        "src/client.ts",
        r#"
import { Client } from '@temporalio/client';

const client = new Client();
await client.workflow.execute(order, { taskQueue: 'orders', workflowId: `order-${Date.now()}` });

async function run() {
  await client.workflow.start(order, { taskQueue: 'orders', workflowId: `order-${Date.now()}` });
}
run().catch(console.error);
"#,
    ),
    Case::new(
        "app/payments.py",
        r#"
import uuid, time
import requests, stripe

def charge(order):
    stripe.PaymentIntent.create(amount=order.total, idempotency_key=str(uuid.uuid4()))  # expect: IDM001
    key = f"charge-{time.time()}"
    requests.post(URL, json=order.payload(), headers={"Idempotency-Key": key}, timeout=5)  # expect: IDM001

async def start(client, order):
    await client.start_workflow(Fulfil.run, order.id, id=f"fulfil-{uuid.uuid4()}", task_queue="orders")  # expect: IDM001
    sqs.send_message(QueueUrl=Q, MessageBody=b, MessageDeduplicationId=str(uuid.uuid4()))  # expect: IDM001
"#,
    ),
    // A key stored with the record it identifies: deliveries read it back.
    Case::new(
        "app/refunds.py",
        r#"
import uuid

def request_refunds(items):
    for item in items:
        event = TransactionEvent(
            transaction_id=item.id,
            idempotency_key=str(uuid.uuid4()),
        )
        RefundRequest.objects.create(item=item, idempotency_key=str(uuid.uuid4()))
"#,
    ),
    Case::new(
        "app/ok.py",
        r#"
import uuid

def charge(order, request_id):
    stripe.PaymentIntent.create(amount=order.total, idempotency_key=f"order-{order.id}-charge")
    requests.post(URL, headers={"Idempotency-Key": request_id}, timeout=5)
    trace_id = uuid.uuid4()
    log.info('charged', extra={'trace': trace_id})

async def start(client, order):
    await client.start_workflow(Fulfil.run, order.id, id=f"fulfil-{order.id}", task_queue="orders")
"#,
    ),
    Case::new(
        "svc/start.go",
        r#"
package svc

import (
	"github.com/google/uuid"
	"go.temporal.io/sdk/client"
)

func Start(c client.Client, req *http.Request) {
	opts := client.StartWorkflowOptions{ID: uuid.New().String(), TaskQueue: "orders"}  // expect: IDM001
	key := uuid.NewString()
	req.Header.Set("Idempotency-Key", key)  // expect: IDM001
}
"#,
    ),
    Case::new(
        "svc/ok.go",
        r#"
package svc

func Start(c client.Client, req *http.Request, o Order) {
	opts := client.StartWorkflowOptions{ID: "fulfil-" + o.ID, TaskQueue: "orders"}
	req.Header.Set("Idempotency-Key", o.ID)
	req.Header.Set("X-Request-Start", time.Now().String())
}
"#,
    ),
    Case::new(
        "src/main/java/app/Start.java",
        r#"
package app;

class Start {
  void start(Order o) {
    WorkflowOptions opts = WorkflowOptions.newBuilder().setWorkflowId(UUID.randomUUID().toString()).setTaskQueue("orders").build();  // expect: IDM001
    var req = HttpRequest.newBuilder(uri).header("Idempotency-Key", String.valueOf(System.currentTimeMillis())).build();  // expect: IDM001
  }
}
"#,
    ),
    Case::new(
        "src/main/java/app/Ok.java",
        r#"
package app;

class Ok {
  void start(Order o) {
    WorkflowOptions opts = WorkflowOptions.newBuilder().setWorkflowId("fulfil-" + o.id()).build();
    var req = HttpRequest.newBuilder(uri).header("X-Trace", UUID.randomUUID().toString()).build();
  }

  // The ID of an entity this function creates is stored with it.
  WorkflowModel track(Request req) {
    WorkflowModel workflow = new WorkflowModel();
    workflow.setWorkflowId(UUID.randomUUID().toString());
    return dao.create(workflow);
  }
}
"#,
    ),
    Case::new(
        "server/pay.ts",
        r#"
import express from 'express';
import { v4 as uuidv4 } from 'uuid';

export async function pay(o: Order) {
  await stripe.paymentIntents.create({ amount: o.total }, { idempotencyKey: uuidv4() });  // expect: IDM001
  const id = `fulfil-${Date.now()}`;
  await temporal.workflow.start(fulfil, { workflowId: id, taskQueue: 'orders' });  // expect: IDM001
  await fetch(url, { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() }, signal });  // expect: IDM001
}
"#,
    ),
    Case::new(
        "server/ok.ts",
        r#"
import express from 'express';

export async function pay(o: Order) {
  await stripe.paymentIntents.create({ amount: o.total }, { idempotencyKey: `order-${o.id}` });
  await temporal.workflow.start(fulfil, { workflowId: `fulfil-${o.id}`, taskQueue: 'orders' });
  const requestId = crypto.randomUUID();
  logger.info({ requestId });
}
"#,
    ),
    // A key stored with its record (a unique column's placeholder), or random
    // only when the caller gave none…
    Case::new(
        "server/waitpoints.ts",
        r#"
import express from 'express';
import { nanoid } from 'nanoid';

export async function createWaitpoint(prisma, environmentId: string, idempotencyKey?: string) {
  await prisma.waitpoint.update({ where: { id }, data: { idempotencyKey: nanoid(24), inactiveIdempotencyKey: old } });
  await prisma.waitpoint.upsert({
    where: { environmentId_idempotencyKey: { environmentId, idempotencyKey: idempotencyKey ?? nanoid(24) } },
    create: { type: 'DATETIME', idempotencyKey: idempotencyKey || nanoid(24), environmentId },
  });
  return { type: 'RUN', idempotencyKey: nanoid(24), userProvidedIdempotencyKey: false, environmentId };
}
"#,
    ),
    // Temporal's workflow API is deterministic: the same value on replay.
    Case::new(
        "app/workflows/durable.py",
        r#"
from temporalio import workflow
@workflow.defn
class Durable:
    @workflow.run
    async def run(self, args):
        child = build_input(workflow_id=workflow.uuid4(), run_id=workflow.uuid4())
        await workflow.execute_activity(run_tool, child, start_to_close_timeout=T)
        await workflow.start_child_workflow(Child.run, id=str(uuid.uuid4()))  # expect: IDM001
"#,
    ),
    Case::new(
        "app/pay.py",
        r#"
import uuid
def charge(order, key=None):
    stripe.PaymentIntent.create(amount=order.total, idempotency_key=key or str(uuid.uuid4()))
    stripe.Refund.create(charge=order.charge, idempotency_key=str(uuid.uuid4()) or key)  # expect: IDM001
"#,
    ),
    // …but not a request option built from a fresh value.
    Case::new(
        "server/charge.ts",
        r#"
import express from 'express';
import { nanoid } from 'nanoid';

export async function charge(o: Order) {
  await stripe.paymentIntents.create({ amount: o.total }, { idempotencyKey: nanoid() });  // expect: IDM001
  await queue.send({ body: o, data: { deduplicationId: o.id }, options: { idempotencyKey: nanoid() } });  // expect: IDM001
}
"#,
    ),
    Case::new(
        "src/pay.rs",
        r#"
async fn pay(client: &reqwest::Client, o: &Order) {
    let key = Uuid::new_v4().to_string();
    client.post(URL).header("Idempotency-Key", key).send().await;  // expect: IDM001
}
"#,
    ),
    Case::new(
        "src/ok.rs",
        r#"
async fn pay(client: &reqwest::Client, o: &Order) {
    client.post(URL).header("Idempotency-Key", format!("order-{}", o.id)).send().await;
}
"#,
    ),
    Case::new(
        "src/main/kotlin/app/Start.kt",
        r#"
package app

import org.springframework.stereotype.Service

class Start {
    fun start(o: Order) {
        val opts = WorkflowOptions.newBuilder().setWorkflowId(UUID.randomUUID().toString()).build()  // expect: IDM001
    }
}
"#,
    ),
    Case::new(
        "src/main/kotlin/app/Ok.kt",
        r#"
package app

import org.springframework.stereotype.Service

class Ok {
    fun start(o: Order) {
        val opts = WorkflowOptions.newBuilder().setWorkflowId("fulfil-${o.id}").build()
    }
}
"#,
    ),
    // A schema validating an ID the caller sent (`z.string().cuid()`) mints
    // nothing; the generator itself does.
    Case::new(
        "app/api/workflows/[workflowId]/route.ts",
        r#"
import { z } from 'zod';
import { createId } from '@paralleldrive/cuid2';
import cuid from 'cuid';

export async function POST(req: Request) {
  const params = z.object({ workflowId: z.string().cuid(), stepId: z.string().uuid() });
  const { workflowId } = params.parse(await req.json());
  await temporal.workflow.start(review, { workflowId: cuid(), taskQueue: 'docs' });  // expect: IDM001
  return Response.json({ workflowId });
}
"#,
    ),
    // A starter helper only a program's `main` calls, in another file, runs
    // once per run: nothing retries it.
    Case::new(
        "src/cluster/client.ts",
        r#"
import { Client } from '@temporalio/client';
import { nanoid } from 'nanoid';

export async function startClusterManager(client: Client) {
  return client.workflow.start(clusterManager, { taskQueue: 'q', workflowId: `cm-${nanoid()}` });
}
"#,
    )
    .with_file(
        "src/cluster/run-simulation.ts",
        "import { startClusterManager } from './client';\nasync function main() {\n  const wf = await startClusterManager(client);\n}\nmain().catch((err) => { console.error(err); process.exit(1); });\n",
    ),
    // A probe of the connection or its permissions sends a throwaway message:
    // a second one is harmless. A send named for the work itself is not one.
    Case::new(
        "providers/sqs_provider.py",
        r#"
import uuid


class SqsProvider:
    def validate_scopes(self):
        self._write(message="SCOPE_TEST_PLEASE_IGNORE", dedup_id=str(uuid.uuid4()))
        return {"sqs::write": True}

    def checkConnection(self):
        self.client.send_message(QueueUrl=self.url, MessageBody="ping", MessageDeduplicationId=str(uuid.uuid4()))

    def validate_and_send(self, alert):
        self.client.send_message(QueueUrl=self.url, MessageBody=alert, MessageDeduplicationId=str(uuid.uuid4()))  # expect: IDM001
"#,
    ),
    // A field of a Go value of the project's own type (a record its own
    // service stores and checks) is stored with it; a client library's request
    // input sends the key on.
    Case::new(
        "internal/billing/credit.go",
        r#"
package billing

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/google/uuid"

	"example.com/ledger/internal/wallet"
)

func (s *Service) ApplyCredit(ctx context.Context, invoiceID, walletID string) error {
	key := fmt.Sprintf("%s-%s-%d", invoiceID, walletID, time.Now().UnixNano())
	op := &wallet.Operation{WalletID: walletID, IdempotencyKey: key}
	entry := Entry{IdempotencyKey: uuid.New().String()}
	if err := s.wallets.Debit(ctx, op, entry); err != nil {
		return err
	}
	_, err := s.queue.SendMessage(ctx, &sqs.SendMessageInput{
		QueueUrl:               aws.String(s.url),
		MessageDeduplicationId: aws.String(uuid.New().String()), // expect: IDM001
	})
	return err
}
"#,
    )
    .with_file("go.mod", "module example.com/ledger\n\ngo 1.22\n")
    .with_file(
        "cmd/api/main.go",
        "package main\n\nfunc main() { svc := billing.New(); http.HandleFunc(\"/credit\", func(w http.ResponseWriter, r *http.Request) { svc.ApplyCredit(r.Context(), \"i\", \"w\") }) }\n",
    ),
    // A generic request function (its URL a parameter) marks every request it
    // sends for the transport's retries; a call for one operation mints the
    // key of that operation.
    Case::new(
        "server/network/http-client.ts",
        r#"
export const customFetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
  const headers = new Headers(init.headers);
  headers.set('X-Idempotency-Key', `${Date.now()}-${Math.random()}`);
  return fetch(url, { ...init, headers });
};

export async function payInvoice(invoiceId: string, amount: number): Promise<Response> {
  return fetch('https://payments.internal/api/payments', {
    method: 'POST',
    headers: { 'Idempotency-Key': crypto.randomUUID() },  // expect: IDM001
    body: JSON.stringify({ invoiceId, amount }),
  });
}
"#,
    ),
    Case::new(
        "clients/ledger_client.py",
        r#"
import uuid

import requests


def post(endpoint, payload):
    return requests.post(endpoint, json=payload, headers={"Idempotency-Key": str(uuid.uuid4())}, timeout=5)


def refund(charge_id, amount):
    return requests.post(
        "https://ledger.internal/refunds",
        json={"charge": charge_id, "amount": amount},
        headers={"Idempotency-Key": str(uuid.uuid4())},  # expect: IDM001
        timeout=5,
    )
"#,
    ),
    // A UI's form action is where the operation starts (a person's click):
    // nothing upstream retries it, and the key it mints is the one every
    // retry downstream carries.
    Case::new(
        "app/routes/peers.deposit.tsx",
        r#"
import { v4 } from 'uuid';
import { depositPeerLiquidity } from '~/lib/api/peer.server';
export async function action({ request }: { request: Request }) {
  const form = await request.formData();
  return depositPeerLiquidity({ peerId: String(form.get('id')), amount: BigInt(String(form.get('amount'))), idempotencyKey: v4() });
}
"#,
    )
    .with_file("package.json", r#"{"dependencies": {"@remix-run/react": "2", "@remix-run/node": "2", "react": "18"}}"#),
    // The same key minted by an API's handler, which its clients retry.
    Case::new(
        "src/routes/deposit.ts",
        r#"
import { v4 } from 'uuid';
import express from 'express';
import { depositPeerLiquidity } from '../ledger';
const app = express();
app.post('/deposit', async (req, res) => {
  res.json(await depositPeerLiquidity({ peerId: req.body.id, amount: req.body.amount, idempotencyKey: v4() }));  // expect: IDM001
});
"#,
    )
    .with_file("package.json", r#"{"dependencies": {"express": "4", "uuid": "9"}}"#),
    // A UI package's API route serves requests like any handler.
    Case::new(
        "features/billing/api/pause-route.ts",
        r#"
import { tasks } from '@trigger.dev/sdk/v3';
export async function handlePause(req: Request, teamId: string) {
  await tasks.trigger('send-pause-resume-notification', { teamId }, {
    idempotencyKey: `pause-resume-${teamId}-${new Date().getTime()}`,  // expect: IDM001
  });
  return new Response(null, { status: 204 });
}
"#,
    )
    .with_file("package.json", r#"{"dependencies": {"next": "14", "react": "18", "@trigger.dev/sdk": "3"}}"#),
    // In a whole repository, code nothing reaches mints no key: a client
    // method only a service method calls that only tests call. The one a
    // view reaches is reported.
    Case::new(
        "purchase/endaoment/client.py",
        r#"
import uuid

import requests


class EndaomentClient:
    def create_async_grant(self, body):
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        return requests.post("https://api.endaoment.org/v1/grants", json=body, headers=headers, timeout=10)

    def create_async_transfer(self, body):
        return requests.post(
            "https://api.endaoment.org/v1/transfers",
            json={**body, "idempotencyKey": str(uuid.uuid4())},  # expect: IDM001
            timeout=10,
        )
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n")
    .with_file(
        "purchase/endaoment/service.py",
        "from purchase.endaoment.client import EndaomentClient\n\n\nclass EndaomentService:\n    def create_grant(self, body):\n        return EndaomentClient().create_async_grant(body)\n\n    def contribute(self, body):\n        return EndaomentClient().create_async_transfer(body)\n",
    )
    .with_file(
        "purchase/views.py",
        "from rest_framework.decorators import api_view\n\nfrom purchase.endaoment.service import EndaomentService\n\n\n@api_view([\"POST\"])\ndef contribute(request):\n    return EndaomentService().contribute(request.data)\n",
    )
    .with_file(
        "tests/test_endaoment.py",
        "from purchase.endaoment.service import EndaomentService\n\n\ndef test_grant():\n    EndaomentService().create_grant({})\n",
    ),
    // A workflow ID joining the entity's identity with a fresh part names a
    // new run of that entity's workflow on purpose (a drop, a re-sync); one
    // with only a constant prefix and a fresh part identifies nothing.
    Case::new(
        "flow/cmd/handler.go",
        r#"
package cmd

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"go.temporal.io/sdk/client"
)

type FlowRequestHandler struct {
	temporalClient client.Client
	queue          string
}

func (h *FlowRequestHandler) DropFlow(ctx context.Context, flowJobName string) error {
	dropFlowWorkflowID := fmt.Sprintf("%s-dropflow-%s", flowJobName, uuid.New())
	_, err := h.temporalClient.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:        dropFlowWorkflowID,
		TaskQueue: h.queue,
	}, "DropFlowWorkflow", flowJobName)
	return err
}

func (h *FlowRequestHandler) Resync(ctx context.Context, flowJobName string) error {
	_, err := h.temporalClient.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:        fmt.Sprintf("resync-%s", uuid.New()),  // expect: IDM001
		TaskQueue: h.queue,
	}, "ResyncWorkflow", flowJobName)
	return err
}
"#,
    ),
    Case::new(
        "registry/sync/service.py",
        r#"
from datetime import UTC, datetime

from fastapi import APIRouter

router = APIRouter()


@router.post("/repos/{repo_id}/sync")
async def sync_repository(repo_id: str, client):
    workflow_id = f"registry-sync-{repo_id}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S')}"
    await client.execute_workflow("RegistrySyncWorkflow", repo_id, id=workflow_id, task_queue="q")


@router.post("/backfill")
async def backfill(client):
    workflow_id = f"{BACKFILL_PREFIX}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S')}"
    await client.start_workflow("BackfillWorkflow", id=workflow_id, task_queue="q")  # expect: IDM001
"#,
    ),
];
