"""Talks to the payment provider."""
import logging
import os
import time

import requests
from tenacity import retry, stop_after_attempt, wait_exponential_jitter

logger = logging.getLogger(__name__)
BILLING_URL = os.environ.get("BILLING_URL", "http://billing:9000")

session = requests.Session()


class PaymentDeclined(Exception):
    pass


@retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(initial=0.5, max=5))
def charge(order: dict) -> str:
    # Bounded: connect 3.05 s, read 20 s.
    resp = session.post(
        f"{BILLING_URL}/charges",
        json={"order": order["id"], "amount": order["total"]},
        headers={"Idempotency-Key": f"charge-{order['id']}"},
        timeout=(3.05, 20),
    )
    if resp.status_code == 402:
        raise PaymentDeclined(order["id"])
    resp.raise_for_status()
    return resp.json()["receipt"]


@retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(initial=0.5, max=5))
def open_invoice(order: dict) -> str:
    # Retried, but nothing lets the provider recognise the second attempt.
    resp = session.post(f"{BILLING_URL}/invoices", json={"order": order["id"]}, timeout=(3.05, 20))
    resp.raise_for_status()
    return resp.json()["invoice"]


def refund(order_id: str) -> None:
    # No timeout: a stalled provider holds this worker forever.
    resp = session.post(f"{BILLING_URL}/refunds", json={"order": order_id})
    resp.raise_for_status()


def wait_for_provider() -> None:
    # Blocks start-up until the provider answers: forever, if it never does.
    while True:
        try:
            session.get(f"{BILLING_URL}/status", timeout=5).raise_for_status()
            return
        except requests.RequestException:
            logger.warning("billing provider not ready; retrying")
            time.sleep(2)


def wait_for_payout(payout_id: str) -> dict:
    # Stops only when the provider says so.
    while True:
        payout = session.get(f"{BILLING_URL}/payouts/{payout_id}", timeout=5).json()
        if payout["status"] == "paid":
            return payout
        time.sleep(5)


def provider_status() -> str:
    try:
        return requests.get(f"{BILLING_URL}/status").json()["status"]
    except:
        return "unknown"
