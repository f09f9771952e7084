//! DUR001 pass and fail cases, per language.

use crate::rules::Case;

pub(super) const CASES: &[Case] = &[
    Case::fail(
        "app/orders.py",
        "import asyncio, threading\nfrom fastapi import BackgroundTasks, FastAPI\n\napp = FastAPI()\n\nasync def save_order(order):\n    async with Session() as session:\n        session.add(Order(**order))\n        await session.commit()\n\ndef write_audit(event):\n    AuditLog.objects.create(event=event)\n\n@app.post('/orders')\nasync def create(order: dict, background_tasks: BackgroundTasks):\n    asyncio.create_task(save_order(order))\n    task = asyncio.ensure_future(save_order(order))\n    threading.Thread(target=write_audit, args=(order,)).start()\n    background_tasks.add_task(write_audit, order)\n    return {'ok': True}\n",
        &[16, 17, 18, 19],
    ),
    Case::pass(
        "app/ok.py",
        "import asyncio\n\nasync def warm_cache(user_id):\n    await cache_client.get(f'recs:{user_id}')\n\nasync def save_order(order):\n    session.add(order)\n    await session.commit()\n\nasync def create(order):\n    await save_order(order)\n    asyncio.create_task(warm_cache(order['user']))\n    async with asyncio.TaskGroup() as tg:\n        tg.create_task(save_order(order))\n    settings.update({'a': 1})\n",
    ),
    Case::fail(
        "svc/orders.go",
        "package svc\n\nimport \"net/http\"\n\nfunc saveOrder(o Order) {\n\tdb.Exec(\"INSERT INTO orders VALUES ($1)\", o.ID)\n}\n\nfunc Create(w http.ResponseWriter, r *http.Request) {\n\tgo saveOrder(parse(r))\n\tgo func() {\n\t\tdb.Exec(\"UPDATE stats SET n = n + 1\")\n\t}()\n\tw.WriteHeader(http.StatusAccepted)\n}\n",
        &[10, 11],
    ),
    Case::pass(
        "svc/ok.go",
        "package svc\n\nimport \"net/http\"\n\nfunc Create(w http.ResponseWriter, r *http.Request) {\n\tgo metrics.Inc(\"orders\")\n\tsaveOrder(parse(r))\n}\n\nfunc worker() {\n\tgo func() { db.Exec(\"DELETE FROM sessions WHERE expired\") }()\n}\n",
    ),
    Case::fail(
        "src/main/java/app/Orders.java",
        "package app;\n\nimport java.util.concurrent.CompletableFuture;\nimport org.springframework.scheduling.annotation.Async;\n\nclass Orders {\n  void create(Order o) {\n    CompletableFuture.runAsync(() -> repository.save(o));\n  }\n\n  @Async\n  public void audit(Event e) {\n    auditRepository.save(e);\n  }\n}\n",
        &[8, 11],
    ),
    Case::pass(
        "src/main/java/app/Ok.java",
        "package app;\n\nimport java.util.concurrent.CompletableFuture;\n\nclass Ok {\n  void create(Order o) {\n    repository.save(o);\n    CompletableFuture.runAsync(() -> metrics.increment(\"orders\")).exceptionally(e -> null);\n  }\n}\n",
    ),
    Case::fail(
        "server/orders.ts",
        "import express from 'express';\n\nasync function saveOrder(o: Order) {\n  await prisma.order.create({ data: o });\n}\n\nexport async function create(o: Order) {\n  void saveOrder(o);\n  setImmediate(() => orderRepository.save(o));\n  prisma.audit.create({ data: { event: 'order' } });\n  return { ok: true };\n}\n",
        &[8, 9, 10],
    ),
    Case::pass(
        "server/ok.ts",
        "import express from 'express';\n\nexport async function create(o: Order) {\n  await prisma.order.create({ data: o });\n  const seen = new Map();\n  seen.delete(o.id);\n  setTimeout(() => logger.info('done'), 10);\n  return { ok: true };\n}\n",
    ),
    Case::fail(
        "src/orders.rs",
        "async fn create(o: Order) {\n    tokio::spawn(async move {\n        sqlx::query(\"INSERT INTO orders VALUES ($1)\").bind(o.id).execute(&pool).await\n    });\n}\n",
        &[2],
    ),
    Case::pass(
        "src/ok.rs",
        "async fn create(o: Order) {\n    let handle = tokio::spawn(async move { metrics::increment_counter!(\"orders\") });\n    handle.await.unwrap();\n}\n",
    ),
    Case::fail(
        "src/main/kotlin/app/Orders.kt",
        "package app\n\nimport org.springframework.stereotype.Service\n\nclass Orders {\n    fun create(o: Order) {\n        GlobalScope.launch { orderRepository.save(o) }\n    }\n}\n",
        &[7],
    ),
    Case::pass(
        "src/main/kotlin/app/Ok.kt",
        "package app\n\nimport org.springframework.stereotype.Service\n\nclass Ok {\n    suspend fun create(o: Order) {\n        orderRepository.save(o)\n    }\n}\n",
    ),
];
