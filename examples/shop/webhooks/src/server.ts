import express from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const app = express();
app.use(express.json());

// Stripe retries a webhook until it sees a 2xx: every retry inserts the payment again.
app.post('/webhooks/stripe', async (req, res) => {
  await prisma.payment.create({ data: { stripeId: req.body.id, amount: req.body.data.object.amount } });
  res.sendStatus(200);
});

// The idempotent twin: an upsert on the provider's event ID.
app.post('/webhooks/paypal', async (req, res) => {
  await prisma.payment.upsert({
    where: { paypalId: req.body.id },
    create: { paypalId: req.body.id, amount: req.body.amount },
    update: {},
  });
  res.sendStatus(200);
});

const server = app.listen(8090);
process.on('SIGTERM', () => server.close());
