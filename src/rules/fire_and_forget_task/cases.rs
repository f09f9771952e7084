//! RES004 pass and fail cases, per language.

use crate::rules::Case;

pub(super) const CASES: &[Case] = &[
    Case::new(
        "app/recs.py",
        r#"
import asyncio

async def warm(user_id):
    await recommender.warm(user_id)

async def checkout(order):
    asyncio.create_task(warm(order.user_id))  # expect: RES004
    asyncio.ensure_future(warm(order.user_id))  # expect: RES004
    asyncio.get_event_loop().create_task(warm(order.user_id))  # expect: RES004
    return await place(order)
"#,
    ),
    Case::new(
        "app/ok.py",
        r#"
import asyncio

async def checkout(order):
    task = asyncio.create_task(warm(order.user_id))
    await task
    async with asyncio.TaskGroup() as tg:
        tg.create_task(warm(order.user_id))
"#,
    ),
    Case::new(
        "src/main/java/app/Recs.java",
        r#"
package app;

import java.util.concurrent.CompletableFuture;

class Recs {
  void checkout(Order o) {
    CompletableFuture.runAsync(() -> recommender.warm(o.userId()));  // expect: RES004
    executor.submit(() -> recommender.warm(o.userId()));  // expect: RES004
  }
}
"#,
    ),
    // The work only waits and calls functions of this file that catch and log
    // their own failures; a call to one that does not still leaves it silent.
    Case::new(
        "app/backup.py",
        r#"
import asyncio

class Client:
    async def backup_store(self):
        try:
            await self.store.backup()
        except Exception:
            logger.exception("backup failed")

    async def periodically_backup_store(self):
        while True:
            await asyncio.sleep(60)
            await self.backup_store()

    async def periodically_sync(self):
        while True:
            await asyncio.sleep(60)
            await self.backup_store()
            await self.sync()

    async def start(self):
        asyncio.create_task(self.periodically_backup_store())
        asyncio.create_task(self.periodically_sync())  # expect: RES004
"#,
    ),
    Case::new(
        "src/main/java/app/Aggregator.java",
        r#"
package app;

class Aggregator implements Runnable {
  void start() {
    executor.submit(this);
    pool.submit(() -> sendToSubscriber(id, emitter));
    pool.submit(() -> sendRaw(id, emitter));  // expect: RES004
  }

  public void run() {
    while (running) {
      try { aggregate(queue.take()); } catch (Exception e) { log.error("aggregation failed", e); }
    }
  }

  void sendToSubscriber(long id, Emitter emitter) {
    try { emitter.send(id); } catch (Exception e) { log.warn("send failed", e); }
  }

  void sendRaw(long id, Emitter emitter) {
    emitter.send(id);
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
  void checkout(Order o) {
    CompletableFuture.runAsync(() -> recommender.warm(o.userId())).exceptionally(e -> { log.error("warm failed", e); return null; });
    var f = executor.submit(() -> recommender.warm(o.userId()));
    CompletableFuture.runAsync(() -> {
      try { recommender.warm(o.userId()); } catch (Exception e) { log.warn("warm failed", e); }
    });
    executor.submit(() -> {
      while (true) {
        try { front.call(o.userId()); } catch (Exception e) { e.printStackTrace(); }
      }
    });
  }
}
"#,
    ),
    Case::new(
        "src/main/kotlin/app/Recs.kt",
        r#"
package app

import org.springframework.stereotype.Service

class Recs {
    fun checkout(o: Order) {
        GlobalScope.launch { recommender.warm(o.userId) }  // expect: RES004
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
    suspend fun checkout(o: Order) = coroutineScope {
        launch { recommender.warm(o.userId) }
    }
}
"#,
    ),
    // A dropped tokio handle is the idiom for drivers, forwarders and sweepers
    // whose results travel by channel: not flagged.
    Case::new(
        "src/recs.rs",
        r#"
async fn serve(listener: TcpListener) {
    loop {
        let (stream, _) = listener.accept().await.unwrap();
        tokio::spawn(async move { handle(stream).await });
    }
}
"#,
    ),
    Case::new(
        "src/ok.rs",
        r#"
async fn checkout(o: Order) {
    let handle = tokio::spawn(async move { recommender.warm(o.user_id).await });
    handle.await.ok();
}
"#,
    ),
    // `void` marks a promise whose callee handles its own rejection; one that
    // writes is DUR001's.
    Case::new(
        "server/recs.ts",
        r#"
import express from 'express';

export async function checkout(o: Order) {
  void recommender.warm(o.userId);
  return place(o);
}
"#,
    ),
    // `execute` hands an exception to the thread's uncaught-exception handler;
    // `submit` keeps it in a future nobody reads.
    Case::new(
        "src/main/java/app/Notify.java",
        r#"
package app;

class Notify {
  void publish(Release r) {
    executorService.execute(() -> admin.notify(r));
    executorService.submit(() -> admin.notify(r));  // expect: RES004
  }
}
"#,
    ),
    Case::new(
        "server/ok.ts",
        r#"
import express from 'express';

export async function checkout(o: Order) {
  await recommender.warm(o.userId);
  recommender.warm(o.userId).catch((err) => logger.warn({ err }, 'warm failed'));
  return place(o);
}
"#,
    ),
];
