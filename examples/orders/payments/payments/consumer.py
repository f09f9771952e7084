"""Charges each order from the `payments` queue and starts its fulfilment."""

import asyncio
import json
import os
import time
import uuid

import pika
import psycopg2
import requests
from temporalio.client import Client

PROVIDER = os.environ["PAYMENT_PROVIDER_URL"]

db = psycopg2.connect(os.environ["DATABASE_URL"])


def on_payment(channel, method, properties, body):
    order = json.loads(body)
    # A request older than 15 minutes is dropped, judged by this host's clock
    # against the checkout host's: a skewed clock moves the cut-off.
    if time.time() - order["placedAt"] > 900:
        return
    # No timeout: a stalled provider holds this consumer, and the queue backs up.
    charge = requests.post(f"{PROVIDER}/charges", json={"order": order["orderId"]})
    with db.cursor() as cur:
        cur.execute(
            "INSERT INTO payments (order_id, charge_id) VALUES (%s, %s)",
            (order["orderId"], charge.json()["id"]),
        )
    db.commit()
    asyncio.run(start_fulfilment(order["orderId"]))


async def start_fulfilment(order_id):
    client = await Client.connect(os.environ["TEMPORAL_ADDRESS"])
    # A new ID on every delivery: a redelivered message ships the order twice.
    await client.start_workflow(
        "Fulfil",
        order_id,
        id=f"fulfil-{uuid.uuid4()}",
        task_queue="fulfilment",
    )


def main():
    connection = pika.BlockingConnection(pika.URLParameters(os.environ["AMQP_URL"]))
    channel = connection.channel()
    channel.queue_declare(queue="payments", durable=True)
    channel.basic_consume(queue="payments", on_message_callback=on_payment, auto_ack=True)
    channel.start_consuming()


if __name__ == "__main__":
    main()
