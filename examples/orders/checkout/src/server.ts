import express from "express";
import amqp from "amqplib";
import { Pool } from "pg";

const db = new Pool({ connectionString: process.env.DATABASE_URL });
const app = express();
app.use(express.json());

let channel: amqp.Channel;

// The order is saved, then its payment message is sent on its own: a crash or a
// broker error in between leaves an order nobody charges.
app.post("/orders", async (req, res) => {
  const { rows } = await db.query(
    "INSERT INTO orders (customer_id, total_cents) VALUES ($1, $2) RETURNING id",
    [req.body.customerId, req.body.totalCents],
  );
  channel.sendToQueue(
    "payments",
    Buffer.from(JSON.stringify({ orderId: rows[0].id, placedAt: Date.now() / 1000 })),
  );
  res.status(201).json({ id: rows[0].id });
});

// The order and its message are one transaction: the relay below publishes
// what the outbox holds, so a message exists exactly when the order does.
app.post("/v2/orders", async (req, res) => {
  const tx = await db.connect();
  try {
    await tx.query("BEGIN");
    const { rows } = await tx.query(
      "INSERT INTO orders (customer_id, total_cents) VALUES ($1, $2) RETURNING id",
      [req.body.customerId, req.body.totalCents],
    );
    await tx.query(
      "INSERT INTO outbox (topic, payload) VALUES ('payments', $1)",
      [JSON.stringify({ orderId: rows[0].id })],
    );
    await tx.query("COMMIT");
    res.status(201).json({ id: rows[0].id });
  } catch (err) {
    await tx.query("ROLLBACK");
    throw err;
  } finally {
    tx.release();
  }
});

async function main() {
  const conn = await amqp.connect(process.env.AMQP_URL ?? "amqp://localhost");
  channel = await conn.createChannel();
  await channel.assertQueue("payments", { durable: true });
  app.listen(Number(process.env.PORT ?? 8080));
}

main();
