"""Registers N rq workers in a Redis the way rq itself does (rq.Worker.register_birth), for
benchmarks/status-floor.py. Usage: register-rq.py REDIS_URL N; prints the count rq then sees."""
import sys

from redis import Redis
from rq import Queue, Worker

redis = Redis.from_url(sys.argv[1])
count = int(sys.argv[2])
queue = Queue("default", connection=redis)
for i in range(count):
    Worker([queue], name="rq-worker-%06d" % i, connection=redis).register_birth()
print("rq workers registered: %d" % Worker.count(connection=redis))
