import { parseWithSchema } from '../model/errors';
import { type AgentInput, InstantSchema } from '../model/schemas';
import { type AssignmentTrace, assignInContext, prepareAssignment, type QueuedReason } from './assignAgent';
import type { AssignAgentOptions, AssignableItem, AssignmentState } from './schemas';

/** Options of {@link drainQueue}: those of assignAgent, plus `explain` to keep every trace. */
export type DrainQueueOptions = AssignAgentOptions & { explain?: boolean };

/** Result of {@link drainQueue}. */
export interface DrainResult<T extends AssignableItem> {
  /** Assignments made, in the order they were made (oldest item first). */
  assigned: Array<{ itemId: string; agentId: string; step: number; trace?: AssignmentTrace }>;
  /** Items still waiting, oldest first, with the reason. */
  queued: Array<{ item: T; reason: QueuedReason; trace?: AssignmentTrace }>;
  /** The next state to store. */
  state: AssignmentState;
}

/**
 * Assigns a backlog oldest-first as far as capacity allows — call it whenever capacity frees (an
 * agent becomes available, a conversation closes). Each assignment counts against the agent's
 * capacity and the fairness window for the items after it. An item nobody can take does not
 * block younger items that someone can take (no head-of-line blocking).
 *
 * @param queue - waiting items; each needs `enqueuedAt`.
 * @param agents - the roster.
 * @param options - as for assignAgent (`strategy`, `now`, `state`, `workload`, …), plus `explain`.
 * @returns `{ assigned, queued, state }`.
 * @throws {@link TandemError} `INVALID_INPUT` for malformed items (`queue[3].enqueuedAt`), agents or options.
 *
 * @example
 * ```ts
 * import { drainQueue } from 'tandem-cx/routing';
 * const agents = [{ id: 'ana', capacity: { chat: 1 } }];
 * const queue = [
 *   { id: 'new', channel: 'chat' as const, enqueuedAt: '2026-03-02T09:59:00Z' },
 *   { id: 'old', channel: 'chat' as const, enqueuedAt: '2026-03-02T09:50:00Z' },
 * ];
 * const r = drainQueue(queue, agents, { strategy: 'least_busy', now: new Date('2026-03-02T10:00:00Z') });
 * r.assigned.map((a) => a.itemId); // => ['old']
 * r.queued.map((q) => [q.item.id, q.reason]); // => [['new', 'no_capacity']]
 * ```
 */
export function drainQueue<T extends AssignableItem>(
  queue: readonly T[],
  agents: readonly AgentInput[],
  options: DrainQueueOptions,
): DrainResult<T> {
  const { explain, ...assignOptions } = options;
  const ctx = prepareAssignment(agents, assignOptions);
  const order = queue
    .map((item, index) => {
      const at = parseWithSchema(InstantSchema, item.enqueuedAt, {
        module: 'routing',
        pathPrefix: ['queue', index, 'enqueuedAt'],
      });
      return { item, index, at: at.getTime() };
    })
    .sort((a, b) => a.at - b.at || a.index - b.index);
  const result: DrainResult<T> = { assigned: [], queued: [], state: ctx.state };
  for (const { item } of order) {
    const r = assignInContext(ctx, item, false, explain === true);
    if (r.kind === 'assigned')
      result.assigned.push({
        itemId: item.id,
        agentId: r.agentId,
        step: r.step,
        ...(explain ? { trace: r.trace } : {}),
      });
    else result.queued.push({ item, reason: r.reason, ...(explain ? { trace: r.trace } : {}) });
  }
  result.state = {
    roundRobin: { ...ctx.state.roundRobin },
    lastAssignedAt: { ...ctx.state.lastAssignedAt },
    log: [...ctx.state.log],
  };
  return result;
}
