"""Checkout API: orders, payments and product recommendations."""
import logging
import os

from fastapi import BackgroundTasks, FastAPI, HTTPException

from . import analytics, billing, recommendations
from .cache import cache
from .db import OrderEvent, Session

logger = logging.getLogger(__name__)
app = FastAPI(title="shop-api")


@app.get("/healthz")
def healthz():
    return {"ok": True}


@app.post("/orders/{order_id}/pay")
def pay(order_id: str):
    order = load_order(order_id)
    try:
        receipt = billing.charge(order)
    except billing.PaymentDeclined as exc:
        raise HTTPException(status_code=402, detail="payment declined") from exc
    try:
        cache.delete(f"order:{order_id}")
    except Exception:  # faultline: ignore[RES003] the entry expires on its own; a stale read is acceptable
        pass
    # If the analytics vendor is down, the customer is charged but gets a 500.
    analytics.track("order_paid", order_id)
    return {"receipt": receipt}


@app.get("/orders/{order_id}/recommendations")
def recommend(order_id: str):
    order = load_order(order_id)
    try:
        return recommendations.for_order(order)
    except Exception:
        logger.exception("recommendations failed for %s", order_id)
        return []


@app.post("/orders/{order_id}/events")
def record_event(order_id: str, event: dict, background_tasks: BackgroundTasks):
    # Runs after the response, in this process: lost if the worker restarts first.
    background_tasks.add_task(save_event, order_id, event)
    return {"accepted": True}


def save_event(order_id: str, event: dict) -> None:
    with Session() as session:
        session.add(OrderEvent(order_id=order_id, **event))
        session.commit()


def load_order(order_id: str) -> dict:
    raw = cache.get(f"order:{order_id}")
    if raw is None:
        raise HTTPException(status_code=404, detail="unknown order")
    return {"id": order_id, "total": float(raw), "currency": os.environ.get("CURRENCY", "EUR")}
