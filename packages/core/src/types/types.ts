import { blob, directory, file } from '../type-engine/blob-types';
import { json, list, map } from './collection-types';
import { enumeration } from './enum-type';
import {
  boolean,
  datetime,
  duration,
  float,
  int64,
  integer,
  none,
  preciseDuration,
  string,
} from './primitive-types';
import { struct } from './struct-type';
import { optional, union } from './union-types';
import { withDefault } from './with-default';

/** Builders for task interface types: `task({ inputs: { rows: types.list(types.float()) } })`. */
export const types = {
  integer,
  int64,
  float,
  string,
  boolean,
  datetime,
  duration,
  preciseDuration,
  none,
  optional,
  union,
  enumeration,
  struct,
  withDefault,
  list,
  map,
  json,
  file,
  directory,
  blob,
} as const;
