import type { MetricComponent } from './metric-component';

type Components = Map<string, MetricComponent>;

/**
 * `DistributionMetric.merge`: mean and m2 combine with weights from the two KLL sizes, then the KLLs merge.
 * Writes the merged `distribution/*` components into `into`; returns false when either side lacks a KLL.
 */
export function mergeDistribution(left: Components, right: Components, into: Components): boolean {
  const leftKll = left.get('distribution/kll');
  const rightKll = right.get('distribution/kll');
  if (leftKll?.kind !== 'kll' || rightKll?.kind !== 'kll') return false;
  const leftMean = numberOf(left.get('distribution/mean'));
  const rightMean = numberOf(right.get('distribution/mean'));
  const leftM2 = numberOf(left.get('distribution/m2'));
  const rightM2 = numberOf(right.get('distribution/m2'));
  const leftN = leftKll.sketch.n;
  const rightN = rightKll.sketch.n;
  const delta = rightMean - leftMean;
  const total = leftN + rightN;
  let mean = 0;
  let m2 = 0;
  if (leftN !== 0 || rightN !== 0) {
    m2 = leftM2 + rightM2 + (delta * delta * leftN * rightN) / total;
    mean = (leftN / total) * leftMean + (rightN / total) * rightMean;
  }
  const kll = leftKll.sketch.clone();
  kll.merge(rightKll.sketch);
  into.set('distribution/kll', { typeId: leftKll.typeId, kind: 'kll', sketch: kll });
  into.set('distribution/mean', { typeId: 0, kind: 'd', value: mean });
  into.set('distribution/m2', { typeId: 0, kind: 'd', value: m2 });
  return true;
}

function numberOf(component: MetricComponent | undefined): number {
  return component?.kind === 'd' ? component.value : 0;
}
