"""Redis-backed cache shared by the API workers."""
import os

import redis

cache = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))
sessions = redis.Redis.from_url(
    os.environ.get("REDIS_URL", "redis://localhost:6379/0"), socket_timeout=2, socket_connect_timeout=1
)
