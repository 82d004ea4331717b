/**
 * The README's guide-step table is the promise that every step of the seed guides is set by
 * Terraform or a checkable manual control. These tests hold it against the guides, the control
 * catalogue and what the bundled environments really synthesize.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_RULES } from '../../model/baseline';
import { CONTROLS } from '../../model/controls';
import { GUIDES } from '../../model/guides';
import { addresses, model, synth, type TerraformJson } from '../helpers/environment';
import { README } from '../helpers/readme-examples';

const ROOT = join(__dirname, '..', '..');


/** Rows of the first Markdown table after `heading`, as cells. */
function tableAfter(heading: string): string[][] {
  const start = README.indexOf(heading);
  if (start < 0) throw new Error(`README has no "${heading}"`);
  const lines = README.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((cell) => cell.trim()));
  }
  return rows;
}

const CONTROL_ID = /^[A-Z]+(-[A-Z0-9]+)+$/;
const codeSpans = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]);

interface GuideRow {
  readonly guide: string;
  readonly step: string;
  readonly what: string;
  readonly verify: string;
}

const rows: GuideRow[] = tableAfter('### Guide steps').map(([guide, step, what, verify]) => ({ guide, step: step.split(' ')[0], what, verify }));

describe('the README guide-step table', () => {
  test('lists every step of every guide exactly once, and nothing else', () => {
    const listed = rows.map((row) => `${row.guide} ${row.step}`);
    const expected = GUIDES.flatMap((guide) => guide.steps.map((step) => `${guide.id} ${step.id}`));
    expect(listed).toEqual(expected);
  });

  test('says for every step what the project does: a control or a resource or output', () => {
    for (const row of rows) {
      const named = codeSpans(row.what).filter((span) => CONTROL_ID.test(span) || /^aws_\w+\.\S+$/.test(span) || row.what.includes(`output \`${span}\``));
      expect({ step: `${row.guide} ${row.step}`, named: named.length > 0 }).toEqual({ step: `${row.guide} ${row.step}`, named: true });
    }
  });

  test('every control it names exists in the catalogue', () => {
    const known = CONTROLS.map((control) => control.id);
    const named = rows.flatMap((row) => codeSpans(row.what).filter((span) => CONTROL_ID.test(span)));
    expect(named.length).toBeGreaterThan(0);
    for (const id of named) expect(known).toContain(id);
  });

  test('every guide step a control stands for is in the table, naming that control', () => {
    for (const control of CONTROLS) {
      for (const { guide, step } of control.guideSteps) {
        const row = rows.find((candidate) => candidate.guide === guide && candidate.step === step);
        expect({ control: control.id, guide, step, named: codeSpans(row?.what ?? '').includes(control.id) }).toEqual({ control: control.id, guide, step, named: true });
      }
    }
  });

  describe('against what the bundled environments synthesize', () => {
    const stacks = ['dev', 'prod'].flatMap((name) => {
      const file = `environments/${name}.yaml`;
      const synthesized = synth(model(readFileSync(join(ROOT, file), 'utf8'), file));
      return Object.values(synthesized).filter((json): json is TerraformJson => json !== undefined);
    });
    const all = new Set(stacks.flatMap((json) => addresses(json)));
    const types = new Set([...all].map((address) => address.split('.')[0]));
    const outputs = new Set(stacks.flatMap((json) => Object.keys(json.output ?? {})));

    test('every resource it names exists: exactly, or by type where the name is a placeholder', () => {
      const named = rows.flatMap((row) => codeSpans(row.what).filter((span) => /^aws_\w+\.\S+$/.test(span)));
      for (const address of named) {
        if (address.includes('<')) expect(types).toContain(address.split('.')[0]);
        else expect(all).toContain(address);
      }
    });

    test('every output it names exists', () => {
      const named = rows.flatMap((row) => [...`${row.what} ${row.verify}`.matchAll(/output `([a-z_]+)`/g)].map((match) => match[1]));
      expect(named.length).toBeGreaterThan(0);
      for (const output of named) expect(outputs).toContain(output);
    });

    test('every AWS Config rule it names is one the baseline deploys', () => {
      const identifiers = Object.values(CONFIG_RULES).map((rule) => rule.identifier);
      const named = rows.flatMap((row) => [...`${row.what} ${row.verify}`.matchAll(/Config `([A-Z_]+)`/g)].map((match) => match[1]));
      expect(named.length).toBeGreaterThan(0);
      for (const identifier of named) expect(identifiers).toContain(identifier);
    });
  });
});

describe('the README control table', () => {
  test('lists the catalogue, in order, with the Config rules that check each control', () => {
    const table = tableAfter('**Manual controls.**');
    expect(table.map(([id]) => id.replace(/`/g, ''))).toEqual(CONTROLS.map((control) => control.id));
    for (const [id, , rules] of table) {
      const control = CONTROLS.find((candidate) => candidate.id === id.replace(/`/g, ''))!;
      expect(codeSpans(rules)).toEqual([...control.configRules]);
    }
  });
});
