import type { TaskDecorator } from './task-decorator';

const linkTypeKey = 'link_type';

/**
 * Merges every stacked decorator's extra config. flytekit reads only the outermost decorator; we
 * merge all of them (outer wins on a clashing key) and join their `link_type`s with `,`, which
 * Flyte's log-link plugin already splits, so stacked trackers all get console links.
 */
export function mergeExtraConfig(decorators: readonly TaskDecorator[]): Record<string, string> {
  const merged: Record<string, string> = {};
  const linkTypes: string[] = [];
  for (const decorator of decorators) {
    const config = decorator.extraConfig();
    for (const [key, value] of Object.entries(config)) {
      if (key === linkTypeKey) {
        for (const linkType of value.split(',')) {
          if (linkType !== '' && !linkTypes.includes(linkType)) linkTypes.push(linkType);
        }
      } else if (!(key in merged)) {
        merged[key] = value;
      }
    }
  }
  if (linkTypes.length > 0) merged[linkTypeKey] = linkTypes.join(',');
  return merged;
}
