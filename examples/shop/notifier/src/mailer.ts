import axios from 'axios';

const RELAY = process.env.SMTP_RELAY_URL ?? 'http://relay:8025';

// One instance for the mail relay, bounded at 5 s.
const relay = axios.create({ baseURL: RELAY, timeout: 5_000 });

export async function sendReceipt(email: string, orderId: string): Promise<void> {
  // A new key per attempt: the relay cannot tell a retry from a second receipt.
  await relay.post(
    '/messages',
    { to: email, template: 'receipt', orderId },
    { headers: { 'Idempotency-Key': crypto.randomUUID() } },
  );
}

export async function notifyWarehouse(orderId: string): Promise<void> {
  // Node's fetch gives up only after 300 s without headers.
  const res = await fetch(`http://warehouse:7000/shipments/${orderId}`, { method: 'POST' });
  if (!res.ok) {
    throw new Error(`warehouse answered ${res.status}`);
  }
}

export async function warmTemplates(): Promise<void> {
  await relay.post('/templates/warm');
}

export async function warehouseStatus(): Promise<string> {
  const res = await fetch('http://warehouse:7000/status', { signal: AbortSignal.timeout(2_000) });
  return res.text();
}

export async function unsubscribe(email: string): Promise<void> {
  try {
    await axios.post(`${RELAY}/unsubscribe`, { email });
  } catch {
    // best effort
  }
}
