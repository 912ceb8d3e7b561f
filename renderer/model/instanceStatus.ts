/**
 * One instance's own state from the live snapshot, by the same rules the engine uses for a whole
 * node (a node is overloaded when its wait queue is half full, busy at 75 % of its slots or with
 * anything waiting), applied to that instance's slots and queue alone.
 */
import type { InstanceSnapshot, NodeStatus } from '../../shared/simulation/types';

/** Share of the queue limit that is overloaded, and of the slots that is busy (the engine's). */
const OVERLOADED_QUEUE_SHARE = 0.5;
const BUSY_UTILIZATION = 0.75;

export function instanceStatus(instance: Pick<InstanceSnapshot, 'up' | 'busy' | 'queued'>, concurrency: number, queueLimit: number): NodeStatus {
  if (!instance.up) return 'down';
  if ((queueLimit > 0 && instance.queued >= queueLimit * OVERLOADED_QUEUE_SHARE) || (queueLimit === 0 && instance.busy >= concurrency)) return 'overloaded';
  if (instance.busy >= concurrency * BUSY_UTILIZATION || instance.queued > 0) return 'busy';
  return 'healthy';
}
