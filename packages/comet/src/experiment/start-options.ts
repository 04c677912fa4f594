import { type DeclaredOptions, type DeclaredValues, integerOption } from '@tasklens/core/plugin';
import type { TransportTuning } from '../online/online-sink';
import { flagOption, objectOption } from '../settings/comet-option-declaration';
import { experimentSettingDeclarations } from '../settings/experiment-settings-input';

/** Every option of `start()`, declared once: the settings plus client tuning. */
export const startOptionDeclarations = {
  ...experimentSettingDeclarations,
  /** Environment to read `COMET_*` from; default `process.env`; no env var. */
  environment: objectOption<Readonly<Record<string, string | undefined>>>(
    'an object of environment variables',
  ),
  /** How long the handshake may keep failing before the experiment goes offline, in ms; default 30000; no env var. */
  handshakeDeadlineMs: integerOption({ minimum: 0, defaultValue: 30_000 }),
  /** Delivery tuning (batch size, flush interval, offline deadline, retry back-off); default core's transport defaults; no env var. */
  transport: objectOption<TransportTuning>('an object of transport settings'),
  /** Offline archive checkpoint interval in ms; default 1000; no env var. */
  checkpointIntervalMs: integerOption({ minimum: 1, defaultValue: 1000 }),
  /**
   * Resolve only once Comet created the experiment (or it went offline), rejecting with an
   * `InvalidOptionError` naming `apiKey` when Comet refuses the key, as the SDK's `start()` raises;
   * default false: `start()` returns at once and the handshake runs in the background (see
   * `ready`); no env var.
   */
  waitForHandshake: flagOption({ defaultValue: false }),
};

/** Options of `start()`: the settings plus client tuning. */
export type StartOptions = DeclaredOptions<typeof startOptionDeclarations>;

/** `start()`'s options after validation, defaults applied. */
export type ResolvedStartOptions = DeclaredValues<typeof startOptionDeclarations>;
