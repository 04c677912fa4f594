import { describe, expect, it } from 'vitest';
import { DatasetProfile } from '../profile/dataset-profile';
import { DatasetProfileView } from '../profile/dataset-profile-view';
import { toHex } from '../test-support/bytes';
import { decodeProfileFile } from './decode-profile-file';

// Spec §1.5: the whole file current whylogs emits for DataFrame({"a": [4, 2, 3, 5]}) at 1700000000000 ms.
const SPEC_FILE_HEX =
  '5748593100f8020a0e2080d095ffbc312880d095ffbc3112080a016112030a010020e6022a130800120f63617264696e616c6974792f686c6c2a0e0801120a636f756e74732f696e662a0c08021208636f756e74732f6e2a0e0803120a636f756e74732f6e616e2a0f0804120b636f756e74732f6e756c6c2a0f0805120b636f756e74732f747275652a1408061210646973747269627574696f6e2f6b6c6c2a130807120f646973747269627574696f6e2f6d322a1508081211646973747269627574696f6e2f6d65616e2a230809121f6672657175656e745f6974656d732f6672657175656e745f737472696e67732a0c080a1208696e74732f6d61782a0c080b1208696e74732f6d696e2a11080c120d74797065732f626f6f6c65616e2a14080d121074797065732f6672616374696f6e616c2a12080e120e74797065732f696e74656772616c2a10080f120c74797065732f6f626a6563742a100810120c74797065732f737472696e672a100811120c74797065732f74656e736f7205080218e0020a200800121c2a1a0a180201070c0308040081bc5d06862ff90d758166077b65e6080a060801120210000a060802120210040a060803120210000a060804120210000a060805120210000a5408061250324e0a4c06010f000004080004000000000000000004010000000000fc0300000000000000000040000000000000144000000000000014400000000000000840000000000000004000000000000010400a0d080712091900000000000014400a0d08081209190000000000000c400a5c0809125822560a5404010a0a03000000040000000000000004000000000000000000000000000000010000000000000001000000000000000100000000000000010000000000000001000000340100000032010000003301000000350a08080a1204080210050a08080b1204080110020a06080c120210000a06080d120210000a06080e120210040a06080f120210000a060810120210000a06081112021000';

function profileOfA(): DatasetProfileView {
  return new DatasetProfile({ creationTimestamp: 1700000000000, datasetTimestamp: 1700000000000 })
    .track([{ a: 4 }, { a: 2 }, { a: 3 }, { a: 5 }])
    .view();
}

describe('whylogs v1 .bin format', () => {
  it('writes the exact 741 bytes of spec §1.5 for {"a": [4, 2, 3, 5]}', () => {
    const bytes = profileOfA().serialize();
    expect(bytes.length).toBe(741);
    expect(toHex(bytes)).toBe(SPEC_FILE_HEX);
  });

  it('decodes the spec §1.5 file: header, 18 indexed paths, column offsets and components', () => {
    const file = decodeProfileFile(Buffer.from(SPEC_FILE_HEX, 'hex'));
    expect(file.properties.creationTimestamp).toBe(1700000000000);
    expect(file.properties.datasetTimestamp).toBe(1700000000000);
    const column = file.columns.get('a')!;
    expect([...column.keys()].sort()).toHaveLength(18);
    expect(column.get('ints/max')).toEqual({ typeId: 2, payload: { kind: 'n', value: 5n } });
    expect(column.get('ints/min')).toEqual({ typeId: 1, payload: { kind: 'n', value: 2n } });
    expect(column.get('distribution/mean')).toEqual({ typeId: 0, payload: { kind: 'd', value: 3.5 } });
    expect(column.get('distribution/m2')).toEqual({ typeId: 0, payload: { kind: 'd', value: 5 } });
    expect(column.get('counts/inf')).toEqual({ typeId: 0, payload: { kind: 'n', value: 0n } });
  });

  it('round-trips through serialize/deserialize to identical bytes', () => {
    const bytes = profileOfA().serialize();
    expect(toHex(DatasetProfileView.deserialize(bytes).serialize())).toBe(toHex(bytes));
  });

  it('accepts map entries in any order and unpacked offsets', () => {
    // Swap two ChunkMessage entries (counts/inf and counts/n) in the body; lengths are unchanged.
    const original = SPEC_FILE_HEX;
    const first = '0a06080112021000';
    const second = '0a06080212021004';
    const swapped = original.replace(first + second, second + first);
    expect(swapped).not.toBe(original);
    const view = DatasetProfileView.deserialize(Buffer.from(swapped, 'hex'));
    expect(view.toSummary().a!['counts/n']).toBe(4);
    expect(view.toSummary().a!['counts/inf']).toBe(0);
  });

  it('splits metadata into tags (whylogs.tag.*) and metadata, and merges them back on read', () => {
    const view = new DatasetProfile({
      creationTimestamp: 1,
      datasetTimestamp: 2,
      metadata: { 'whylogs.tag.team': 'ml', owner: 'me' },
    })
      .track([{ a: 1 }])
      .view();
    const file = decodeProfileFile(view.serialize());
    expect([...file.properties.tags]).toEqual([['whylogs.tag.team', 'ml']]);
    expect([...file.properties.metadata]).toEqual([['owner', 'me']]);
    const back = DatasetProfileView.deserialize(view.serialize());
    expect(Object.fromEntries(back.metadata)).toEqual({ 'whylogs.tag.team': 'ml', owner: 'me' });
    expect(back.creationTimestamp).toBe(1);
    expect(back.datasetTimestamp).toBe(2);
  });

  it('sorts columns and paths by code point, not UTF-16 unit', () => {
    // U+FF21 (fullwidth A) sorts before U+1F600 by code point, after it by UTF-16 unit.
    const view = new DatasetProfile({ creationTimestamp: 1 }).track([{ '😀': 1, Ａ: 2 }]).view();
    expect(view.columnNames).toEqual(['Ａ', '😀']);
    const back = DatasetProfileView.deserialize(view.serialize());
    expect(back.columnNames).toEqual(['Ａ', '😀']);
  });
});
