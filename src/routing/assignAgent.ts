import { z } from 'zod';
import { ownEntry, setOwn } from '../_internal/ownProperties';
import { parseWithSchema, TandemError } from '../model/errors';
import { type Agent, type AgentInput, AgentSchema, type Channel, InstantSchema } from '../model/schemas';
import {
  type AssignAgentOptions,
  type AssignableItem,
  AssignableItemSchema,
  type AssignmentState,
  type AssignmentStrategy,
  AssignOptionsSchema,
} from './schemas';

/** Why an agent could not take the item. Stable codes. */
export type ExclusionCode =
  | 'unavailable'
  | 'wrong_team'
  | 'language'
  | 'missing_skill'
  | 'skill_level'
  | 'no_channel'
  | 'channel_full'
  | 'capacity_full'
  | 'fairness_limit';

/** One exclusion with a human detail. */
export interface Exclusion {
  code: ExclusionCode;
  detail: string;
}

/** One agent as considered at one step. */
export interface AgentConsideration {
  agentId: string;
  eligible: boolean;
  /** Every reason the agent was excluded (empty when eligible). */
  excluded: Exclusion[];
}

/** What a bullseye step required and what happened at it. */
export interface AssignmentStepTrace {
  step: number;
  /** Waiting time (ms) from which the step applies. */
  after: number;
  requirements: { skills: Array<{ name: string; minLevel: number }>; language?: string; team?: string };
  /** `assigned`, `skipped` (nobody available in it), or `no_capacity` (available agents all full/excluded). */
  outcome: 'assigned' | 'skipped' | 'no_capacity' | 'no_agents';
  agents: AgentConsideration[];
}

/** The trace of an assignment: every step evaluated and every agent considered at it. */
export interface AssignmentTrace {
  strategy: AssignmentStrategy;
  /** How long the item had waited at `now` (ms). */
  waitedMs: number;
  /** Steps evaluated, in order; later steps not yet reached are not listed. */
  steps: AssignmentStepTrace[];
  /** For `sticky`: what happened with the previous agent. */
  sticky?: {
    previousAgentId: string;
    outcome: 'assigned' | 'waiting' | 'timed_out' | 'unknown_agent';
    excluded: Exclusion[];
  };
  /** Steps that exist but whose `after` has not been reached. */
  pendingSteps: number;
}

/** Reason codes of a queued result. */
export type QueuedReason =
  | 'no_matching_agents'
  | 'no_agents_available'
  | 'no_capacity'
  | 'fairness_limit'
  | 'waiting_for_previous_agent';

/** Result of {@link assignAgent}. `state` is the next state to store (unchanged when queued). */
export type AssignmentResult =
  | { kind: 'assigned'; agentId: string; step: number; state: AssignmentState; trace: AssignmentTrace }
  | { kind: 'queued'; reason: QueuedReason; detail: string; state: AssignmentState; trace: AssignmentTrace };

/** Default units per channel: a chat uses 1, an email 0.5, a phone call the whole agent. */
export const DEFAULT_CHANNEL_WEIGHTS: Readonly<Record<Channel, number | 'all'>> = Object.freeze({
  chat: 1,
  email: 0.5,
  phone: 'all',
  social: 1,
  whatsapp: 1,
  sms: 1,
  web_form: 0.5,
  in_app: 1,
});

type ParsedOptions = z.output<typeof AssignOptionsSchema>;
type ParsedItem = z.output<typeof AssignableItemSchema>;
interface Requirement {
  after: number;
  skills: Array<{ name: string; minLevel: number }>;
  language?: string;
  /** Primary subtag of `language`, lower-case (`pt-BR` → `pt`). */
  languagePrimary?: string;
  team?: string;
}
interface Load {
  count: number;
  units: number;
  all: boolean;
  perChannel: Partial<Record<Channel, number>>;
}

/** @internal Prepared agents, options and loads, shared by assignAgent and drainQueue. */
export interface AssignmentContext {
  agents: readonly Agent[];
  /** Unit budget per agent (same index as `agents`). */
  budgets: number[];
  /** Primary language subtags per agent (same index as `agents`). */
  languages: string[][];
  options: ParsedOptions;
  now: number;
  weights: Record<Channel, number | 'all'>;
  loads: Map<string, Load>;
  fairness: Map<string, number>;
  state: AssignmentState;
}

interface CachedAgent {
  parsed: Agent;
  status: unknown;
  capacity: unknown;
  skills: unknown;
  languages: unknown;
  team: unknown;
}

// Validated agents, keyed by the caller's agent objects: a roster passed on every call is
// validated once. An entry is reused only while the object's top-level fields are the same
// values/references, so `agent.status = 'away'` or a new `capacity` object is picked up; mutating
// inside a nested object (`agent.capacity.chat = 5`) is not — replace the object instead.
const agentCache = new WeakMap<object, CachedAgent>();
const AgentArraySchema = z.array(AgentSchema);

/** Validates agents (each object once while unchanged); throws with the path of every problem. */
function parseAgents(agents: readonly AgentInput[]): Agent[] {
  if (!Array.isArray(agents))
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'routing',
      path: 'agents',
      message: 'agents must be an array',
    });
  const parsed: Agent[] = new Array(agents.length);
  let missing: number[] | undefined;
  for (let i = 0; i < agents.length; i++) {
    const input = agents[i] as AgentInput | undefined;
    const hit = input !== null && typeof input === 'object' ? agentCache.get(input) : undefined;
    if (
      hit &&
      hit.status === input!.status &&
      hit.capacity === input!.capacity &&
      hit.skills === input!.skills &&
      hit.languages === input!.languages &&
      hit.team === input!.team
    )
      parsed[i] = hit.parsed;
    else {
      missing ??= [];
      missing.push(i);
    }
  }
  if (missing) {
    const result = AgentArraySchema.safeParse(missing.map((i) => agents[i]));
    // On failure, validate the whole roster so every path carries the agent's real index.
    if (!result.success)
      parseWithSchema(AgentArraySchema, agents, {
        module: 'routing',
        what: 'agents',
        pathPrefix: ['agents'],
      });
    const fresh = result.data!;
    missing.forEach((i, k) => {
      const input = agents[i]!;
      parsed[i] = fresh[k]!;
      agentCache.set(input, {
        parsed: fresh[k]!,
        status: input.status,
        capacity: input.capacity,
        skills: input.skills,
        languages: input.languages,
        team: input.team,
      });
    });
  }
  const seen = new Map<string, number>();
  parsed.forEach((agent, i) => {
    const first = seen.get(agent.id);
    if (first !== undefined)
      throw new TandemError({
        code: 'INVALID_INPUT',
        module: 'routing',
        path: `agents[${i}].id`,
        message: `duplicate agent id "${agent.id}" (also agents[${first}].id)`,
      });
    seen.set(agent.id, i);
  });
  return parsed;
}

const ACTIVE = new Set(['open', 'on_hold']);

/** @internal */
export function prepareAssignment(
  agents: readonly AgentInput[],
  options: AssignAgentOptions,
): AssignmentContext {
  const parsedAgents = parseAgents(agents);
  const parsed = parseWithSchema(AssignOptionsSchema, options, {
    module: 'routing',
    what: 'assignment options',
  });
  parsed.relaxation.forEach((step, i) => {
    const previous = parsed.relaxation[i - 1];
    if (previous && step.after < previous.after)
      throw new TandemError({
        code: 'INVALID_INPUT',
        module: 'routing',
        path: `relaxation[${i}].after`,
        message: 'relaxation steps must be in order of `after`',
      });
  });
  const now = parseWithSchema(InstantSchema, parsed.now, {
    module: 'routing',
    pathPrefix: ['now'],
  }).getTime();
  const weights = { ...DEFAULT_CHANNEL_WEIGHTS, ...parsed.channelWeights } as Record<Channel, number | 'all'>;
  const loads = new Map<string, Load>();
  for (const work of parsed.workload) {
    if (!ACTIVE.has(work.status)) continue;
    addLoad(loads, work.agentId, work.channel, weights);
  }
  // The log only needs to cover the fairness window (or the retention); prune it once here —
  // entries added later in this context all have time `now`.
  const since = now - (parsed.fairness ? parsed.fairness.window : parsed.logRetention);
  const state: AssignmentState = {
    roundRobin: { ...(parsed.state?.roundRobin ?? {}) },
    lastAssignedAt: { ...(parsed.state?.lastAssignedAt ?? {}) },
    log: (parsed.state?.log ?? []).filter((e) => e.at > since),
  };
  const fairness = new Map<string, number>();
  if (parsed.fairness) {
    for (const entry of state.log)
      if (entry.at > since && entry.at <= now)
        fairness.set(entry.agentId, (fairness.get(entry.agentId) ?? 0) + 1);
  }
  const budgets = parsedAgents.map((agent) => maxUnits(agent, weights));
  const languages = parsedAgents.map((agent) => agent.languages.map(primary));
  return { agents: parsedAgents, budgets, languages, options: parsed, now, weights, loads, fairness, state };
}

function addLoad(
  loads: Map<string, Load>,
  agentId: string,
  channel: Channel,
  weights: Record<Channel, number | 'all'>,
) {
  let load = loads.get(agentId);
  if (!load) {
    load = { count: 0, units: 0, all: false, perChannel: {} };
    loads.set(agentId, load);
  }
  const w = weights[channel];
  load.count++;
  load.perChannel[channel] = (load.perChannel[channel] ?? 0) + 1;
  if (w === 'all') load.all = true;
  else load.units += w;
}

const EMPTY_LOAD: Load = { count: 0, units: 0, all: false, perChannel: {} };

/** The unit budget of an agent: what its largest channel alone would fill. */
function maxUnits(agent: Agent, weights: Record<Channel, number | 'all'>): number {
  let max = 0;
  for (const [channel, cap] of Object.entries(agent.capacity) as Array<[Channel, number]>) {
    const w = weights[channel];
    const units = w === 'all' ? 1 : cap * w;
    if (units > max) max = units;
  }
  return max;
}

const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();

function buildSteps(item: ParsedItem, options: ParsedOptions): Requirement[] {
  const normalize = (skills: ParsedItem['skills']) =>
    skills.map((s) =>
      typeof s === 'string' ? { name: s, minLevel: 1 } : { name: s.name, minLevel: s.minLevel },
    );
  const first: Requirement = {
    after: 0,
    skills: normalize(item.skills),
    ...(item.language ? { language: item.language, languagePrimary: primary(item.language) } : {}),
    ...(item.team ? { team: item.team } : {}),
  };
  const steps = [first];
  for (const relax of options.relaxation) {
    const prev = steps[steps.length - 1]!;
    let skills = relax.skills ? normalize(relax.skills) : prev.skills;
    if (relax.dropSkills) skills = skills.filter((s) => !relax.dropSkills!.includes(s.name));
    const next: Requirement = { after: relax.after, skills };
    if (prev.language && !relax.ignoreLanguage) {
      next.language = prev.language;
      next.languagePrimary = prev.languagePrimary!;
    }
    if (prev.team && !relax.ignoreTeam) next.team = prev.team;
    steps.push(next);
  }
  return steps;
}

/** Static requirements (team, language, skills). Returns true when the agent meets them. */
function meetsRequirements(
  agent: Agent,
  languages: readonly string[],
  req: Requirement,
  out: Exclusion[] | null,
): boolean {
  let ok = true;
  if (req.team !== undefined && agent.team !== req.team) {
    if (!out) return false;
    ok = false;
    out.push({ code: 'wrong_team', detail: `team ${agent.team ?? '(none)'} ≠ ${req.team}` });
  }
  if (req.language !== undefined) {
    if (!languages.includes(req.languagePrimary!)) {
      if (!out) return false;
      ok = false;
      out.push({ code: 'language', detail: `does not speak ${req.language}` });
    }
  }
  for (const skill of req.skills) {
    const has = agent.skills.find((s) => s.name === skill.name);
    if (!has || has.level < skill.minLevel) {
      if (!out) return false;
      ok = false;
      out.push(
        has
          ? { code: 'skill_level', detail: `${skill.name} level ${has.level} < ${skill.minLevel}` }
          : { code: 'missing_skill', detail: `lacks skill ${skill.name}` },
      );
    }
  }
  return ok;
}

const FREE = 0;
const EXCLUDED = 1;
const FAIRNESS_ONLY = 2;

/**
 * Dynamic conditions (status, channel capacity, weighted units, fairness). Returns FREE,
 * EXCLUDED, or FAIRNESS_ONLY when the fairness limit is the only obstacle.
 */
function checkCapacity(
  ctx: AssignmentContext,
  index: number,
  channel: Channel,
  out: Exclusion[] | null,
): number {
  const agent = ctx.agents[index]!;
  let excluded = false;
  if (agent.status !== 'available') {
    if (!out) return EXCLUDED;
    excluded = true;
    out.push({ code: 'unavailable', detail: `status ${agent.status}` });
  }
  const cap = agent.capacity[channel];
  const load = ctx.loads.get(agent.id) ?? EMPTY_LOAD;
  let problem: Exclusion | undefined;
  if (!cap) problem = { code: 'no_channel', detail: `no ${channel} capacity` };
  else if ((load.perChannel[channel] ?? 0) >= cap)
    problem = { code: 'channel_full', detail: `${load.perChannel[channel]}/${cap} ${channel}` };
  else {
    const w = ctx.weights[channel];
    const budget = ctx.budgets[index]!;
    if (load.all) problem = { code: 'capacity_full', detail: 'busy on a channel that takes the whole agent' };
    else if (w === 'all' ? load.count > 0 : load.units + w > budget + 1e-9)
      problem = {
        code: 'capacity_full',
        detail:
          w === 'all'
            ? `${channel} needs a free agent; ${load.count} open`
            : `${load.units}+${w} > ${budget} units`,
      };
  }
  if (problem) {
    if (!out) return EXCLUDED;
    excluded = true;
    out.push(problem);
  }
  const fair = ctx.options.fairness;
  if (fair) {
    const n = ctx.fairness.get(agent.id) ?? 0;
    if (n >= fair.maxAssignments) {
      out?.push(fairnessExclusion(n, fair.window));
      if (!excluded) return FAIRNESS_ONLY;
    }
  }
  return excluded ? EXCLUDED : FREE;
}

const fairnessExclusion = (n: number, window: number): Exclusion => ({
  code: 'fairness_limit',
  detail: `${n} assignments in the last ${window / 60_000} min`,
});

type Picker = Exclude<AssignmentStrategy, 'sticky'>;

function pick(
  ctx: AssignmentContext,
  strategy: Picker,
  eligible: readonly number[],
  item: ParsedItem,
  wanted: Requirement['skills'],
): number {
  const agents = ctx.agents;
  // Agent ids and queue names are the host's strings: read own entries only (an agent named
  // `constructor` would otherwise get Object's function as its last assignment time).
  const idle = (i: number) => ownEntry(ctx.state.lastAssignedAt, agents[i]!.id) ?? Number.NEGATIVE_INFINITY;
  const busy = (i: number) => ctx.loads.get(agents[i]!.id)?.count ?? 0;
  const units = (i: number) => ctx.loads.get(agents[i]!.id)?.units ?? 0;
  if (strategy === 'round_robin') {
    const last = ownEntry(ctx.state.roundRobin, item.queue ?? '*');
    const lastIndex = last === undefined ? -1 : agents.findIndex((a) => a.id === last);
    // The first eligible agent after the last one assigned, wrapping around.
    for (const i of eligible) if (i > lastIndex) return i;
    return eligible[0]!;
  }
  let best = eligible[0]!;
  const better = (i: number, j: number): boolean => {
    if (strategy === 'skills_best_match') {
      const si = skillScore(agents[i]!, wanted);
      const sj = skillScore(agents[j]!, wanted);
      if (si !== sj) return si > sj;
    }
    if (strategy === 'longest_idle') {
      if (idle(i) !== idle(j)) return idle(i) < idle(j);
      return false;
    }
    if (busy(i) !== busy(j)) return busy(i) < busy(j);
    if (units(i) !== units(j)) return units(i) < units(j);
    return idle(i) < idle(j);
  };
  for (let k = 1; k < eligible.length; k++) if (better(eligible[k]!, best)) best = eligible[k]!;
  return best;
}

function skillScore(agent: Agent, wanted: Requirement['skills']): number {
  let score = 0;
  for (const w of wanted) score += agent.skills.find((s) => s.name === w.name)?.level ?? 0;
  return score;
}

function record(ctx: AssignmentContext, agent: Agent, item: ParsedItem): void {
  const state = ctx.state;
  // setOwn: a queue or agent named `__proto__` keeps its entry (a plain assignment is lost).
  setOwn(state.roundRobin, item.queue ?? '*', agent.id);
  setOwn(state.lastAssignedAt, agent.id, ctx.now);
  state.log.push({ agentId: agent.id, itemId: item.id, at: ctx.now });
  addLoad(ctx.loads, agent.id, item.channel, ctx.weights);
  ctx.fairness.set(agent.id, (ctx.fairness.get(agent.id) ?? 0) + 1);
}

const snapshot = (state: AssignmentState): AssignmentState => ({
  roundRobin: { ...state.roundRobin },
  lastAssignedAt: { ...state.lastAssignedAt },
  log: [...state.log],
});

/** @internal Assigns one parsed item within a prepared context (mutates the context on success). */
export function assignInContext(
  ctx: AssignmentContext,
  input: AssignableItem,
  copyState = true,
  explain = true,
): AssignmentResult {
  const item = parseWithSchema(AssignableItemSchema, input, {
    module: 'routing',
    what: 'item',
    pathPrefix: ['item'],
  });
  const options = ctx.options;
  const enqueuedAt =
    item.enqueuedAt === undefined
      ? ctx.now
      : parseWithSchema(InstantSchema, item.enqueuedAt, {
          module: 'routing',
          pathPrefix: ['item', 'enqueuedAt'],
        }).getTime();
  const waitedMs = Math.max(0, ctx.now - enqueuedAt);
  const steps = buildSteps(item, options);
  const trace: AssignmentTrace = { strategy: options.strategy, waitedMs, steps: [], pendingSteps: 0 };
  const assigned = (index: number, step: number): AssignmentResult => {
    const agent = ctx.agents[index]!;
    record(ctx, agent, item);
    return {
      kind: 'assigned',
      agentId: agent.id,
      step,
      state: copyState ? snapshot(ctx.state) : ctx.state,
      trace,
    };
  };
  const queued = (reason: QueuedReason, detail: string): AssignmentResult => ({
    kind: 'queued',
    reason,
    detail,
    state: copyState ? snapshot(ctx.state) : ctx.state,
    trace,
  });

  let strategy: Picker;
  if (options.strategy === 'sticky') {
    strategy = options.stickyFallback;
    if (item.previousAgentId !== undefined) {
      const index = ctx.agents.findIndex((a) => a.id === item.previousAgentId);
      if (index < 0) {
        trace.sticky = { previousAgentId: item.previousAgentId, outcome: 'unknown_agent', excluded: [] };
      } else {
        const excluded: Exclusion[] = [];
        // The previous agent must still meet the loosest requirements reached so far.
        const reached = steps.filter((s) => s.after <= waitedMs);
        const meets = meetsRequirements(
          ctx.agents[index]!,
          ctx.languages[index]!,
          reached[reached.length - 1]!,
          excluded,
        );
        const free = checkCapacity(ctx, index, item.channel, excluded) === FREE;
        if (meets && free) {
          trace.sticky = { previousAgentId: item.previousAgentId, outcome: 'assigned', excluded };
          return assigned(index, reached.length - 1);
        }
        if (waitedMs < options.stickyTimeout) {
          trace.sticky = { previousAgentId: item.previousAgentId, outcome: 'waiting', excluded };
          return queued(
            'waiting_for_previous_agent',
            `waiting for ${item.previousAgentId} for up to ${Math.round((options.stickyTimeout - waitedMs) / 1000)} s more`,
          );
        }
        trace.sticky = { previousAgentId: item.previousAgentId, outcome: 'timed_out', excluded };
      }
    }
  } else strategy = options.strategy;

  let skipped = false;
  let last: { members: number; available: number; fairnessOnly: boolean } = {
    members: 0,
    available: 0,
    fairnessOnly: false,
  };
  for (let s = 0; s < steps.length; s++) {
    const req = steps[s]!;
    if (s > 0 && !skipped && waitedMs < req.after) {
      trace.pendingSteps = steps.length - s;
      break;
    }
    const considered: AgentConsideration[] = [];
    const eligible: number[] = [];
    let members = 0;
    let available = 0;
    let fairnessOnly = true;
    for (let i = 0; i < ctx.agents.length; i++) {
      const agent = ctx.agents[i]!;
      const excluded: Exclusion[] | null = explain ? [] : null;
      const isMember = meetsRequirements(agent, ctx.languages[i]!, req, excluded);
      // Without a trace, an agent that fails the requirements needs no capacity check.
      const capacity = isMember || explain ? checkCapacity(ctx, i, item.channel, excluded) : EXCLUDED;
      if (isMember) {
        members++;
        if (agent.status === 'available') {
          available++;
          if (capacity === EXCLUDED) fairnessOnly = false;
        }
      }
      const ok = isMember && capacity === FREE;
      if (ok) eligible.push(i);
      if (excluded) considered.push({ agentId: agent.id, eligible: ok, excluded });
    }
    const stepTrace: AssignmentStepTrace = {
      step: s,
      after: req.after,
      requirements: {
        skills: req.skills,
        ...(req.language ? { language: req.language } : {}),
        ...(req.team ? { team: req.team } : {}),
      },
      outcome: 'no_capacity',
      agents: considered,
    };
    trace.steps.push(stepTrace);
    if (eligible.length > 0) {
      stepTrace.outcome = 'assigned';
      return assigned(pick(ctx, strategy, eligible, item, steps[0]!.skills), s);
    }
    last = { members, available, fairnessOnly: available > 0 && fairnessOnly };
    skipped = available === 0 && options.skipEmptySteps;
    stepTrace.outcome = available === 0 ? (members === 0 ? 'no_agents' : 'skipped') : 'no_capacity';
  }
  if (last.members === 0)
    return queued('no_matching_agents', 'no agent meets the requirements of the steps reached');
  if (last.available === 0)
    return queued('no_agents_available', 'matching agents exist but none is available');
  if (last.fairnessOnly) return queued('fairness_limit', 'every available agent reached the fairness limit');
  return queued('no_capacity', 'every available matching agent is at capacity');
}

/**
 * Chooses an agent for an item, or says why it must wait. Filters agents by status, team,
 * language, skills (with levels), channel capacity with weights (chat 1, email 0.5, phone takes
 * the whole agent, by default) and a fairness window, then picks with the strategy:
 * `round_robin`, `least_busy` (fewest open/on-hold items; work waiting on the customer does not
 * count), `longest_idle`, `skills_best_match` (highest total level in the wanted skills) or
 * `sticky` (the previous agent first, waiting up to `stickyTimeout` for them). Bullseye
 * `relaxation` steps loosen the requirements after the item has waited `after`; a step in which
 * nobody is available at all is skipped at once (`skipEmptySteps`).
 *
 * An agent's unit budget is what its largest channel alone would fill (`{ chat: 3, email: 4 }` →
 * max(3×1, 4×0.5) = 3 units), so 2 chats and 2 emails fill it.
 *
 * @param item - `{ id, channel, queue?, language?, team?, skills?, enqueuedAt?, previousAgentId? }`.
 * @param agents - the roster (`Agent` from `tandem-cx/model`); validated once per array.
 * @param options - `{ strategy, now, state?, workload?, channelWeights?, fairness?, relaxation?, … }`.
 * @returns `{ kind: 'assigned', agentId, step, state, trace } | { kind: 'queued', reason, detail, state, trace }`;
 *   `trace` lists every agent considered at each step and why it was excluded; `state` is the
 *   next serialisable state for the host to store.
 * @throws {@link TandemError} `INVALID_INPUT` for malformed agents (e.g. `agents[2].capacity.chat`
 *   negative), items or options.
 *
 * @example
 * ```ts
 * import { assignAgent } from 'tandem-cx/routing';
 * const agents = [
 *   { id: 'ana', languages: ['pl', 'en'], capacity: { chat: 2 }, skills: [{ name: 'billing', level: 7 }] },
 *   { id: 'ben', languages: ['en'], capacity: { chat: 2 }, skills: [{ name: 'billing', level: 9 }] },
 * ];
 * const now = new Date('2026-03-02T10:00:00Z');
 * assignAgent({ id: 'c1', channel: 'chat', language: 'pl', skills: ['billing'] }, agents, { strategy: 'skills_best_match', now }); // => { kind: 'assigned', agentId: 'ana' }
 * assignAgent({ id: 'c2', channel: 'chat', skills: ['billing'] }, agents, { strategy: 'skills_best_match', now }).agentId; // => 'ben'
 * assignAgent({ id: 'c3', channel: 'email' }, agents, { strategy: 'least_busy', now }); // => { kind: 'queued', reason: 'no_capacity' }
 * ```
 */
export function assignAgent(
  item: AssignableItem,
  agents: readonly AgentInput[],
  options: AssignAgentOptions,
): AssignmentResult {
  return assignInContext(prepareAssignment(agents, options), item);
}
