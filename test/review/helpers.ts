import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigResource, Plan, PriorResource, ResourceChange } from '../../review/plan/model';
import { readPlan } from '../../review/plan/read-plan';
import { renderMarkdown } from '../../review/render/markdown';
import { reviewPlans, type Review } from '../../review/review';
import { readSynthDir } from '../../review/synth/read-synth';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'plans');
export const SYNTH_HEAD = join(FIXTURES, 'synth', 'head');
export const SYNTH_BASE = join(FIXTURES, 'synth', 'base');

/** Every plan of a scenario folder (one file per stack, named `<stack>.json`). */
export function fixturePlans(scenario: string): Plan[] {
  const dir = join(FIXTURES, scenario);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => readPlan(join(dir, file)));
}

export function reviewScenario(scenario: string, options: { synth?: boolean; baseSynth?: boolean } = {}): { review: Review; markdown: string } {
  const review = reviewPlans({
    plans: fixturePlans(scenario),
    synth: options.synth ? readSynthDir(SYNTH_HEAD) : undefined,
    baseSynth: options.baseSynth ? readSynthDir(SYNTH_BASE) : undefined,
  });
  return { review, markdown: renderMarkdown(review, { title: `Plan review: ${scenario}` }) };
}

/** A resource change with the defaults of a managed create; for rule tests. */
export function change(props: Partial<ResourceChange> & Pick<ResourceChange, 'address'>): ResourceChange {
  const [type, name] = props.address.replace(/^data\./, '').split('.');
  return {
    mode: 'managed',
    type,
    name,
    actions: ['create'],
    before: null,
    after: {},
    afterUnknown: {},
    beforeSensitive: {},
    afterSensitive: {},
    replacePaths: [],
    ...props,
  };
}

export function plan(changes: ResourceChange[], props: { stack?: string; prior?: PriorResource[]; config?: ConfigResource[] } = {}): Plan {
  return {
    file: `${props.stack ?? 'dev-identity-center'}.json`,
    stack: props.stack ?? 'dev-identity-center',
    formatVersion: '1.2',
    deferredChanges: 0,
    changes,
    prior: props.prior ?? [],
    config: new Map((props.config ?? []).map((resource) => [resource.address, resource])),
  };
}
