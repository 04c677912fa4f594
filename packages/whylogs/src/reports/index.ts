export { WhylogsConstraintsRenderer } from './constraints-renderer';
export { profileSummaryHtml } from './profile-summary-report';
export { type Histogram, histogramFromSketch } from './report-charts';
export { WhylogsSummaryDriftRenderer } from './summary-drift-renderer';
