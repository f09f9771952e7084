//! IDM001 pass and fail cases, per language.

use crate::rules::Case;

pub(super) const CASES: &[Case] = &[
    // A one-shot starter (a program's `main`, a helper only `main` calls, a
    // script's module-level code) runs once: no caller retries it.
    Case::pass(
        "starter/main.go",
        "package main\n\nimport (\n\t\"github.com/google/uuid\"\n\t\"go.temporal.io/sdk/client\"\n)\n\nfunc main() {\n\tc, _ := client.Dial(client.Options{})\n\trun(c)\n}\n\nfunc run(c client.Client) {\n\topts := client.StartWorkflowOptions{ID: \"order_\" + uuid.New().String(), TaskQueue: \"orders\"}\n\tc.ExecuteWorkflow(ctx, opts, Order)\n}\n",
    ),
    Case::fail(
        "api/main.go",
        "package main\n\nimport (\n\t\"net/http\"\n\t\"github.com/google/uuid\"\n\t\"go.temporal.io/sdk/client\"\n)\n\nfunc main() {\n\thttp.HandleFunc(\"/orders\", start)\n\trun(nil)\n}\n\nfunc start(w http.ResponseWriter, r *http.Request) {\n\trun(r)\n}\n\nfunc run(r *http.Request) {\n\topts := client.StartWorkflowOptions{ID: uuid.New().String(), TaskQueue: \"orders\"}\n\tc.ExecuteWorkflow(ctx, opts, Order)\n}\n",
        &[19],
    ),
    Case::pass(
        "scripts/start.py",
        "import asyncio, uuid\nfrom temporalio.client import Client\n\nasync def main():\n    client = await Client.connect('localhost:7233')\n    await client.execute_workflow(Order.run, id=str(uuid.uuid4()), task_queue='orders')\n\nif __name__ == '__main__':\n    results = asyncio.run(main())\n",
    ),
    Case::fail(
        "app/start.py",
        "import uuid\nfrom temporalio.client import Client\n\nasync def start_order(client):\n    await client.execute_workflow(Order.run, id=str(uuid.uuid4()), task_queue='orders')\n",
        &[5],
    ),
    Case::pass(
        "src/client.ts",
        "import { Client } from '@temporalio/client';\n\nconst client = new Client();\nawait client.workflow.execute(order, { taskQueue: 'orders', workflowId: `order-${Date.now()}` });\n\nasync function run() {\n  await client.workflow.start(order, { taskQueue: 'orders', workflowId: `order-${Date.now()}` });\n}\nrun().catch(console.error);\n",
    ),
    Case::fail(
        "app/payments.py",
        "import uuid, time\nimport requests, stripe\n\ndef charge(order):\n    stripe.PaymentIntent.create(amount=order.total, idempotency_key=str(uuid.uuid4()))\n    key = f\"charge-{time.time()}\"\n    requests.post(URL, json=order.payload(), headers={\"Idempotency-Key\": key}, timeout=5)\n\nasync def start(client, order):\n    await client.start_workflow(Fulfil.run, order.id, id=f\"fulfil-{uuid.uuid4()}\", task_queue=\"orders\")\n    sqs.send_message(QueueUrl=Q, MessageBody=b, MessageDeduplicationId=str(uuid.uuid4()))\n",
        &[5, 7, 10, 11],
    ),
    Case::pass(
        "app/ok.py",
        "import uuid\n\ndef charge(order, request_id):\n    stripe.PaymentIntent.create(amount=order.total, idempotency_key=f\"order-{order.id}-charge\")\n    requests.post(URL, headers={\"Idempotency-Key\": request_id}, timeout=5)\n    trace_id = uuid.uuid4()\n    log.info('charged', extra={'trace': trace_id})\n\nasync def start(client, order):\n    await client.start_workflow(Fulfil.run, order.id, id=f\"fulfil-{order.id}\", task_queue=\"orders\")\n",
    ),
    Case::fail(
        "svc/start.go",
        "package svc\n\nimport (\n\t\"github.com/google/uuid\"\n\t\"go.temporal.io/sdk/client\"\n)\n\nfunc Start(c client.Client, req *http.Request) {\n\topts := client.StartWorkflowOptions{ID: uuid.New().String(), TaskQueue: \"orders\"}\n\tkey := uuid.NewString()\n\treq.Header.Set(\"Idempotency-Key\", key)\n}\n",
        &[9, 11],
    ),
    Case::pass(
        "svc/ok.go",
        "package svc\n\nfunc Start(c client.Client, req *http.Request, o Order) {\n\topts := client.StartWorkflowOptions{ID: \"fulfil-\" + o.ID, TaskQueue: \"orders\"}\n\treq.Header.Set(\"Idempotency-Key\", o.ID)\n\treq.Header.Set(\"X-Request-Start\", time.Now().String())\n}\n",
    ),
    Case::fail(
        "src/main/java/app/Start.java",
        "package app;\n\nclass Start {\n  void start(Order o) {\n    WorkflowOptions opts = WorkflowOptions.newBuilder().setWorkflowId(UUID.randomUUID().toString()).setTaskQueue(\"orders\").build();\n    var req = HttpRequest.newBuilder(uri).header(\"Idempotency-Key\", String.valueOf(System.currentTimeMillis())).build();\n  }\n}\n",
        &[5, 6],
    ),
    Case::pass(
        "src/main/java/app/Ok.java",
        "package app;\n\nclass Ok {\n  void start(Order o) {\n    WorkflowOptions opts = WorkflowOptions.newBuilder().setWorkflowId(\"fulfil-\" + o.id()).build();\n    var req = HttpRequest.newBuilder(uri).header(\"X-Trace\", UUID.randomUUID().toString()).build();\n  }\n}\n",
    ),
    Case::fail(
        "server/pay.ts",
        "import express from 'express';\nimport { v4 as uuidv4 } from 'uuid';\n\nexport async function pay(o: Order) {\n  await stripe.paymentIntents.create({ amount: o.total }, { idempotencyKey: uuidv4() });\n  const id = `fulfil-${Date.now()}`;\n  await temporal.workflow.start(fulfil, { workflowId: id, taskQueue: 'orders' });\n  await fetch(url, { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() }, signal });\n}\n",
        &[5, 7, 8],
    ),
    Case::pass(
        "server/ok.ts",
        "import express from 'express';\n\nexport async function pay(o: Order) {\n  await stripe.paymentIntents.create({ amount: o.total }, { idempotencyKey: `order-${o.id}` });\n  await temporal.workflow.start(fulfil, { workflowId: `fulfil-${o.id}`, taskQueue: 'orders' });\n  const requestId = crypto.randomUUID();\n  logger.info({ requestId });\n}\n",
    ),
    Case::fail(
        "src/pay.rs",
        "async fn pay(client: &reqwest::Client, o: &Order) {\n    let key = Uuid::new_v4().to_string();\n    client.post(URL).header(\"Idempotency-Key\", key).send().await;\n}\n",
        &[3],
    ),
    Case::pass(
        "src/ok.rs",
        "async fn pay(client: &reqwest::Client, o: &Order) {\n    client.post(URL).header(\"Idempotency-Key\", format!(\"order-{}\", o.id)).send().await;\n}\n",
    ),
    Case::fail(
        "src/main/kotlin/app/Start.kt",
        "package app\n\nimport org.springframework.stereotype.Service\n\nclass Start {\n    fun start(o: Order) {\n        val opts = WorkflowOptions.newBuilder().setWorkflowId(UUID.randomUUID().toString()).build()\n    }\n}\n",
        &[7],
    ),
    Case::pass(
        "src/main/kotlin/app/Ok.kt",
        "package app\n\nimport org.springframework.stereotype.Service\n\nclass Ok {\n    fun start(o: Order) {\n        val opts = WorkflowOptions.newBuilder().setWorkflowId(\"fulfil-${o.id}\").build()\n    }\n}\n",
    ),
];
