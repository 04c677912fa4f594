/**
 * What an experiment records, in log order. Each event maps to one offline message and to one
 * item of an online request. `timestamp` is unix milliseconds, as Comet uses everywhere.
 */
export type CometEvent =
  | {
      readonly kind: 'metric';
      readonly name: string;
      readonly value: number | string;
      readonly step: number | null;
      readonly epoch: number | null;
      readonly context: string | null;
      readonly timestamp: number;
    }
  | {
      readonly kind: 'parameter';
      readonly name: string;
      readonly value: number | string | boolean | null | readonly (number | string | boolean | null)[];
      readonly step: number | null;
      readonly context: string | null;
      readonly timestamp: number;
    }
  | {
      readonly kind: 'other';
      readonly key: string;
      readonly value: number | string | boolean | null;
      readonly timestamp: number;
    }
  | { readonly kind: 'tags'; readonly tags: readonly string[]; readonly timestamp: number }
  | { readonly kind: 'html'; readonly html: string; readonly override: boolean; readonly timestamp: number }
  | { readonly kind: 'output'; readonly output: string; readonly stderr: boolean; readonly timestamp: number }
  | {
      readonly kind: 'asset';
      readonly fileName: string;
      /** The bytes, copied when logged so later changes to the source do not leak in. */
      readonly bytes: Uint8Array;
      readonly assetType: string;
      readonly step: number | null;
      readonly epoch: number | null;
      readonly context: string | null;
      readonly overwrite: boolean;
      readonly metadata: Readonly<Record<string, unknown>> | null;
      readonly timestamp: number;
    }
  | {
      readonly kind: 'artifact';
      readonly name: string;
      readonly type: string;
      readonly metadata: Readonly<Record<string, unknown>> | null;
      readonly aliases: readonly string[];
      readonly versionTags: readonly string[];
      readonly version: string | undefined;
      readonly files: readonly {
        readonly logicalPath: string;
        readonly bytes: Uint8Array;
        readonly metadata: Readonly<Record<string, unknown>> | null;
      }[];
      /** Told how the artifact ended up: the version Comet created, or archived offline. */
      readonly settle: (result: {
        artifactId?: string;
        artifactVersionId?: string;
        version?: string;
        archived: boolean;
      }) => void;
      readonly timestamp: number;
    };

export type CometEventKind = CometEvent['kind'];
