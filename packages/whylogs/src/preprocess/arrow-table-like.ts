// Arrow tables are recognised by shape, not `instanceof`: apache-arrow is an optional peer dependency, and
// a user's table may come from another copy or major version of apache-arrow than any we could import.

/**
 * What whylogs reads from an Apache Arrow `Table` or `RecordBatch`: any copy or version of apache-arrow whose
 * tables have this shape (tested with majors 20 and 21).
 */
export interface ArrowTableLike {
  readonly schema: { readonly fields: readonly { readonly name: string }[] };
  readonly numRows: number;
  getChildAt(index: number): unknown;
}

/** Arrow's `Type` ids: the Arrow format's `Type` union (Schema.fbs), the same in every apache-arrow major. */
export const ArrowTypeId = {
  Null: 1,
  Int: 2,
  Float: 3,
  Bool: 6,
  Decimal: 7,
  Timestamp: 10,
  List: 12,
  FixedSizeList: 16,
  Utf8: 5,
  LargeUtf8: 20,
  LargeList: 21,
  Utf8View: 24,
  Dictionary: -1,
} as const;

/** The parts of an Arrow `DataType` the preprocessor reads. */
export interface ArrowDataType {
  readonly typeId: number;
  /** Int: 8, 16, 32 or 64. Decimal: 128 or 256. */
  readonly bitWidth?: number;
  readonly isSigned?: boolean;
  /** Float: 0 half, 1 single, 2 double. */
  readonly precision?: number;
  /** Decimal: digits after the point. */
  readonly scale?: number;
}

/** The parts of an Arrow `Data` chunk the preprocessor reads. */
export interface ArrowData {
  readonly type: ArrowDataType;
  readonly offset: number;
  readonly length: number;
  readonly nullCount: number;
  readonly values: ArrayLike<number> & ArrayBufferView;
  getValid(index: number): boolean;
}

/** The parts of an Arrow `Vector` (one column) the preprocessor reads. */
export interface ArrowVector {
  readonly type: ArrowDataType;
  readonly length: number;
  readonly nullCount: number;
  readonly data: readonly ArrowData[];
  get(index: number): unknown;
  isValid(index: number): boolean;
  toArray(): ArrayLike<unknown>;
}

/** Whether `data` has the shape of an Arrow Table or RecordBatch (from any apache-arrow version). */
export function isArrowTableLike(data: unknown): data is ArrowTableLike {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const candidate = data as Partial<ArrowTableLike>;
  return (
    typeof candidate.getChildAt === 'function' &&
    typeof candidate.numRows === 'number' &&
    typeof candidate.schema === 'object' &&
    candidate.schema !== null &&
    Array.isArray(candidate.schema.fields)
  );
}
