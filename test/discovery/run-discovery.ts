/** Runs discovery against the guides recording, with some calls answered differently. */
import { discover, type DiscoverOptions, type Discovery } from '../../discovery/discover';
import { DiscoveryFailed } from '../../discovery/problems';
import { fakeClock, type FakeClock } from './fake-clock';
import { GUIDES_RECORDING, loadRecording, recordedClients, type Intercept, type MadeCall } from './recorded-clients';

export async function discoverGuides(intercept?: Intercept, options: DiscoverOptions = {}): Promise<Discovery & { readonly calls: MadeCall[]; readonly clock: FakeClock }> {
  const recorded = recordedClients(loadRecording(GUIDES_RECORDING), intercept);
  const clock = fakeClock();
  const result = await discover(recorded.clients, { clock, ...options });
  return { ...result, calls: recorded.calls, clock };
}

/** Discovery that must fail: its DiscoveryFailed, or the test fails saying what happened instead. */
export async function guidesFailure(intercept: Intercept, options: DiscoverOptions = {}): Promise<DiscoveryFailed> {
  try {
    await discoverGuides(intercept, options);
  } catch (error) {
    if (error instanceof DiscoveryFailed) return error;
    throw error;
  }
  throw new Error('discovery succeeded where it should have failed');
}
