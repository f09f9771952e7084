import React, { useState } from 'react';
import { payOrder, trackCheckout } from '../api';

export function Checkout({ orderId }: { orderId: string }) {
  const [receipt, setReceipt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onPay() {
    try {
      trackCheckout(orderId);
    } catch {}
    try {
      setReceipt(await payOrder(orderId));
    } catch (e) {
      setError('Payment failed. Please try again.');
    }
  }

  if (error) return <p role="alert">{error}</p>;
  if (receipt) return <p>Paid. Receipt {receipt}</p>;
  return <button onClick={onPay}>Pay</button>;
}
