// biome-ignore-all lint/suspicious/noThenProperty: `then` is the rule shape shared with routing (rules[].then), not a thenable.
import type { Priority } from '../../model/schemas';
import type { CompiledCondition } from '../../routing/conditions';
import type { ResolvedHandoffPolicyConfig } from '../schemas';
import type { DecideOptions } from '../types';
import type { Candidate, StepResult, TurnContext } from './types';

/** An enabled attribute rule with its compiled condition. */
export interface CompiledRule {
  id: string;
  condition: CompiledCondition;
  then: ResolvedHandoffPolicyConfig['rules'][number]['then'];
}

/** Result of {@link attributeRulesStep}. */
export interface AttributeRulesResult extends StepResult {
  matched: CompiledRule[];
}

/** The item attribute rules are evaluated against. */
export function ruleItem(ctx: TurnContext, options: DecideOptions): Record<string, unknown> {
  const c = ctx.view.conversation;
  return {
    ...(options.attributes ?? {}),
    conversation: {
      id: c.id,
      channel: c.channel,
      language: c.language,
      status: c.status,
      tags: c.tags,
      priority: c.priority,
      slots: c.slots ?? {},
    },
    customer: options.customer ?? {},
    channel: c.channel,
    attributes: options.attributes ?? {},
  };
}

/**
 * Step 4 — attribute rules in the routing condition language (VIP, order value, channel): a
 * matching rule escalates, offers, sets a priority or turns offers into escalations.
 */
export function attributeRulesStep(
  ctx: TurnContext,
  rules: readonly CompiledRule[],
  options: DecideOptions,
): AttributeRulesResult {
  const out: AttributeRulesResult = { escalations: [], offers: [], trace: [], matched: [] };
  if (!rules.length) return out;
  const explain = options.explain === true;
  const item = ruleItem(ctx, options);
  for (const rule of rules) {
    const hit = explain ? rule.condition.explain(item) : { result: rule.condition.test(item) };
    if (explain)
      out.trace.push({
        step: `rule:${rule.id}`,
        result: hit.result ? 'matched' : 'no match',
        detail: (hit as { leaves?: unknown }).leaves,
      });
    if (!hit.result) continue;
    out.matched.push(rule);
    const candidate: Candidate = {
      reason: { code: 'attribute_rule', detail: `rule "${rule.id}"` },
      weight: rule.then.action === 'escalate' ? 0.9 : 0.5,
      step: 'attribute_rules',
      ...(rule.then.priority !== undefined ? { priority: rule.then.priority as Priority } : {}),
    };
    if (rule.then.action === 'escalate') out.escalations.push(candidate);
    else if (rule.then.action === 'offer') out.offers.push(candidate);
  }
  return out;
}
