export { chiSquareSurvival } from './chi-square-distribution';
export { regularizedLowerGamma, regularizedUpperGamma } from './incomplete-gamma';
export { kolmogorovSmirnovSurvival, kolmogorovTwoSided } from './kolmogorov-two-sided';
export { smirnovSurvival } from './smirnov';
