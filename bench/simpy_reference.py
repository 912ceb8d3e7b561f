"""A SimPy model of bench/reference-microservices.topo, for `npm run bench -- --vs-simpy`.

It reads the design file and models what the engine in shared/simulation models for it (see
shared/simulation/README.md, "Semantics where SPEC leaves room"):

- requests arrive at the client as a Poisson stream (`rate`/s); each draws a key from 10,000 keys;
- every call picks an instance with the callee's balancer (round-robin, least-connections counted
  from the pick to the end of the attempt, consistent-hash on the request key with 64 points per
  instance), pays `networkMs` between different hosts plus `crossZoneMs` (2 ms) between zones, and
  the answer comes back at once;
- an instance admits a request if one of its `concurrency` slots is free, else queues it up to
  `queueLimit`, else fails it (`overload`); service time is exponential around `latencyMs`
  (lognormal with sigma 0.5 where the node says so); services, databases and caches hold the slot
  while their own calls run, gateways and queues only for their own work;
- a gateway calls one edge picked by weight; the others call every edge in turn (sequential);
  the first failure of an edge that is not optional fails the caller; `errorRate` fails a share
  of the work after its service; a cache answers `hitRate` of its requests without calling on;
- edges: `timeoutMs` (the late answer is ignored; the callee's work goes on), `retries` to another
  instance after `retryBackoffMs`, a circuit breaker over the last `window` attempts;
  `rateLimit` is a token bucket per node with a burst of one second;
- an edge into a queue waits for the queue's own service (the enqueue); the message waits in a
  backlog per consumer edge, and consumers take messages while they have free slots.

Run: python3 bench/simpy_reference.py DESIGN.topo DURATION_S SEED. Prints one JSON object: the
request counts, throughput, latency percentiles of successful requests, and the CPU seconds the
simulation took (process time, not counting reading the file).
"""
import bisect
import hashlib
import json
import math
import random
import sys
import time

import simpy

KEYS_PER_CLIENT = 10_000
RING_POINTS = 64
LOGNORMAL_SIGMA = 0.5
CROSS_ZONE_MS = 2.0
CONNECT_TIMEOUT_MS = 3000.0
DEFAULT_LATENCY = {"client": 0, "gateway": 1, "loadBalancer": 1, "monolith": 20, "service": 10, "database": 5, "cache": 1, "queue": 1}
PROXY_KINDS = {"gateway", "loadBalancer", "queue"}


class Instance:
    __slots__ = ("node", "host", "zone", "slots", "connections")

    def __init__(self, env, node, host, zone, concurrency):
        self.node = node
        self.host = host
        self.zone = zone
        self.slots = simpy.Resource(env, capacity=concurrency)
        self.connections = 0


class Node:
    def __init__(self, env, spec, hosts):
        self.id = spec["id"]
        self.kind = spec["kind"]
        self.rate = spec.get("rate", 10)
        self.latency = spec.get("latencyMs", DEFAULT_LATENCY[self.kind])
        self.lognormal = spec.get("latency", "exponential") == "lognormal"
        self.constant = spec.get("latency") == "constant"
        self.concurrency = spec.get("concurrency", 16)
        self.queue_limit = spec.get("queueLimit", 100)
        self.error_rate = spec.get("errorRate", 0)
        self.rate_limit = spec.get("rateLimit", 0)
        self.hit_rate = spec.get("hitRate", 0.8) if self.kind == "cache" else 0
        self.balancer = spec.get("balancer", "round-robin")
        self.fanout_one = spec.get("fanout", "one" if self.kind in ("client", "gateway", "loadBalancer") else "all") == "one"
        self.holds_slot = self.kind not in PROXY_KINDS
        self.instances = []
        if self.kind != "client":
            for inst in spec.get("instances", [{}]):
                host = inst.get("host")
                zone = hosts.get(host, {}).get("zone")
                self.instances.append(Instance(env, self, host, zone, self.concurrency))
        self.edges = []
        self.cursor = 0
        self.tokens = max(1, self.rate_limit)
        self.tokens_at = 0.0
        self.ring = None
        if self.balancer == "consistent-hash":
            points = []
            for i in range(len(self.instances)):
                for p in range(RING_POINTS):
                    digest = hashlib.md5(f"{self.id}#{i}#{p}".encode()).digest()
                    points.append((int.from_bytes(digest[:4], "little"), i))
            points.sort()
            self.ring = ([p for p, _ in points], [i for _, i in points])


class Edge:
    def __init__(self, spec, nodes):
        self.source = nodes[spec["from"]]
        self.target = nodes[spec["to"]]
        self.weight = spec.get("weight", 1)
        self.probability = spec.get("probability", 1)
        self.timeout = spec.get("timeoutMs", 0)
        self.retries = spec.get("retries", 0)
        self.backoff = spec.get("retryBackoffMs", 0)
        self.optional = spec.get("optional", False)
        self.is_async = spec.get("async", self.target.kind == "queue")
        breaker = spec.get("circuitBreaker")
        self.breaker = None
        if breaker is not None:
            self.breaker = {"failureRate": breaker.get("failureRate", 0.5), "window": breaker.get("window", 20), "openMs": breaker.get("openMs", 5000)}
            self.outcomes = []
            self.open_until = -1.0


class Model:
    def __init__(self, design, duration_ms, seed):
        self.env = simpy.Environment()
        self.rng = random.Random(seed)
        self.duration = duration_ms
        self.network_ms = design.get("settings", {}).get("networkMs", 1)
        hosts = {h["id"]: h for h in design["hosts"]}
        self.nodes = {spec["id"]: Node(self.env, spec, hosts) for spec in design["nodes"]}
        for spec in design["edges"]:
            edge = Edge(spec, self.nodes)
            edge.source.edges.append(edge)
        self.ok = 0
        self.failed = 0
        self.latencies = []
        self.backlogs = {}
        for node in self.nodes.values():
            if node.kind == "queue":
                for edge in node.edges:
                    self.backlogs[edge] = simpy.Store(self.env, capacity=100_000)
                    for inst in edge.target.instances:
                        for _ in range(edge.target.concurrency):
                            self.env.process(self.consumer(edge))

    # ── timing ─────────────────────────────────────────────────────────────────────────────────
    def service_time(self, node):
        if node.constant or node.latency == 0:
            return node.latency
        if node.lognormal:
            return node.latency * math.exp(LOGNORMAL_SIGMA * self.rng.gauss(0, 1) - LOGNORMAL_SIGMA * LOGNORMAL_SIGMA / 2)
        return self.rng.expovariate(1 / node.latency)

    def network(self, source, target):
        if source is None:
            return self.network_ms
        if source.host is not None and source.host == target.host:
            return 0
        delay = self.network_ms
        if source.zone is not None and target.zone is not None and source.zone != target.zone:
            delay += CROSS_ZONE_MS
        return delay

    # ── balancers ──────────────────────────────────────────────────────────────────────────────
    def pick(self, node, key, exclude):
        instances = node.instances
        count = len(instances)
        if node.balancer == "least-connections":
            best = None
            for k in range(count):
                inst = instances[(node.cursor + k) % count]
                if inst is not exclude and (best is None or inst.connections < best.connections):
                    best = inst
            if best is None:
                best = exclude
            node.cursor = (instances.index(best) + 1) % count
            return best
        if node.balancer == "consistent-hash":
            points, owners = node.ring
            at = bisect.bisect_left(points, (key * 2654435761) & 0xFFFFFFFF) % len(points)
            for k in range(len(points)):
                inst = instances[owners[(at + k) % len(points)]]
                if inst is not exclude or count == 1:
                    return inst
        for k in range(count):  # round-robin (a retry does not move the rotation)
            inst = instances[(node.cursor + k) % count]
            if inst is not exclude or count == 1:
                if exclude is None:
                    node.cursor = (node.cursor + k + 1) % count
                return inst
        return instances[0]

    def take_token(self, node):
        now = self.env.now
        tokens = min(max(1, node.rate_limit), node.tokens + (now - node.tokens_at) * node.rate_limit / 1000)
        node.tokens_at = now
        if tokens < 1:
            node.tokens = tokens
            return False
        node.tokens = tokens - 1
        return True

    # ── requests ───────────────────────────────────────────────────────────────────────────────
    def arrivals(self, client):
        env = self.env
        mean = 1000 / client.rate
        while True:
            yield env.timeout(self.rng.expovariate(1 / mean))
            if env.now >= self.duration:
                return
            key = self.rng.randrange(KEYS_PER_CLIENT)
            env.process(self.request(client, key))

    def request(self, client, key):
        start = self.env.now
        ok = yield from self.calls(client, None, key)
        if self.env.now >= self.duration:
            return  # still in flight at the end: not counted
        if ok:
            self.ok += 1
            self.latencies.append(self.env.now - start)
        else:
            self.failed += 1

    def calls(self, node, inst, key):
        """The node's calls after its own work: True when every call that matters succeeded."""
        edges = node.edges
        if not edges:
            return True
        if node.fanout_one:
            total = sum(e.weight for e in edges)
            draw = self.rng.random() * total
            for edge in edges:
                draw -= edge.weight
                if draw < 0:
                    break
            return (yield from self.call(edge, inst, key)) or edge.optional
        for edge in edges:
            if edge.probability < 1 and self.rng.random() >= edge.probability:
                continue
            ok = yield from self.call(edge, inst, key)
            if not ok and not edge.optional:
                return False
        return True

    def breaker_admits(self, edge):
        return edge.breaker is None or self.env.now >= edge.open_until

    def breaker_record(self, edge, failed):
        if edge.breaker is None:
            return
        window = edge.breaker["window"]
        edge.outcomes.append(failed)
        if len(edge.outcomes) > window:
            edge.outcomes.pop(0)
        if len(edge.outcomes) >= window and sum(edge.outcomes) >= edge.breaker["failureRate"] * window:
            edge.open_until = self.env.now + edge.breaker["openMs"]
            edge.outcomes.clear()

    def call(self, edge, source, key):
        """One edge, with its timeout and retries: True when an attempt succeeded."""
        env = self.env
        target = edge.target
        previous = None
        for attempt in range(edge.retries + 1):
            if attempt > 0 and edge.backoff > 0:
                yield env.timeout(edge.backoff)
            if not self.breaker_admits(edge):
                return False
            inst = self.pick(target, key, previous)
            previous = inst
            inst.connections += 1
            answer = env.event()
            env.process(self.job(inst, key, answer, source, edge.is_async))
            limit = edge.timeout if edge.timeout > 0 else CONNECT_TIMEOUT_MS
            timer = env.timeout(limit)
            yield answer | timer
            inst.connections -= 1
            ok = answer.triggered and answer.value
            self.breaker_record(edge, not ok)
            if ok:
                return True
        return False

    def job(self, inst, key, answer, source, accept_only):
        env = self.env
        node = inst.node
        delay = self.network(source, inst)
        if delay > 0:
            yield env.timeout(delay)
        if node.rate_limit > 0 and not self.take_token(node):
            return answer.succeed(False)
        slots = inst.slots
        if slots.count >= slots.capacity and len(slots.queue) >= node.queue_limit:
            return answer.succeed(False)
        request = slots.request()
        if accept_only and node.kind != "queue":
            answer.succeed(True)  # an async caller stops waiting once the callee accepts
        yield request
        yield env.timeout(self.service_time(node))
        if not node.holds_slot:
            slots.release(request)
        ok = True
        if node.error_rate > 0 and self.rng.random() < node.error_rate:
            ok = False
        elif node.kind == "queue":
            ok = all(len(self.backlogs[e].items) < self.backlogs[e].capacity for e in node.edges)
            if ok:
                for e in node.edges:
                    self.backlogs[e].put((key, inst))
        elif node.kind == "cache" and self.rng.random() < node.hit_rate:
            ok = True
        else:
            ok = yield from self.calls(node, inst, key)
        if node.holds_slot:
            slots.release(request)
        if not answer.triggered:
            answer.succeed(ok)

    def consumer(self, edge):
        """One consumer slot of a queue's consumer edge: takes the next message and delivers it."""
        while True:
            key, queue_inst = yield self.backlogs[edge].get()
            yield from self.call(edge, queue_inst, key)

    def run(self):
        for node in self.nodes.values():
            if node.kind == "client":
                self.env.process(self.arrivals(node))
        self.env.run(until=self.duration)


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    return sorted_values[min(len(sorted_values) - 1, max(0, math.ceil(p / 100 * len(sorted_values)) - 1))]


def main():
    path, duration_s, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    with open(path, encoding="utf8") as f:
        design = json.load(f)
    start = time.process_time()
    model = Model(design, duration_s * 1000, seed)
    model.run()
    cpu = time.process_time() - start
    latencies = sorted(model.latencies)
    print(json.dumps({
        "simpy": simpy.__version__,
        "requests": model.ok + model.failed,
        "ok": model.ok,
        "failed": model.failed,
        "throughput": model.ok / duration_s,
        "latencyMs": {
            "mean": sum(latencies) / len(latencies) if latencies else None,
            "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95),
            "p99": percentile(latencies, 99),
        },
        "cpuSeconds": cpu,
    }))


if __name__ == "__main__":
    main()
