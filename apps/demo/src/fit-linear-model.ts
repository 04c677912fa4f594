/** Coefficients of `price = intercept + Σ weight·feature`, fitted by ordinary least squares. */
export interface LinearModel {
  intercept: number;
  weights: number[];
}

/** Solves the normal equations (XᵀX)β = Xᵀy with Gaussian elimination and partial pivoting. */
export function fitLinearModel(features: number[][], targets: number[]): LinearModel {
  const width = (features[0]?.length ?? 0) + 1;
  const normal = Array.from({ length: width }, () => new Array<number>(width + 1).fill(0));
  for (const [row, values] of features.entries()) {
    const x = [1, ...values];
    for (let i = 0; i < width; i++) {
      for (let j = 0; j < width; j++) normal[i]![j]! += x[i]! * x[j]!;
      normal[i]![width]! += x[i]! * targets[row]!;
    }
  }
  for (let column = 0; column < width; column++) {
    let pivot = column;
    for (let row = column + 1; row < width; row++) {
      if (Math.abs(normal[row]![column]!) > Math.abs(normal[pivot]![column]!)) pivot = row;
    }
    [normal[column], normal[pivot]] = [normal[pivot]!, normal[column]!];
    for (let row = 0; row < width; row++) {
      if (row === column) continue;
      const factor = normal[row]![column]! / normal[column]![column]!;
      for (let k = column; k <= width; k++) normal[row]![k]! -= factor * normal[column]![k]!;
    }
  }
  const solution = normal.map((row, index) => row[width]! / row[index]!);
  return { intercept: solution[0]!, weights: solution.slice(1) };
}

/** Root mean squared error of the model on the given rows. */
export function rootMeanSquaredError(model: LinearModel, features: number[][], targets: number[]): number {
  let sum = 0;
  for (const [row, values] of features.entries()) {
    const predicted = values.reduce(
      (total, value, index) => total + value * model.weights[index]!,
      model.intercept,
    );
    sum += (predicted - targets[row]!) ** 2;
  }
  return Math.sqrt(sum / Math.max(1, targets.length));
}
