import express from 'express';
import { sendReceipt, notifyWarehouse, warmTemplates } from './mailer';

const app = express();

// Receipts sent per order, kept only in this process.
const sentReceipts = new Map<string, number>();
app.use(express.json());

app.get('/healthz', (_req, res) => res.json({ ok: true }));

app.post('/templates/reload', async (_req, res) => {
  // Nobody sees this fail: the promise is discarded.
  void warmTemplates();
  res.status(202).end();
});

app.post('/receipts', async (req, res) => {
  try {
    await sendReceipt(req.body.email, req.body.orderId);
    sentReceipts.set(req.body.orderId, Date.now());
    res.status(202).json({ queued: true });
  } catch (err) {
    console.error('receipt failed', err);
    res.status(502).json({ error: 'receipt failed' });
  }
});

app.post('/shipments', async (req, res) => {
  notifyWarehouse(req.body.orderId).catch(() => {});
  res.status(202).end();
});

const server = app.listen(8080);

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
