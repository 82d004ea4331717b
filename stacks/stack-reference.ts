import type { Construct } from 'constructs';
import type { EnvironmentModel } from '../model/environment';
import { EnvironmentStack } from './environment-stack';

/**
 * Another stack of the environment as a reader sees it: its name and its state's location, nothing
 * else. Synth builds each stack in an App of its own (synth/synthesize.ts), so a stack that reads
 * another one's outputs (`remoteStateOf`) gets this stand-in, created in a scope that is never
 * synthesized, instead of the other stack's whole construct tree.
 */
export class StackReference extends EnvironmentStack {
  constructor(scope: Construct, stackName: string, environment: EnvironmentModel) {
    super(scope, stackName, { environment });
  }
}
