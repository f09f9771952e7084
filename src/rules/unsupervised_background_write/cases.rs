//! DUR001 pass and fail cases, per language.

use crate::rules::Case;

pub(super) const CASES: &[Case] = &[
    // A handle kept and awaited later is supervised by the function that made it.
    Case::new(
        "app/import.py",
        r#"
import asyncio

async def save_rows(rows):
    async with Session() as session:
        session.add_all(rows)
        await session.commit()

async def run(rows, handle):
    saving = asyncio.create_task(save_rows(rows))
    result = await handle.result()
    await asyncio.wait_for(saving, timeout=10.0)
    return result
"#,
    ),
    Case::new(
        "app/orders.py",
        r#"
import asyncio, threading
from fastapi import BackgroundTasks, FastAPI

app = FastAPI()

async def save_order(order):
    async with Session() as session:
        session.add(Order(**order))
        await session.commit()

def write_audit(event):
    AuditLog.objects.create(event=event)

@app.post('/orders')
async def create(order: dict, background_tasks: BackgroundTasks):
    asyncio.create_task(save_order(order))  # expect: DUR001
    task = asyncio.ensure_future(save_order(order))  # expect: DUR001
    threading.Thread(target=write_audit, args=(order,)).start()  # expect: DUR001
    background_tasks.add_task(write_audit, order)  # expect: DUR001
    return {'ok': True}
"#,
    ),
    Case::new(
        "app/ok.py",
        r#"
import asyncio

async def warm_cache(user_id):
    await cache_client.get(f'recs:{user_id}')

async def save_order(order):
    session.add(order)
    await session.commit()

async def create(order):
    await save_order(order)
    asyncio.create_task(warm_cache(order['user']))
    async with asyncio.TaskGroup() as tg:
        tg.create_task(save_order(order))
    settings.update({'a': 1})
"#,
    ),
    Case::new(
        "svc/orders.go",
        r#"
package svc

import "net/http"

func saveOrder(o Order) {
	db.Exec("INSERT INTO orders VALUES ($1)", o.ID)
}

func Create(w http.ResponseWriter, r *http.Request) {
	go saveOrder(parse(r))  // expect: DUR001
	go func() {  // expect: DUR001
		db.Exec("UPDATE stats SET n = n + 1")
	}()
	w.WriteHeader(http.StatusAccepted)
}
"#,
    ),
    Case::new(
        "svc/ok.go",
        r#"
package svc

import "net/http"

func Create(w http.ResponseWriter, r *http.Request) {
	go metrics.Inc("orders")
	saveOrder(parse(r))
}

func worker() {
	go func() { db.Exec("DELETE FROM sessions WHERE expired") }()
}
"#,
    ),
    Case::new(
        "src/main/java/app/Orders.java",
        r#"
package app;

import java.util.concurrent.CompletableFuture;
import org.springframework.scheduling.annotation.Async;

class Orders {
  void create(Order o) {
    CompletableFuture.runAsync(() -> repository.save(o));  // expect: DUR001
  }

  @Async  // expect: DUR001
  public void audit(Event e) {
    auditRepository.save(e);
  }
}
"#,
    ),
    Case::new(
        "src/main/java/app/Ok.java",
        r#"
package app;

import java.util.concurrent.CompletableFuture;

class Ok {
  void create(Order o) {
    repository.save(o);
    CompletableFuture.runAsync(() -> metrics.increment("orders")).exceptionally(e -> null);
  }
}
"#,
    ),
    Case::new(
        "server/orders.ts",
        r#"
import express from 'express';

async function saveOrder(o: Order) {
  await prisma.order.create({ data: o });
}

export async function create(o: Order) {
  void saveOrder(o);  // expect: DUR001
  setImmediate(() => orderRepository.save(o));  // expect: DUR001
  prisma.audit.create({ data: { event: 'order' } });  // expect: DUR001
  return { ok: true };
}
"#,
    ),
    Case::new(
        "server/ok.ts",
        r#"
import express from 'express';

export async function create(o: Order) {
  await prisma.order.create({ data: o });
  const seen = new Map();
  seen.delete(o.id);
  setTimeout(() => logger.info('done'), 10);
  return { ok: true };
}

// A chat bot's message is a courtesy note, not a queue publish.
export async function connect(chatId: string) {
  telegramBot.sendMessage(chatId, 'Connection successful');
  return { ok: true };
}
"#,
    ),
    Case::new(
        "server/notify.ts",
        r#"
import express from 'express';

export async function enqueue(o: Order) {
  sqs.sendMessage({ QueueUrl: ORDERS, MessageBody: JSON.stringify(o) });  // expect: DUR001
  return { ok: true };
}
"#,
    ),
    Case::new(
        "src/orders.rs",
        r#"
async fn create(o: Order) {
    tokio::spawn(async move {  // expect: DUR001
        sqlx::query("INSERT INTO orders VALUES ($1)").bind(o.id).execute(&pool).await
    });
}
"#,
    ),
    Case::new(
        "src/ok.rs",
        r#"
async fn create(o: Order) {
    let handle = tokio::spawn(async move { metrics::increment_counter!("orders") });
    handle.await.unwrap();
}
"#,
    ),
    Case::new(
        "src/main/kotlin/app/Orders.kt",
        r#"
package app

import org.springframework.stereotype.Service

class Orders {
    fun create(o: Order) {
        GlobalScope.launch { orderRepository.save(o) }  // expect: DUR001
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
    suspend fun create(o: Order) {
        orderRepository.save(o)
    }
}
"#,
    ),
];
