//! RES004 pass and fail cases, per language.

use crate::rules::Case;

pub(super) const CASES: &[Case] = &[
    Case::fail(
        "app/recs.py",
        "import asyncio\n\nasync def warm(user_id):\n    await recommender.warm(user_id)\n\nasync def checkout(order):\n    asyncio.create_task(warm(order.user_id))\n    asyncio.ensure_future(warm(order.user_id))\n    asyncio.get_event_loop().create_task(warm(order.user_id))\n    return await place(order)\n",
        &[7, 8, 9],
    ),
    Case::pass(
        "app/ok.py",
        "import asyncio\n\nasync def checkout(order):\n    task = asyncio.create_task(warm(order.user_id))\n    await task\n    async with asyncio.TaskGroup() as tg:\n        tg.create_task(warm(order.user_id))\n",
    ),
    Case::fail(
        "src/main/java/app/Recs.java",
        "package app;\n\nimport java.util.concurrent.CompletableFuture;\n\nclass Recs {\n  void checkout(Order o) {\n    CompletableFuture.runAsync(() -> recommender.warm(o.userId()));\n    executor.submit(() -> recommender.warm(o.userId()));\n  }\n}\n",
        &[7, 8],
    ),
    Case::pass(
        "src/main/java/app/Ok.java",
        "package app;\n\nimport java.util.concurrent.CompletableFuture;\n\nclass Ok {\n  void checkout(Order o) {\n    CompletableFuture.runAsync(() -> recommender.warm(o.userId())).exceptionally(e -> { log.error(\"warm failed\", e); return null; });\n    var f = executor.submit(() -> recommender.warm(o.userId()));\n    CompletableFuture.runAsync(() -> {\n      try { recommender.warm(o.userId()); } catch (Exception e) { log.warn(\"warm failed\", e); }\n    });\n  }\n}\n",
    ),
    Case::fail(
        "src/main/kotlin/app/Recs.kt",
        "package app\n\nimport org.springframework.stereotype.Service\n\nclass Recs {\n    fun checkout(o: Order) {\n        GlobalScope.launch { recommender.warm(o.userId) }\n    }\n}\n",
        &[7],
    ),
    Case::pass(
        "src/main/kotlin/app/Ok.kt",
        "package app\n\nimport org.springframework.stereotype.Service\n\nclass Ok {\n    suspend fun checkout(o: Order) = coroutineScope {\n        launch { recommender.warm(o.userId) }\n    }\n}\n",
    ),
    Case::fail(
        "src/recs.rs",
        "async fn checkout(o: Order) {\n    tokio::spawn(async move { recommender.warm(o.user_id).await });\n    let _ = tokio::spawn(warm(o.user_id));\n}\n",
        &[2, 3],
    ),
    Case::pass(
        "src/ok.rs",
        "async fn checkout(o: Order) {\n    let handle = tokio::spawn(async move { recommender.warm(o.user_id).await });\n    handle.await.ok();\n}\n",
    ),
    Case::fail(
        "server/recs.ts",
        "import express from 'express';\n\nexport async function checkout(o: Order) {\n  void recommender.warm(o.userId);\n  return place(o);\n}\n",
        &[4],
    ),
    Case::pass(
        "server/ok.ts",
        "import express from 'express';\n\nexport async function checkout(o: Order) {\n  await recommender.warm(o.userId);\n  recommender.warm(o.userId).catch((err) => logger.warn({ err }, 'warm failed'));\n  return place(o);\n}\n",
    ),
];
