import { blob, directory, file } from '../type-engine/blob-types';
import { json, list, map } from './collection-types';
import { boolean, datetime, duration, float, integer, none, string } from './primitive-types';

/** Builders for task interface types: `task({ inputs: { rows: types.list(types.float()) } })`. */
export const types = {
  integer,
  float,
  string,
  boolean,
  datetime,
  duration,
  none,
  list,
  map,
  json,
  file,
  directory,
  blob,
} as const;
