import { cloneComponent } from '../metrics/component-codec';
import { mergeComponent } from '../metrics/merge-components';
import { mergeDistribution } from '../metrics/merge-distribution';
import type { MetricComponent } from '../metrics/metric-component';
import { type ColumnSummary, summarizeColumn } from '../summary/column-summary';
import { compareCodePoints } from '../wire/dataset-profile-header';

/** An immutable view of one column's metrics: components keyed by path (`counts/n`, `distribution/kll`, …). */
export class ColumnProfileView {
  private readonly components: Map<string, MetricComponent>;

  constructor(components: Map<string, MetricComponent>) {
    this.components = components;
  }

  /** Component paths in code-point order. */
  get componentPaths(): string[] {
    return [...this.components.keys()].sort(compareCodePoints);
  }

  /** Metric namespaces present (`counts`, `types`, `distribution`, …), sorted. */
  get metricNames(): string[] {
    return [...new Set(this.componentPaths.map((path) => path.slice(0, path.indexOf('/'))))];
  }

  /** The component at `path`, or undefined. Sketches are live objects: do not mutate them. */
  getComponent(path: string): MetricComponent | undefined {
    return this.components.get(path);
  }

  /** All components (a copy of the map, sharing the component objects). */
  getComponents(): Map<string, MetricComponent> {
    return new Map(this.components);
  }

  /** `ColumnProfileView.merge`: metrics present on one side are copied, shared ones combined. */
  merge(other: ColumnProfileView): ColumnProfileView {
    const merged = new Map<string, MetricComponent>();
    const right = other.components;
    const hasDistribution = mergeDistribution(this.components, right, merged);
    for (const [path, component] of this.components) {
      if (hasDistribution && path.startsWith('distribution/') && merged.has(path)) continue;
      const counterpart = right.get(path);
      merged.set(path, counterpart ? mergeComponent(component, counterpart) : cloneComponent(component));
    }
    for (const [path, component] of right) if (!merged.has(path)) merged.set(path, cloneComponent(component));
    return new ColumnProfileView(merged);
  }

  /** `to_summary_dict()`: `"<metric>/<field>"` → value. */
  toSummaryDict(): ColumnSummary {
    return summarizeColumn(this.components);
  }
}
